package latentatlas.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import latentatlas.InvalidInputException;
import latentatlas.TestSpaces;
import latentatlas.io.Npy;
import latentatlas.space.LatentSpace;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Against fixtures/cka/make_cka.py: the kernel form with H = I - 11^T/n in float64 numpy. */
class CkaTest {
    private static LatentSpace x;
    private static LatentSpace y;
    private static JsonNode expected;

    @BeforeAll
    static void load() throws IOException {
        x = space("x.npy");
        y = space("y.npy");
        expected = new ObjectMapper().readTree(TestSpaces.fixture("cka/cka.json").toFile());
    }

    private static LatentSpace space(String name) {
        Npy.Matrix m = TestSpaces.matrix("cka/" + name);
        long[] ids = new long[m.rows()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = 1000 + 3L * i;
        }
        return LatentSpace.of(name, ids, m.data(), m.cols(), null);
    }

    @Test
    void linearMatchesTheKernelForm() {
        assertEquals(expected.get("linear").asDouble(), LinearCka.of(x, y), 1e-5);
        assertEquals(1.0, LinearCka.of(x, x), 1e-6);
    }

    @Test
    void debiasedMatchesSongEtAl() {
        assertEquals(expected.get("debiased").asDouble(), LinearCka.debiased(x, y), 1e-4);
        assertEquals(1.0, LinearCka.debiased(y, y), 1e-6);
    }

    /** Rows added 7 at a time through one accumulator: the reference's CKA, as one add gives it. */
    @Test
    void anAccumulatorOfSmallBlocksGivesTheReference() {
        CkaStatistics statistics = new CkaStatistics(LinearCka.columnMeans(x), LinearCka.columnMeans(y));
        CkaStatistics.Accumulator accumulator = statistics.accumulator(7);
        for (int first = 0; first < x.size(); first += 7) {
            accumulator.add(x.rawVectors(), y.rawVectors(), first, Math.min(7, x.size() - first));
        }
        accumulator.close();
        accumulator.close(); // a second close adds nothing
        assertEquals(x.size(), statistics.count());
        assertEquals(expected.get("linear").asDouble(), statistics.linearCka(), 1e-5);
        assertEquals(expected.get("debiased").asDouble(), statistics.debiasedCka(), 1e-4);
        // float32 block products: 7-row blocks round differently from one block of every row
        assertEquals(LinearCka.statistics(x, y).linearCka(), statistics.linearCka(), 1e-6);
        assertThrows(IllegalStateException.class, () -> accumulator.add(x.rawVectors(), y.rawVectors(), 0, 1));
    }

    @Test
    void rbfMatchesTheMedianBandwidthReference() {
        assertEquals(expected.get("rbf").asDouble(), RbfCka.of(x, y, 1000, 1), 1e-4);
    }

    @Test
    void joinsByIdAndRejectsDifferentIdSets() {
        int[] reversed = new int[y.size()];
        for (int i = 0; i < reversed.length; i++) {
            reversed[i] = reversed.length - 1 - i;
        }
        LatentSpace shuffled = y.rows(reversed);
        assertEquals(LinearCka.of(x, y), LinearCka.of(x, shuffled), 1e-6);
        assertEquals(RbfCka.of(x, y, 1000, 1), RbfCka.of(x, shuffled, 1000, 1), 1e-6);
        LatentSpace fewer = y.rows(new int[] {0, 1, 2});
        assertThrows(InvalidInputException.class, () -> LinearCka.of(x, fewer));
        LatentSpace other = LatentSpace.of("o", shiftIds(y.ids()), y.rawVectors(), y.dim(), null);
        String message = assertThrows(InvalidInputException.class, () -> LinearCka.of(x, other)).getMessage();
        assertTrue(message.contains("id 1000 of the first is not in the second"), message);
    }

    private static long[] shiftIds(long[] ids) {
        for (int i = 0; i < ids.length; i++) {
            ids[i] += 1;
        }
        return ids;
    }

