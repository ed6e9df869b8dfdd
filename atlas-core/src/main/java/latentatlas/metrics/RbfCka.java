package latentatlas.metrics;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import latentatlas.InvalidInputException;
import latentatlas.compute.PowerOfTwo;
import latentatlas.compute.Shuffles;
import latentatlas.space.LatentSpace;

import java.util.Arrays;
import java.util.Random;

/**
 * CKA with Gaussian (RBF) kernels (Kornblith et al. 2019):
 * {@code K_ij = exp(-||x_i - x_j||^2 / (2 m))}, {@code m} the median of the squared distances over all
 * {@code n^2} pairs (diagonal included, as in the reference {@code gram_rbf}), and
 * {@code CKA = HSIC(K, L) / sqrt(HSIC(K, K) HSIC(L, L))}, {@code HSIC(K, L) = tr(K H L H)}, computed as
 * {@code sum_ij (HKH)_ij L_ij} in double. The kernels are {@code n x n}, so {@code n} is capped at
 * {@link #MAX_SAMPLES}; larger spaces are subsampled to {@code maxSamples} ids, chosen by a seeded
 * shuffle (same seed, same ids). Scale-safe: each space is centred and rescaled by a power of two before
 * its float32 Gram ({@link PowerOfTwo}; the bandwidth makes the kernel scale-free), and the result is
 * range-checked ({@link Bounds}).
 */
public final class RbfCka {
    /** The largest n accepted: three n x n float matrices of 10,000^2 take 1.2 GB. */
    public static final int MAX_SAMPLES = 10_000;

    private RbfCka() {
    }

    /**
     * @param x a space
     * @param y a space over the same ids (joined by id)
     * @param maxSamples at most this many ids are used (2..{@link #MAX_SAMPLES}); when the spaces hold
     *     more, a seeded random subset of that size is drawn
     * @param seed the seed of the subset
     * @return RBF CKA in [0, 1]
     */
    public static double of(LatentSpace x, LatentSpace y, int maxSamples, long seed) {
        if (maxSamples < 2 || maxSamples > MAX_SAMPLES) {
            throw new InvalidInputException("RBF CKA sample cap: expected 2.." + MAX_SAMPLES + " (its kernels are"
                    + " n x n), found " + maxSamples + ": lower it, the spaces are then subsampled");
        }
        LatentSpace yAligned = Paired.alignTo(x, y);
        LatentSpace xs = x;
        if (x.size() > maxSamples) {
            int[] rows = Shuffles.sample(x.size(), maxSamples, new Random(seed));
            xs = x.rows(rows);
            yAligned = yAligned.rows(rows);
        }
        if (xs.size() < 2) {
            throw new InvalidInputException("RBF CKA needs at least 2 samples, found " + xs.size());
        }
        float[] k = kernel(xs, "first");
        float[] l = kernel(yAligned, "second");
        int n = xs.size();
        double kl = centredProduct(k, l, n);
        double kk = centredProduct(k, k, n);
        double ll = centredProduct(l, l, n);
        if (!(kk > 0 && ll > 0)) {
            throw new InvalidInputException("RBF CKA is undefined: the kernel of the " + (kk > 0 ? "second" : "first")
                    + " space has no variance once centred: compare spaces whose rows differ");
        }
        return Bounds.clamp("RBF CKA", kl / (Math.sqrt(kk) * Math.sqrt(ll)), 0, 1, Bounds.FLOAT32);
    }

    /** The RBF kernel, row-major n x n, from the Gram of the centred rows (centring keeps the distances). */
    private static float[] kernel(LatentSpace space, String which) {
        int n = space.size();
        double[] mean = LinearCka.columnMeans(space);
        float[] g;
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray xc = space.toNDArray(manager).sub(manager.create(toFloats(mean)).reshape(1, mean.length));
            PowerOfTwo.scaleInPlace(xc, PowerOfTwo.exponent(PowerOfTwo.maxAbs(xc)));
            g = xc.matMul(xc.transpose()).toFloatArray();
        }
        float[] upper = new float[n * (n - 1) / 2];
        int u = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                float sq = Math.max(0f, g[i * n + i] + g[j * n + j] - 2 * g[i * n + j]);
                g[i * n + j] = sq;
                upper[u++] = sq;
            }
        }
        double median = medianWithZeroDiagonal(upper, n);
        if (!(median > 0)) {
            throw new InvalidInputException("RBF CKA: the " + which + " space has a median squared distance of 0"
                    + " (most samples coincide), so the bandwidth is undefined: remove duplicate vectors");
        }
        for (int i = 0; i < n; i++) {
            g[i * n + i] = 1f;
            for (int j = i + 1; j < n; j++) {
                float value = (float) Math.exp(-g[i * n + j] / (2 * median));
                g[i * n + j] = value;
                g[j * n + i] = value;
            }
        }
        return g;
    }

    private static float[] toFloats(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }

    /**
     * The median of the n x n symmetric matrix of squared distances: n zeros (the diagonal, the smallest
     * values) and every upper-triangle value twice; the mean of the two middle values when n^2 is even.
     */
    private static double medianWithZeroDiagonal(float[] upper, int n) {
        Arrays.sort(upper);
        long total = (long) n * n;
        return total % 2 == 1 ? sorted(upper, n, total / 2)
                : (sorted(upper, n, total / 2 - 1) + sorted(upper, n, total / 2)) / 2;
    }

    private static double sorted(float[] upper, int n, long index) {
        return index < n ? 0 : upper[(int) ((index - n) / 2)];
    }

    /** {@code sum_ij (H A H)_ij B_ij}, A symmetric: {@code A_ij - r_i - r_j + g} with row means r, grand mean g. */
    private static double centredProduct(float[] a, float[] b, int n) {
        double[] rowMean = new double[n];
        double grand = 0;
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int j = 0; j < n; j++) {
                sum += a[i * n + j];
            }
            rowMean[i] = sum / n;
            grand += sum;
        }
        grand /= (double) n * n;
        double total = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                total += (a[i * n + j] - rowMean[i] - rowMean[j] + grand) * b[i * n + j];
            }
        }
        return total;
    }
}
