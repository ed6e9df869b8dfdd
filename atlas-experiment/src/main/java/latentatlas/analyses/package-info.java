/**
 * The analyses of docs/method.md §6 applied to one space of an experiment: linear CKA against the end-to-end
 * spaces (whole, shared and novel classes), classification probes (train -> test, and the reference's
 * 70/15/15 split of the test embeddings), nearest-centroid and cosine k-NN accuracy, class
 * separability, and k-means clustering scores with the silhouette. The scores are records
 * ({@link latentatlas.analyses.SpaceScores} of {@link latentatlas.analyses.SubsetScores},
 * {@link latentatlas.analyses.Clustering}, {@link latentatlas.analyses.Rows}) that Jackson writes to
 * {@code results.json} in component order, an absent value as an absent key.
 */
package latentatlas.analyses;
