package latentatlas.charts;

import latentatlas.dataset.Dataset;
import latentatlas.space.LatentSpace;
import latentatlas.tasks.Task;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Same seed, same chart (bit for bit); another seed, another chart; the store reuses only a matching chart. */
@Tag("real-data")
class ReproducibilityTest {
    @Test
    void sameSeedSameWeightsAndTheStoreKeepsOnlyMatchingCharts(@TempDir Path run) throws Exception {
        Dataset data = FashionMnistTasks.open();
        int[] classes = {0, 6};
        long[][] split = FashionMnistTasks.trainAndValidation(data, classes, 200);
        Task task = new Task(2, classes, split[0], split[1], Arrays.copyOf(FashionMnistTasks.testIds(data, classes), 200));
        TrainingConfig config = TrainingConfig.charts().withMaxEpochs(1).withSeed(3).withDeterministic(true);
        ChartTrainer trainer = ChartTrainer.builder().setConfig(config).build();
        float[] first;
        ChartStore store = new ChartStore(run);
        try (Chart a = trainer.train(data, task, "plan-a")) {
            first = a.embed("a", data.test().select(task.testIds())).rawVectors();
            store.write(task.index(), a::save);
        }
        try (Chart b = trainer.train(data, task, "plan-a")) {
            assertArrayEquals(first, b.embed("b", data.test().select(task.testIds())).rawVectors(), 0f);
        }
        ChartTrainer other = ChartTrainer.builder().setConfig(config.withSeed(4)).build();
        try (Chart c = other.train(data, task, "plan-a")) {
            LatentSpace space = c.embed("c", data.test().select(task.testIds()));
            assertFalse(Arrays.equals(first, space.rawVectors()));
        }
        assertTrue(store.isComplete(task.index(), trainer.configHash("plan-a", task)));
        assertFalse(store.isComplete(task.index(), other.configHash("plan-a", task)));
        assertFalse(store.isComplete(task.index(), trainer.configHash("plan-b", task)));
        try (var files = Files.list(store.chartDir(task.index()).getParent())) {
            assertArrayEquals(new Object[] {"task-2"}, files.map(p -> p.getFileName().toString()).toArray());
        }
    }
}
