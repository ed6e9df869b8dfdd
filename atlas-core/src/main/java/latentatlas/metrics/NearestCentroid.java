package latentatlas.metrics;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import latentatlas.InvalidInputException;
import latentatlas.compute.PowerOfTwo;
import latentatlas.space.LatentSpace;

import java.util.List;
import java.util.Arrays;
import java.util.TreeSet;

/**
 * Nearest class centroid, what the reference implementation calls "KNN" (docs/method.md §6): fitted on a
 * labelled space, it predicts {@code argmin_c ||x - mu_c||^2} with {@code mu_c} the mean of class
 * {@code c}; a tie goes to the smallest class label (as scikit-learn's {@code NearestCentroid}).
 *
 * <p>Prediction is one float32 matmul, {@code ||x - mu_c||^2 = ||x||^2 - 2 x.mu_c + ||mu_c||^2},
 * after centring both sides on the training mean and rescaling them by the power of two that brings the
 * centroids to a largest magnitude in {@code [0.5, 1)} (exact; the prediction does not depend on the scale,
 * and float32 squared norms of {@code 1e20 x} would overflow); centroids are accumulated in double.
 */
public final class NearestCentroid {
    private final int[] classes;
    private final float[] centroids;
    private final float[] mean;
    private final int dim;
    private final int exponent;

    private NearestCentroid(int[] classes, float[] centroids, float[] mean, int dim, int exponent) {
        this.classes = classes;
        this.centroids = centroids;
        this.mean = mean;
        this.dim = dim;
        this.exponent = exponent;
    }

    /**
     * @param train a labelled space
     * @return the classifier with one centroid per class present
     */
    public static NearestCentroid fit(LatentSpace train) {
        if (!train.hasLabels()) {
            throw new InvalidInputException(List.of("labels"), "the nearest-centroid classifier needs class labels, found a space without them");
        }
        int d = train.dim();
        int n = train.size();
        float[] x = train.rawVectors();
        int[] classes = new TreeSet<>(Arrays.stream(train.labels()).boxed().toList())
                .stream().mapToInt(Integer::intValue).toArray();
        double[] sums = new double[classes.length * d];
        double[] total = new double[d];
        long[] counts = new long[classes.length];
        for (int i = 0; i < n; i++) {
            int k = Arrays.binarySearch(classes, train.label(i));
            counts[k]++;
            for (int j = 0; j < d; j++) {
                sums[k * d + j] += x[i * d + j];
                total[j] += x[i * d + j];
            }
        }
        float[] mean = new float[d];
        for (int j = 0; j < d; j++) {
            mean[j] = (float) (total[j] / n);
        }
        float[] centroids = new float[sums.length];
        for (int k = 0; k < classes.length; k++) {
            for (int j = 0; j < d; j++) {
                centroids[k * d + j] = (float) (sums[k * d + j] / counts[k] - mean[j]);
            }
        }
        int e = PowerOfTwo.exponent(PowerOfTwo.maxAbs(centroids));
        PowerOfTwo.scaleInPlace(centroids, e);
        return new NearestCentroid(classes, centroids, mean, d, e);
    }

    /** @return the classes, ascending */
    public int[] classes() {
        return classes.clone();
    }

    /**
     * @param space rows of the same width as the training space
     * @return the predicted class of every row
     */
    public int[] predict(LatentSpace space) {
        if (space.dim() != dim) {
            throw new InvalidInputException("nearest centroid: fitted on width " + dim + ", asked to predict width "
                    + space.dim() + ": use spaces of the same chart");
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray c = RowBlocks.matrix(manager, centroids, classes.length, dim);
            NDArray mu = RowBlocks.matrix(manager, mean, 1, dim);
            NDArray x = PowerOfTwo.scaleInPlace(space.toNDArray(manager).sub(mu), exponent);
            NDArray score = c.square().sum(new int[] {1}).sub(x.matMul(c.transpose()).mul(2));
            long[] best = score.argMin(1).toLongArray();
            int[] out = new int[best.length];
            for (int i = 0; i < best.length; i++) {
                out[i] = classes[(int) best[i]];
            }
            return out;
        }
    }
}
