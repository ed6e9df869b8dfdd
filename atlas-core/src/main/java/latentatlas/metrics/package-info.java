/**
 * Measures of latent spaces (docs/method.md §6), each exact and streamed over row blocks so that no
 * allocation grows with {@code n^2}: pairwise work is an NDArray matmul of one block of rows against
 * all rows, in a sub-manager closed at the end of the block. Two spaces are compared on the same
 * sample ids, joined by id.
 *
 * <ul>
 *   <li>Centred kernel alignment (Kornblith et al., ICML 2019): linear CKA in feature form
 *       {@code ||Yc^T Xc||_F^2 / (||Xc^T Xc||_F ||Yc^T Yc||_F)}, streamed over row blocks; debiased
 *       linear CKA with the unbiased HSIC estimator (Song et al., JMLR 2012; Nguyen et al., ICLR 2021);
 *       RBF CKA with the median-distance bandwidth.</li>
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
 * {@link latentatlas.metrics.SpaceComparison} joins two spaces by id and computes every one of these
 * that applies (what {@code atlas compare} prints).
 */
package latentatlas.metrics;
