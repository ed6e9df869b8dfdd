package latentatlas.probe;

import latentatlas.InvalidInputException;
import latentatlas.charts.ProgressListener;
import latentatlas.charts.TrainingConfig;
import latentatlas.space.LatentSpace;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The learned task embedding on a case where the class needs the task: x in R^4 is one of two blobs
 * (x0 = +-2, noise 0.3), and the class is {@code 2 t + (x0 > 0)}, so x alone gives at most 50% and
 * {@code [x ; e_t]} can give ~100% only if the learned e_0 and e_1 differ.
 */
class TaskEmbeddingTest {
    private static final int D = 4;

    @Test
    void learnedVectorsSeparateTheTasksAndTheProbeUsesThem() {
        LatentSpace train = rows(2_000, 1);
        LatentSpace test = rows(1_000, 2);
        TrainingConfig config = TrainingConfig.probe().withMaxEpochs(20).withSeed(7);
        float[] e = TaskEmbedding.learn(train, 2, config, ProgressListener.NONE);
        assertEquals(2 * TaskEmbedding.DIM, e.length);
        double gap = 0;
        for (int j = 0; j < TaskEmbedding.DIM; j++) {
            gap += Math.pow(e[j] - e[TaskEmbedding.DIM + j], 2);
        }
        assertTrue(Math.sqrt(gap) > 0.1, "e_0 and e_1 are " + Math.sqrt(gap) + " apart");
        LatentSpace learnedTrain = TaskEmbedding.apply("t", train, 2, e);
        LatentSpace learnedTest = TaskEmbedding.apply("t", test, 2, e);
        try (Probe probe = Probe.fit(learnedTrain, config, ProgressListener.NONE)) {
            double accuracy = probe.evaluate(learnedTest, java.util.Map.of()).accuracy();
            assertTrue(accuracy > 0.95, "probe on [x ; e_t]: " + accuracy);
        }
        LatentSpace xTrain = LatentSpace.of("x", train.ids(), xOnly(train), D, train.labels());
        try (Probe probe = Probe.fit(xTrain, config, ProgressListener.NONE)) {
            double accuracy = probe.evaluate(LatentSpace.of("x", test.ids(), xOnly(test), D, test.labels()), java.util.Map.of())
                    .accuracy();
            assertTrue(accuracy < 0.6, "probe on x alone: " + accuracy);
        }
    }

    @Test
    void applyReplacesTheOneHotByTheTaskVector() {
        float[] v = {1, 2, 0, 1, 3, 4, 1, 0};  // [x ; onehot] with x 2-wide, 2 tasks: tasks 1 and 0
        LatentSpace s = LatentSpace.of("s", new long[] {10, 11}, v, 4, new int[] {0, 1});
        float[] e = new float[2 * TaskEmbedding.DIM];
        for (int j = 0; j < e.length; j++) {
            e[j] = j;
        }
        LatentSpace out = TaskEmbedding.apply("out", s, 2, e);
        assertEquals(2 + TaskEmbedding.DIM, out.dim());
        float[] row0 = java.util.Arrays.copyOfRange(out.rawVectors(), 0, out.dim());
        assertEquals(1, row0[0]);
        assertEquals(2, row0[1]);
        assertArrayEquals(java.util.Arrays.copyOfRange(e, TaskEmbedding.DIM, 2 * TaskEmbedding.DIM),
                java.util.Arrays.copyOfRange(row0, 2, out.dim()));
        assertEquals(0f, out.rawVectors()[out.dim() + 2]);
        LatentSpace none = LatentSpace.of("s", new long[] {1}, new float[] {1, 2, 0, 0}, 4, new int[] {0});
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> TaskEmbedding.apply("n", none, 2, e));
        assertEquals("n: row 0 (id 1) has no task bit set", error.getMessage());
    }

    private static float[] xOnly(LatentSpace s) {
        float[] out = new float[s.size() * D];
        for (int i = 0; i < s.size(); i++) {
            System.arraycopy(s.rawVectors(), i * (D + 2), out, i * D, D);
        }
        return out;
    }

    private static LatentSpace rows(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] v = new float[n * (D + 2)];
        long[] ids = new long[n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int task = random.nextInt(2);
            boolean positive = random.nextBoolean();
            for (int j = 0; j < D; j++) {
                v[i * (D + 2) + j] = (float) ((j == 0 ? (positive ? 2 : -2) : 0) + 0.3 * (random.nextDouble() * 2 - 1));
            }
            v[i * (D + 2) + D + task] = 1;
            ids[i] = seed * 1_000_000 + i;
            labels[i] = 2 * task + (positive ? 1 : 0);
        }
        return LatentSpace.of("rows", ids, v, D + 2, labels);
    }
}
