/**
 * Zero-shot stitching of relative representations behind the atlas (docs/method.md §9; the paper's
 * reference script {@code federated_learning}): one classifier head {@code h} is trained on the atlas'
 * training rows, then placed behind each chart alone, which classifies any test sample as
 * {@code h(rel_t(x))}, or {@code h(rel_t(x) + s_t)} with the chart's shift
 * {@code s_t = mean over shared training samples i of (atlas(i) - rel_t(i))}. A test vector
 * {@code rel_t(x)} is the chart's own relative vector: no label and no membership decision enters it, so
 * a stitched head is deployable with a single model. {@link latentatlas.stitching.Stitching} is the entry
 * point; {@link latentatlas.stitching.StitchingResults} is what {@code results.json} records.
 */
package latentatlas.stitching;