    @Test
    void invariantToOrthogonalMapsIsotropicScalingAndTranslation() {
        LatentSpace moved = TestSpaces.transform(y, TestSpaces.orthogonal(y.dim(), 5), 7.5, 3.0);
        assertEquals(LinearCka.of(x, y), LinearCka.of(x, moved), 1e-5);
        assertEquals(LinearCka.debiased(x, y), LinearCka.debiased(x, moved), 1e-4);
        assertEquals(RbfCka.of(x, y, 1000, 1), RbfCka.of(x, moved, 1000, 1), 1e-4);
    }

    /**
     * Against fixtures/cka/make_invariance.py: float64 numpy CKA of y against x scaled by 1e20 and 1e-30
     * (where float32 Grams overflow or underflow: before the rescaled blocks, 1e20 gave 0), rotated, and
     * scaled isotropically with a shift; each is CKA(x, y).
     */
    @Test
    void scaleSafeAndInvariantAgainstNumpy() throws IOException {
        JsonNode invariance = new ObjectMapper().readTree(TestSpaces.fixture("cka/invariance.json").toFile());
        for (String name : new String[] {"scaled_1e20", "scaled_1e-30", "rotated", "isotropic"}) {
            LatentSpace t = space("x_" + name + ".npy");
            assertEquals(invariance.get("linear").get(name).asDouble(), LinearCka.of(t, y), 1e-5, name);
            assertEquals(invariance.get("debiased").get(name).asDouble(), LinearCka.debiased(t, y), 1e-4, name);
            assertEquals(invariance.get("rbf").get(name).asDouble(), RbfCka.of(t, y, 1000, 1), 1e-4, name);
            assertEquals(LinearCka.of(x, y), LinearCka.of(t, y), 1e-6, name);
        }
        LatentSpace huge = space("x_scaled_1e20.npy");
        LatentSpace tiny = space("x_scaled_1e-30.npy");
        assertEquals(1.0, LinearCka.of(huge, x), 1e-6);
        assertEquals(1.0, LinearCka.of(tiny, x), 1e-6);
        assertEquals(1.0, LinearCka.of(huge, tiny), 1e-6);
        assertEquals(1.0, LinearCka.debiased(huge, x), 1e-6);
        assertEquals(1.0, RbfCka.of(huge, x, 1000, 1), 1e-5);
        assertTrue(LinearCka.of(x, x) <= 1.0, "clamped to [0, 1]");
    }

    @Test
    void aConstantSpaceIsAnErrorNotZero() {
        float[] constant = new float[x.size() * 3];
        java.util.Arrays.fill(constant, 2.5f);
        LatentSpace flat = LatentSpace.of("flat", x.ids(), constant, 3, null);
        String message = assertThrows(InvalidInputException.class, () -> LinearCka.of(x, flat)).getMessage();
        assertTrue(message.contains("the second space has zero variance (all 120 rows are the same vector)"), message);
        assertTrue(assertThrows(InvalidInputException.class, () -> LinearCka.of(flat, x)).getMessage()
                .contains("the first space has zero variance"));
        assertTrue(assertThrows(InvalidInputException.class, () -> LinearCka.debiased(flat, x)).getMessage()
                .contains("zero variance"));
        assertThrows(InvalidInputException.class, () -> RbfCka.of(x, flat, 1000, 1));
    }

    @Test
    void statisticsOfPartsMergeToTheWhole() {
        CkaStatistics whole = LinearCka.statistics(x, y);
        CkaStatistics first = new CkaStatistics(LinearCka.columnMeans(x), LinearCka.columnMeans(y));
        CkaStatistics second = new CkaStatistics(LinearCka.columnMeans(x), LinearCka.columnMeans(y));
        first.add(x.rawVectors(), y.rawVectors(), 0, 50);
        float[] xs = java.util.Arrays.copyOfRange(x.rawVectors(), 50 * x.dim(), x.rawVectors().length);
        float[] ys = java.util.Arrays.copyOfRange(y.rawVectors(), 50 * y.dim(), y.rawVectors().length);
        second.add(xs, ys, x.size() - 50);
        first.merge(second);
        assertEquals(whole.count(), first.count());
        assertEquals(whole.linearCka(), first.linearCka(), 1e-6); // float32 block Grams differ in rounding
        assertEquals(whole.debiasedCka(), first.debiasedCka(), 1e-6);
    }

