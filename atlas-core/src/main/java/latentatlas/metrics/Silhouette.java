package latentatlas.metrics;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import latentatlas.InvalidInputException;
import latentatlas.space.LatentSpace;

import java.util.HashMap;
import java.util.Map;

/**
 * Mean silhouette coefficient with Euclidean distances, as {@code sklearn.metrics.silhouette_score}:
 *
 * <pre>
 *   a(i) = sum_{j in C(i), j != i} ||x_i - x_j|| / (|C(i)| - 1)
 *   b(i) = min_{K != C(i)} mean_{j in K} ||x_i - x_j||
 *   s(i) = (b(i) - a(i)) / max(a(i), b(i))      (0 when |C(i)| = 1)
 *   score = mean_i s(i)
 * </pre>
 *
 * <p>Block-wise, with no {@code n x n} matrix: the data are centred (double mean) and rescaled by a power
 * of two (the score does not depend on the scale; float32 squared distances of {@code 1e20 x} would
 * overflow), then for each block
 * of rows the squared distances to all points come from one float32 matmul of augmented rows,
 * {@code [x, ||x||^2, 1] . [-2y, 1, ||y||^2] = ||x||^2 - 2 x.y + ||y||^2}, clamped at 0, square-rooted and multiplied by the {@code n x |K|} one-hot matrix of the
 * labels to give per-cluster sums. The distance of a row to itself is removed exactly. A block holds
 * at most {@link RowBlocks#ELEMENTS} distances, so memory is {@code O(n (d + |K|))}; time is
 * {@code O(n^2 d)}. Float32 distances: expect agreement with scikit-learn's float64 to about 1e-5.
 */
public final class Silhouette {
    private Silhouette() {
    }

    /**
     * @param space the points
     * @param labels the cluster of every row
     * @return the mean silhouette coefficient, in [-1, 1]
     * @throws InvalidInputException unless {@code 2 <= clusters <= n - 1}
     */
    public static double score(LatentSpace space, int[] labels) {
        int n = space.size();
        int d = space.dim();
        if (labels.length != n) {
            throw new InvalidInputException("silhouette: " + labels.length + " labels for " + n + " rows: give one per row");
        }
        Map<Integer, Integer> index = new HashMap<>();
        int[] cluster = new int[n];
        for (int i = 0; i < n; i++) {
            cluster[i] = index.computeIfAbsent(labels[i], key -> index.size());
        }
        int k = index.size();
        if (k < 2 || k > n - 1) {
            throw new InvalidInputException("silhouette needs between 2 and n - 1 = " + (n - 1)
                    + " clusters, found " + k);
        }
        long[] sizes = new long[k];
        for (int c : cluster) {
            sizes[c]++;
        }
        float[] centred = RowBlocks.centredRescaled(space);
        float[] left = new float[n * (d + 2)];
        float[] right = new float[n * (d + 2)];
        for (int i = 0; i < n; i++) {
            double sq = 0;
            for (int j = 0; j < d; j++) {
                float v = centred[i * d + j];
                sq += (double) v * v;
                left[i * (d + 2) + j] = v;
                right[i * (d + 2) + j] = -2 * v;
            }
            left[i * (d + 2) + d] = (float) sq;
            left[i * (d + 2) + d + 1] = 1;
            right[i * (d + 2) + d] = 1;
            right[i * (d + 2) + d + 1] = (float) sq;
        }
        double total = 0;
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray lhs = RowBlocks.matrix(manager, left, n, d + 2);
            NDArray rhsT = RowBlocks.matrix(manager, right, n, d + 2).transpose();
            float[] indicator = new float[n * k];
            for (int i = 0; i < n; i++) {
                indicator[i * k + cluster[i]] = 1f;
            }
            NDArray oneHot = RowBlocks.matrix(manager, indicator, n, k);
            int block = RowBlocks.rows(n, n);
            for (int start = 0; start < n; start += block) {
                int end = Math.min(n, start + block);
                int rows = end - start;
                float[] sums;
                float[] self;
                try (NDManager scope = manager.newSubManager()) {
                    NDArray dist = lhs.get(scope, new NDIndex("{}:{}", start, end)).matMul(rhsT)
                            .maximum(0f).powi(0.5);
                    sums = dist.matMul(oneHot).toFloatArray();
                    self = dist.get(new NDIndex(":, {}:{}", start, end)).diagonal().toFloatArray();
                }
                for (int r = 0; r < rows; r++) {
                    int own = cluster[start + r];
                    if (sizes[own] == 1) {
                        continue;
                    }
                    double a = ((double) sums[r * k + own] - self[r]) / (sizes[own] - 1);
                    double b = Double.POSITIVE_INFINITY;
                    for (int c = 0; c < k; c++) {
                        if (c != own) {
                            b = Math.min(b, sums[r * k + c] / (double) sizes[c]);
                        }
                    }
                    double m = Math.max(a, b);
                    total += m == 0 ? 0 : (b - a) / m;
                }
            }
        }
        return Bounds.clamp("silhouette", total / n, -1, 1, Bounds.FLOAT32);
    }
}
