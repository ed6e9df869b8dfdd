package latentatlas.compute;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Exponents at the ends of float32, exact rescaling, and Gram sums scaled back in double. */
class PowerOfTwoTest {
    @Test
    void exponentsBringTheLargestMagnitudeIntoHalfToOne() {
        assertEquals(0, PowerOfTwo.exponent(0));
        assertEquals(0, PowerOfTwo.exponent(0.5));
        assertEquals(1, PowerOfTwo.exponent(1));
        assertEquals(1, PowerOfTwo.exponent(Math.nextDown(2.0)));
        assertEquals(128, PowerOfTwo.exponent(Float.MAX_VALUE));
        assertEquals(-148, PowerOfTwo.exponent(Float.MIN_VALUE));
        assertEquals(67, PowerOfTwo.exponent(1e20));
    }

    @Test
    void rescalesExactlyAtBothEndsOfFloat32() {
        float[] huge = {Float.MAX_VALUE, -1e38f, 3e20f};
        float[] tiny = {Float.MIN_VALUE, -3 * Float.MIN_VALUE, 0};
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray h = PowerOfTwo.scaleInPlace(manager.create(huge), PowerOfTwo.exponent(PowerOfTwo.maxAbs(manager.create(huge))));
            float[] expected = {Math.scalb(Float.MAX_VALUE, -128), Math.scalb(-1e38f, -128), Math.scalb(3e20f, -128)};
            assertArrayEquals(expected, h.toFloatArray(), 0f);
            int e = PowerOfTwo.exponent(PowerOfTwo.maxAbs(tiny));
            assertEquals(-147, e); // 3 * 2^-149 lies in [2^-148, 2^-147)
            NDArray t = PowerOfTwo.scaleInPlace(manager.create(tiny), e); // 2^147 takes two steps in float32
            assertArrayEquals(new float[] {0.25f, -0.75f, 0f}, t.toFloatArray(), 0f);
            float[] heap = tiny.clone();
            PowerOfTwo.scaleInPlace(heap, e);
            assertArrayEquals(new float[] {0.25f, -0.75f, 0f}, heap, 0f);
        }
    }

    /** The heap rescaling is Math.scalb's, bit for bit, for exponents across float32, subnormal results included. */
    @Test
    void heapRescalingIsScalbBitForBit() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        float[] values = new float[4096];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * Math.scalb(1.0, random.nextInt(-140, 120)));
        }
        for (int e : new int[] {-127, -60, -3, 0, 1, 7, 64, 126, 127, 140, -140}) {
            float[] scaled = values.clone();
            PowerOfTwo.scaleInPlace(scaled, e);
            for (int i = 0; i < values.length; i++) {
                assertEquals(Float.floatToRawIntBits(Math.scalb(values[i], -e)), Float.floatToRawIntBits(scaled[i]),
                        "value " + values[i] + ", e = " + e);
            }
        }
    }

    /** A Gram of 2^-e x, scaled back by 2^(2e) in double, is the Gram of x (which overflows float32 at 1e20). */
    @Test
    void gramSumsScaleBackInDouble() {
        float[] x = {1e20f, -2e20f, 3e20f, 5e19f};
        int e = PowerOfTwo.exponent(PowerOfTwo.maxAbs(x));
        double[] expected = new double[4];
        for (int i = 0; i < 2; i++) {
            for (int a = 0; a < 2; a++) {
                for (int b = 0; b < 2; b++) {
                    expected[a * 2 + b] += (double) x[i * 2 + a] * x[i * 2 + b];
                }
            }
        }
        double[] actual = new double[4];
        double[] cross = new double[4];
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray block = PowerOfTwo.scaleInPlace(Blocks.rows(manager, x, 0, 2, 2), e);
            GramSum gram = GramSum.symmetric(manager, 2);
            gram.add(block, Math.scalb(1.0, 2 * e));
            gram.addTo(actual);
            GramSum crossSum = GramSum.cross(manager, 2, 2);
            crossSum.add(block, block, Math.scalb(1.0, 2 * e));
            crossSum.addTo(cross);
        }
        for (int i = 0; i < 4; i++) {
            assertEquals(expected[i], actual[i], Math.abs(expected[i]) * 1e-6, "entry " + i);
            assertEquals(expected[i], cross[i], Math.abs(expected[i]) * 1e-6, "entry " + i);
        }
    }
}
