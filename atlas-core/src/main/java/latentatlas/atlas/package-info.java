/**
 * The atlas (docs/method.md §2, §9): the spaces of several charts, all described on the same anchors,
 * merged into one space by sample id, {@code atlas(x) = sum_t w_t v_t(x) / sum_t w_t} over the charts
 * {@code t} that contain {@code x}, where {@code v_t(x)} is chart t's row in the atlas' coordinates under
 * the {@link latentatlas.atlas.Aggregation}: its relative vector (the paper's mean, weights 1), the relative
 * vector plus a per-chart shift ({@link latentatlas.atlas.Shifts}), or its absolute vector translated into a
 * reference chart's space by a map fitted on the anchors ({@link latentatlas.atlas.Translation}: orthogonal
 * Procrustes or least squares); or the first chart's vector only (the reference's {@code single}); with the
 * coverage of every id. Also the naive baseline of docs/method.md §5, the union of the charts' absolute rows
 * without any alignment.
 *
 * <p>{@link latentatlas.atlas.AtlasBuilder} is the one merge recipe (check the anchors, fit each chart's
 * relative projection on its own embeddings of the anchors, and the shifts or translations; project; merge);
 * it fits a {@link latentatlas.atlas.FittedAtlas}, which keeps the deployable
 * {@link latentatlas.atlas.AtlasModel} and every chart's rows and merges them into the
 * {@link latentatlas.atlas.Atlas}. The model, saved as a checked folder, maps new rows of any chart to atlas
 * rows by the same merge.
 */
package latentatlas.atlas;
