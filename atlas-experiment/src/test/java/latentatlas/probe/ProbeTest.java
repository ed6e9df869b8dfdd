package latentatlas.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import latentatlas.charts.ProgressListener;
import latentatlas.charts.TrainingConfig;
import latentatlas.space.LatentSpace;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProbeTest {
    /** Row [1, 2, 3, 4]: mean 2.5, biased variance 1.25, so x' = (x - 2.5) / sqrt(1.25 + 1e-5). */
    @Test
    void instanceNormNormalisesEachRowOverItsFeatures() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {1, 2, 3, 4, 10, 10, 10, 14}, new Shape(2, 4));
            float[] out = ProbeArchitecture.instanceNorm(x).toFloatArray();
            double s1 = Math.sqrt(1.25 + 1e-5);
            double s2 = Math.sqrt(3.0 + 1e-5); // row 2: mean 11, deviations -1 -1 -1 3, variance 12/4
            float[] expected = {(float) (-1.5 / s1), (float) (-0.5 / s1), (float) (0.5 / s1), (float) (1.5 / s1),
                (float) (-1 / s2), (float) (-1 / s2), (float) (-1 / s2), (float) (3 / s2)};
            assertArrayEquals(expected, out, 1e-6f);
        }
    }

    /**
     * Three Gaussian classes in 8-d (unit noise, means 4 e_c, label-only structure): the classes are
     * separable up to ~0.5% overlap, so a trained probe must exceed 0.95 on held-out samples, on every
     * subset.
     */
    @Test
    void learnsSeparableClassesAndReportsSubsets() {
        LatentSpace train = gaussians(600, 1, 0);
        LatentSpace test = gaussians(600, 2, 1_000_000);
        try (Probe probe = Probe.fit(train, TrainingConfig.probe().withMaxEpochs(30), ProgressListener.NONE)) {
            Map<String, int[]> subsets = new LinkedHashMap<>();
            subsets.put("shared", new int[] {0});
            subsets.put("novel", new int[] {1, 2});
            subsets.put("absent", new int[] {7});
            ProbeResult r = probe.evaluate(test, subsets);
            assertEquals(600, r.samples());
            assertTrue(r.accuracy() > 0.95, "accuracy " + r.accuracy());
            assertTrue(r.subsets().get("shared") > 0.95 && r.subsets().get("novel") > 0.95, r.subsets().toString());
            assertTrue(Double.isNaN(r.subsets().get("absent")));
            assertArrayEquals(new int[] {0, 1, 2}, probe.classes());
        }
    }

    private static LatentSpace gaussians(int n, long seed, long firstId) {
        int d = 8;
        Random random = new Random(seed);
        long[] ids = new long[n];
        int[] labels = new int[n];
        float[] vectors = new float[n * d];
        for (int i = 0; i < n; i++) {
            ids[i] = firstId + i;
            labels[i] = i % 3;
            for (int j = 0; j < d; j++) {
                vectors[i * d + j] = (float) random.nextGaussian() + (j == labels[i] ? 4f : 0f);
            }
        }
        return LatentSpace.of("gaussians", ids, vectors, d, labels);
    }
}
