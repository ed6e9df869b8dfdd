/**
 * The atlas (docs/method.md §2): the relative spaces of several charts, all projected on the same
 * anchors, merged into one space by sample id, {@code atlas(x) = sum_t w_t rel_t(x) / sum_t w_t} over
 * the charts {@code t} that contain {@code x} (weights 1 give the paper's mean), or the first chart's
 * vector only (the reference's {@code single}); with the coverage of every id. Also the naive baseline
 * of docs/method.md §5, the union of the charts' absolute rows without any alignment.
 *
 * <p>{@link latentatlas.atlas.AtlasBuilder} is the one merge recipe (check the anchors, fit each chart's
 * relative projection on its own embeddings of the anchors, project, merge); it fits a
 * {@link latentatlas.atlas.FittedAtlas}, which keeps every chart's projector and relative space and
 * merges them into the {@link latentatlas.atlas.Atlas}.
 */
package latentatlas.atlas;
