package latentatlas.metrics;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Grams gathered around provisional means (each part around its own first rows' mean), re-centred on the
 * global means and merged, give the CKA of statistics centred on the global means from the start
 * (which LinearCkaTest checks against numpy). The re-centring is exact in double; what differs is the
 * rounding of the float32 block products of {@code x - m} (about 1e-6 relative over a few thousand rows,
 * as between any two block sizes), hence a tolerance of 2e-6, for data near 0 and 10 spreads away.
 */
class CkaRecentringTest {
    @Test
    void recentredPartsMergeToTheCentredCka() {
        check(0, new int[] {0, 3_000}, 2e-6);
        check(10, new int[] {0, 3_000}, 2e-6);
        check(0, new int[] {0, 1_000, 1_700, 3_000}, 2e-6);
        check(10, new int[] {0, 1_000, 1_700, 3_000}, 2e-6);
    }

    private static void check(double offset, int[] cuts, double tolerance) {
        SplittableRandom random = new SplittableRandom(5);
        int n = 3_000;
        int p = 7;
        int q = 5;
        float[] x = new float[n * p];
        float[] y = new float[n * q];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                x[i * p + j] = (float) (random.nextGaussian() + offset * (1 + j * 0.1));
            }
            for (int j = 0; j < q; j++) {
                y[i * q + j] = (float) (x[i * p + j] * 2 - x[i * p + j + 1] + random.nextGaussian() - 4 * offset);
            }
        }
        double[] meanX = mean(x, 0, n, p);
        double[] meanY = mean(y, 0, n, q);
        CkaStatistics direct = new CkaStatistics(meanX, meanY);
        direct.add(x, y, 0, n);
        CkaStatistics merged = null;
        for (int part = 0; part + 1 < cuts.length; part++) {
            int first = cuts[part];
            int count = cuts[part + 1] - first;
            CkaStatistics local = new CkaStatistics(mean(x, first, 50, p), mean(y, first, 50, q));
            local.add(x, y, first, count);
            double[] sumX = mean(x, first, count, p);
            double[] sumY = mean(y, first, count, q);
            for (int j = 0; j < p; j++) {
                sumX[j] *= count;
            }
            for (int j = 0; j < q; j++) {
                sumY[j] *= count;
            }
            CkaStatistics centred = local.recentred(sumX, sumY, meanX, meanY);
            if (merged == null) {
                merged = centred;
            } else {
                merged.merge(centred);
            }
        }
        assertEquals(n, merged.count());
        assertEquals(direct.linearCka(), merged.linearCka(), tolerance, "offset " + offset);
        CkaStatistics done = merged;
        assertThrows(IllegalStateException.class, done::debiasedCka);
    }

    private static double[] mean(float[] rows, int first, int count, int width) {
        double[] mean = new double[width];
        for (int i = first; i < first + count; i++) {
            for (int j = 0; j < width; j++) {
                mean[j] += rows[i * width + j];
            }
        }
        for (int j = 0; j < width; j++) {
            mean[j] /= count;
        }
        return mean;
    }
}
