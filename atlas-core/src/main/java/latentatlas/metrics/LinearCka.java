package latentatlas.metrics;

import latentatlas.InvalidInputException;
import latentatlas.space.LatentSpace;

/**
 * Linear CKA (Kornblith et al. 2019) in feature form, exact and streamed:
 * {@code CKA(X, Y) = ||Yc^T Xc||_F^2 / (||Xc^T Xc||_F ||Yc^T Yc||_F)}, {@code Xc}, {@code Yc} the
 * column-centred spaces. Two passes: the column means in double, then the centred row blocks'
 * Grams ({@link CkaStatistics}). Cost O(n (p^2 + q^2 + pq)), memory O(p^2 + q^2) beyond the inputs,
 * against O(n^3) time and O(n^2) memory for the kernel form with {@code H = I - 11^T/n}.
 */
public final class LinearCka {
    private LinearCka() {
    }

    /**
     * @param x a space
     * @param y a space over the same ids (any order; joined by id)
     * @return linear CKA in [0, 1]
     */
    public static double of(LatentSpace x, LatentSpace y) {
        return statistics(x, y).linearCka();
    }

    /**
     * Debiased linear CKA: CKA with the unbiased HSIC estimator of Song et al. (2012) in place of the
     * biased one, as in Nguyen et al. (2021); needs at least 4 samples.
     *
     * @param x a space
     * @param y a space over the same ids
     * @return debiased CKA (near 0 for unrelated spaces, may be slightly negative)
     */
    public static double debiased(LatentSpace x, LatentSpace y) {
        CkaStatistics statistics = statistics(x, y);
        if (statistics.count() < 4) {
            throw new InvalidInputException("debiased CKA needs at least 4 samples, found "
                    + statistics.count());
        }
        return statistics.debiasedCka();
    }

    /** @return the streamed statistics of the two spaces joined by id */
    public static CkaStatistics statistics(LatentSpace x, LatentSpace y) {
        LatentSpace aligned = Paired.alignTo(x, y);
        CkaStatistics statistics = new CkaStatistics(columnMeans(x), columnMeans(aligned));
        statistics.add(x.rawVectors(), aligned.rawVectors(), 0, x.size());
        return statistics;
    }

    /** @return the column means of a space, summed in double */
    public static double[] columnMeans(LatentSpace space) {
        int d = space.dim();
        float[] v = space.rawVectors();
        double[] mean = new double[d];
        for (int i = 0; i < space.size(); i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += v[i * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= Math.max(1, space.size());
        }
        return mean;
    }
}
