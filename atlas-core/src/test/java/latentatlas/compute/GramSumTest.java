package latentatlas.compute;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Against sums of products written out in double here, over several blocks and uneven column tiles. */
class GramSumTest {
    private static final int ROWS = 65;
    private static final int SPLIT = 40;

    private static float[] random(int n, int d, long seed) {
        Random random = new Random(seed);
        float[] v = new float[n * d];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    /** @return {@code sum_i left[i, a] right[i, b]} for every (a, b), row-major, in double */
    private static double[] reference(float[] left, int r, float[] right, int c) {
        double[] out = new double[r * c];
        for (int i = 0; i < ROWS; i++) {
            for (int a = 0; a < r; a++) {
                double l = left[i * r + a];
                for (int b = 0; b < c; b++) {
                    out[a * c + b] += l * right[i * c + b];
                }
            }
        }
        return out;
    }

    private static void assertClose(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-4, "entry " + i); // float32 products of at most 40 terms
        }
    }

    @Test
    void symmetricSumsOverBlocksAndTilesMatchTheFullGram() {
        int d = 1100; // three column tiles of 367, 367 and 366
        float[] x = random(ROWS, d, 1);
        double[] actual = new double[d * d];
        try (NDManager manager = NDManager.newBaseManager()) {
            GramSum sum = GramSum.symmetric(manager, d);
            sum.add(Blocks.rows(manager, x, 0, SPLIT, d));
            sum.add(Blocks.rows(manager, x, SPLIT, ROWS - SPLIT, d));
            sum.addTo(actual);
            assertThrows(IllegalStateException.class, () -> sum.add(manager.zeros(new Shape(1, d)),
                    manager.zeros(new Shape(1, d))));
        }
        assertClose(reference(x, d, x, d), actual);
    }

    @Test
    void crossSumsMatchAndAddToWhatIsThere() {
        int p = 700;
        int q = 30;
        float[] x = random(ROWS, p, 2);
        float[] y = random(ROWS, q, 3);
        double[] actual = new double[q * p];
        actual[5] = 2.5;
        try (NDManager manager = NDManager.newBaseManager()) {
            GramSum sum = GramSum.cross(manager, q, p);
            sum.add(Blocks.rows(manager, y, 0, SPLIT, q), Blocks.rows(manager, x, 0, SPLIT, p));
            sum.add(Blocks.rows(manager, y, SPLIT, ROWS - SPLIT, q), Blocks.rows(manager, x, SPLIT, ROWS - SPLIT, p));
            sum.addTo(actual);
        }
        double[] expected = reference(y, q, x, p);
        expected[5] += 2.5;
        assertClose(expected, actual);
    }
}
