/**
 * Measures of latent spaces (method.md §6), each exact and streamed over row blocks so that no
 * allocation grows with {@code n^2}: pairwise work is an NDArray matmul of one block of rows against
 * all rows, in a sub-manager closed at the end of the block.
 *
 * <ul>
 *   <li>{@link latentatlas.metrics.ClassSeparability}: mean over class pairs of centroid distance
 *       divided by mean within-class spread;</li>
 *   <li>{@link latentatlas.metrics.NearestCentroid} and {@link latentatlas.metrics.CosineKnn}
 *       classifiers, scored by {@link latentatlas.metrics.Accuracy};</li>
 *   <li>{@link latentatlas.metrics.KMeans} (k-means++, Lloyd), {@link latentatlas.metrics.Silhouette}
 *       and {@link latentatlas.metrics.ClusteringScores} (homogeneity, completeness, V-measure and
 *       mutual information as scikit-learn defines them);</li>
 *   <li>{@link latentatlas.metrics.NeighbourhoodAgreement} of two spaces on the same ids (Jaccard of
 *       k-nearest-neighbour sets, mean reciprocal rank of the counterpart).</li>
 * </ul>
 */
package latentatlas.metrics;
