package latentatlas.metrics;

/**
 * A fitted k-means clustering (see {@link KMeans}).
 *
 * @param labels the cluster ({@code 0..k-1}) of every row, in row order
 * @param centroids the {@code k x dim} cluster means, row-major, in the input's coordinates
 * @param dim the vector width
 * @param inertia {@code sum_i ||x_i - mu_{l(i)}||^2}, in double
 * @param iterations Lloyd iterations of the kept run
 */
public record KMeansClustering(int[] labels, float[] centroids, int dim, double inertia, int iterations) {
    /** @return the number of clusters */
    public int clusters() {
        return centroids.length / dim;
    }
}