    @Test
    void rbfSubsamplesReproduciblyAndRefusesHugeKernels() {
        double a = RbfCka.of(x, y, 60, 42);
        assertEquals(a, RbfCka.of(x, y, 60, 42), 0);
        assertNotEquals(a, RbfCka.of(x, y, 60, 43));
        String message = assertThrows(InvalidInputException.class, () -> RbfCka.of(x, y, 20_000, 1)).getMessage();
        assertTrue(message.contains("2..10000"), message);
    }

    /**
     * Three blocks of {@link CkaStatistics#BLOCK_ROWS} rows or fewer, columns far from zero (a Gram
     * before centring would lose the signal in float32), against centred sums written out in double here.
     */
    @Test
    void streamsOverSeveralBlocksAgainstADoubleReference() {
        int n = 2 * CkaStatistics.BLOCK_ROWS + 7_232;
        int p = 24;
        int q = 16;
        java.util.Random random = new java.util.Random(7);
        float[] xs = new float[n * p];
        float[] ys = new float[n * q];
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i;
            for (int j = 0; j < p; j++) {
                xs[i * p + j] = (float) (100 + j + random.nextGaussian());
            }
            for (int j = 0; j < q; j++) {
                ys[i * q + j] = (float) (-50 + xs[i * p + j] * xs[i * p + j + 1] / 100 + random.nextGaussian());
            }
        }
        double[][] xc = centred(xs, n, p);
        double[][] yc = centred(ys, n, q);
        double xx = crossNorm(xc, xc);
        double yy = crossNorm(yc, yc);
        double yx = crossNorm(yc, xc);
        double[] kx = rowNorms(xc);
        double[] ky = rowNorms(yc);
        double linear = yx / Math.sqrt(xx * yy);
        double debiased = hsic(yx, kx, ky) / Math.sqrt(hsic(xx, kx, kx) * hsic(yy, ky, ky));
        LatentSpace x = LatentSpace.of("x", ids, xs, p, null);
        LatentSpace y = LatentSpace.of("y", ids, ys, q, null);
        CkaStatistics statistics = LinearCka.statistics(x, y);
        assertEquals(n, statistics.count());
        assertEquals(linear, statistics.linearCka(), 1e-6);
        assertEquals(debiased, statistics.debiasedCka(), 1e-6);
        assertTrue(linear > 0.2 && linear < 0.9, "a CKA that tells centring errors apart: " + linear);
    }

    private static double[][] centred(float[] v, int n, int d) {
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += v[i * d + j] / (double) n;
            }
        }
        double[][] out = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                out[i][j] = v[i * d + j] - mean[j];
            }
        }
        return out;
    }

    /** @return {@code ||A^T B||_F^2} */
    private static double crossNorm(double[][] a, double[][] b) {
        double total = 0;
        for (int r = 0; r < a[0].length; r++) {
            for (int c = 0; c < b[0].length; c++) {
                double s = 0;
                for (int i = 0; i < a.length; i++) {
                    s += a[i][r] * b[i][c];
                }
                total += s * s;
            }
        }
        return total;
    }

    private static double[] rowNorms(double[][] a) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            for (double v : a[i]) {
                out[i] += v * v;
            }
        }
        return out;
    }

    /** {@code n(n-3) HSIC_u} in feature form (Song et al. 2012, eq. 5, with centred features). */
    private static double hsic(double crossNorm, double[] ka, double[] kb) {
        double m = ka.length;
        double products = 0;
        double sumA = 0;
        double sumB = 0;
        for (int i = 0; i < ka.length; i++) {
            products += ka[i] * kb[i];
            sumA += ka[i];
            sumB += kb[i];
        }
        return crossNorm - m / (m - 2) * products + sumA * sumB / ((m - 1) * (m - 2));
    }
}
