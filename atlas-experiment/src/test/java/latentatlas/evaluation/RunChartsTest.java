package latentatlas.evaluation;

import latentatlas.InvalidInputException;
import latentatlas.atlas.AtlasModel;
import latentatlas.atlas.FittedAtlas;
import latentatlas.space.LatentSpace;
import latentatlas.space.LatentSpaces;
import latentatlas.tasks.Setting;
import latentatlas.tasks.Task;
import latentatlas.tasks.TaskPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run folder's charts as the merge's inputs: a hand-made plan of two chart tasks over 40 samples (30
 * training, 10 test), each chart's embeddings of every sample in {@code spaces/task-N/} as ChartBank writes
 * them: the charts' rows are their tasks' training samples (validation included), the anchors the plan's.
 */
class RunChartsTest {
    private static final long[] ANCHORS = {3, 7, 11, 12};

    private static TaskPlan plan() {
        Task all = new Task(0, new int[] {0, 1}, LongStream.range(0, 27).toArray(), LongStream.range(27, 30).toArray(),
                LongStream.range(30, 40).toArray());
        Task one = new Task(1, new int[] {0, 1}, new long[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, new long[] {13, 14},
                new long[] {30, 31});
        Task two = new Task(2, new int[] {0, 1}, new long[] {3, 7, 11, 12, 15, 16, 17, 18, 19, 20}, new long[] {21},
                new long[] {32, 33});
        return new TaskPlan("test", "fp", Setting.SHARED_CLASSES, 1, Map.of(), ANCHORS, new int[] {0, 1},
                List.of(all, one, two));
    }

    private static void embeddings(Path run, int task, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] v = new float[40 * 5];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        LatentSpaces.save(LatentSpace.of("e", LongStream.range(0, 40).toArray(), v, 5, new int[40]),
                run.resolve("spaces/task-" + task), "embeddings");
    }

    @Test
    void theChartsAreTheTasksTrainingRowsOnThePlansAnchors(@TempDir Path run) throws Exception {
        embeddings(run, 1, 1);
        embeddings(run, 2, 2);
        FittedAtlas fitted = RunCharts.builder(run, plan()).optAggregation(latentatlas.atlas.Aggregation.SHIFTED_MEAN).fit();
        assertEquals(List.of("task-1", "task-2"), fitted.charts());
        assertArrayEquals(ANCHORS, fitted.anchorIds());
        assertArrayEquals(LongStream.range(0, 15).toArray(), fitted.relative("task-1").space().ids());
        assertArrayEquals(new long[] {3, 7, 11, 12, 15, 16, 17, 18, 19, 20, 21}, fitted.relative("task-2").space().ids());
        // the shared ids: the anchors, the only training rows both tasks hold
        AtlasModel model = fitted.model();
        assertEquals(4, model.shiftIdCount());
        java.nio.file.Files.delete(run.resolve("spaces/task-2/embeddings.npy"));
        String message = assertThrows(InvalidInputException.class, () -> RunCharts.builder(run, plan())).getMessage();
        assertTrue(message.contains("chart task-2 has no embeddings"), message);
    }
}
