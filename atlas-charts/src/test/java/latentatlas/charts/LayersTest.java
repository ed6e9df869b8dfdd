package latentatlas.charts;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The pooling layer of the image charts: in inference (strided maxima) and in training (the engine's
 * {@code max_pool2d}) it gives the values of the engine's own 2x2 max pooling, bit for bit, on even and odd
 * sizes, with ties and infinities (a NaN window gives NaN both ways; a window whose largest value is a zero of
 * both signs may give either sign); and it is saved as the engine's pooling block is.
 */
class LayersTest {
    private static float[] pooled(Block block, NDManager manager, NDArray x, boolean training) {
        return block.forward(new ParameterStore(manager, false), new NDList(x), training).singletonOrThrow().toFloatArray();
    }

    @Test
    void maxPoolMatchesTheEnginesKernel() {
        Random random = new Random(3);
        try (NDManager manager = NDManager.newBaseManager()) {
            Block pool = Layers.maxPool2();
            for (long[] shape : new long[][] {{5, 16, 28, 28}, {3, 2, 7, 9}, {2, 1, 4, 5}, {1, 3, 2, 2}}) {
                int n = (int) new Shape(shape).size();
                float[] values = new float[n];
                for (int i = 0; i < n; i++) {
                    int r = random.nextInt(20);
                    // many ties (zeros, a repeated value), signed zeros, infinities and NaN beside ordinary values
                    values[i] = r < 6 ? 0f : r == 6 ? -0f : r == 7 ? 1.5f : r == 8 ? Float.NEGATIVE_INFINITY
                            : r == 9 ? Float.POSITIVE_INFINITY : r == 10 ? Float.NaN : (float) random.nextGaussian();
                }
                NDArray x = manager.create(values, new Shape(shape));
                float[] expected = Pool.maxPool2d(x, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false).toFloatArray();
                assertEquals(shape[0] * shape[1] * (shape[2] / 2) * (shape[3] / 2), expected.length);
                assertBitwiseEqual(expected, pooled(pool, manager, x, false));
                assertBitwiseEqual(expected, pooled(pool, manager, x, true));
            }
        }
    }

    @Test
    void savedAsTheEnginesPoolingBlock() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block ours = Layers.maxPool2();
            Block engines = Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2));
            Shape input = new Shape(1, 16, 28, 28);
            ours.initialize(manager, DataType.FLOAT32, input);
            engines.initialize(manager, DataType.FLOAT32, input);
            assertArrayEquals(saved(engines), saved(ours));
        }
    }

    private static byte[] saved(Block block) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            block.saveParameters(out);
        }
        return bytes.toByteArray();
    }

    private static void assertBitwiseEqual(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            if (Float.isNaN(expected[i]) && Float.isNaN(actual[i])
                    || expected[i] == 0f && actual[i] == 0f) {
                continue; // NaN either way (its payload bits are the kernel's); a zero of either sign (equal numbers)
            }
            assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]),
                    "element " + i + ": expected " + expected[i] + ", found " + actual[i]);
        }
    }
}
