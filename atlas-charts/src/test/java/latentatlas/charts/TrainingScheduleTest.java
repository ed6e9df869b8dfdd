package latentatlas.charts;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import latentatlas.InvalidInputException;
import latentatlas.dataset.Dataset;
import latentatlas.tasks.Task;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Charts trained at once on a {@link TrainingSchedule} are the same bit for bit as each trained alone
 * with one thread: three small real Fashion-MNIST tasks with different seeds (one with augmentation),
 * on three workers, against the same three trained one after the other on the calling thread.
 */
class TrainingScheduleTest {
    @Test
    @Tag("real-data")
    void concurrentChartsEqualChartsTrainedAloneBitForBit() {
        Dataset data = FashionMnistTasks.open();
        int[][] classes = {{0, 6}, {2, 4}, {1, 7, 9}};
        List<Task> tasks = new ArrayList<>();
        for (int t = 0; t < classes.length; t++) {
            long[][] split = FashionMnistTasks.trainAndValidation(data, classes[t], 150);
            tasks.add(new Task(t + 1, classes[t], split[0], split[1],
                    Arrays.copyOf(FashionMnistTasks.testIds(data, classes[t]), 100)));
        }
        List<ChartTrainer> trainers = List.of(trainer(11, Augmentation.NONE), trainer(12, Augmentation.NONE),
                trainer(13, ImageAugmentation.standard()));
        List<Supplier<Trained>> jobs = new ArrayList<>();
        for (int t = 0; t < tasks.size(); t++) {
            int k = t;
            jobs.add(() -> Trained.of(trainers.get(k), data, tasks.get(k)));
        }
        List<Trained> together = new TrainingSchedule(3).run(jobs);
        for (int t = 0; t < tasks.size(); t++) {
            int k = t;
            // alone on one thread too: with two, libtorch may split a reduction otherwise (on an Intel Xeon
            // the first embedding differed in its last bit; on an AMD EPYC it did not)
            Trained alone = TorchRuntime.withThreads(1, () -> Trained.of(trainers.get(k), data, tasks.get(k)));
            assertEquals(1, together.get(t).threads(), "a worker trains on one intra-op thread");
            assertArrayEquals(alone.embeddings(), together.get(t).embeddings(), 0f, "task " + (t + 1) + ": embeddings");
            assertArrayEquals(alone.losses(), together.get(t).losses(), 0.0, "task " + (t + 1) + ": loss history");
        }
        assertFalse(Arrays.equals(together.get(0).embeddings(), together.get(1).embeddings()));
    }

    @Test
    void aFailingJobIsThrownAsItWasAndResultsKeepTheJobsOrder() {
        InvalidInputException failure = new InvalidInputException("--x: expected 1, found 2");
        List<Supplier<Integer>> failing = List.of(() -> 1, () -> {
            throw failure;
        }, () -> 3);
        assertSame(failure, assertThrows(InvalidInputException.class, () -> new TrainingSchedule(2).run(failing)));
        List<Supplier<Integer>> counts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int k = i;
            counts.add(() -> k * 10 + TorchRuntime.threads());
        }
        assertEquals(List.of(1, 11, 21, 31, 41), new TrainingSchedule(2).run(counts));
        assertEquals(List.of(1, 11), new TrainingSchedule(1).run(counts.subList(0, 2)), "inline, on one thread too");
        assertThrows(IllegalArgumentException.class, () -> new TrainingSchedule(0));
    }

    /** Without the lock, the other thread's seeding would land between this thread's seeding and its draws. */
    @Test
    void theGeneratorIsSeededAndDrawnUnderOneLock() throws InterruptedException {
        float[] alone = TorchRuntime.seeded(5, TrainingScheduleTest::draw);
        CountDownLatch inside = new CountDownLatch(1);
        Thread other = new Thread(() -> {
            try {
                inside.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            TorchRuntime.seeded(6, TrainingScheduleTest::draw);
        });
        other.start();
        float[] raced = TorchRuntime.seeded(5, () -> {
            inside.countDown();
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return draw();
        });
        other.join();
        assertArrayEquals(alone, raced, 0f);
    }

    private static float[] draw() {
        try (NDManager m = NDManager.newBaseManager()) {
            return m.randomUniform(0, 1, new Shape(16)).toFloatArray();
        }
    }

    private static ChartTrainer trainer(long seed, Augmentation augmentation) {
        return ChartTrainer.builder().optAugmentation(augmentation)
                .setConfig(TrainingConfig.charts().withMaxEpochs(2).withSeed(seed).withDeterministic(true)).build();
    }

    /** What a trained chart is compared by: its test embeddings, its loss history, its thread count. */
    private record Trained(float[] embeddings, double[] losses, int threads) {
        static Trained of(ChartTrainer trainer, Dataset data, Task task) {
            try (Chart chart = trainer.train(data, task, "plan")) {
                double[] losses = chart.manifest().history().stream()
                        .flatMapToDouble(e -> java.util.stream.DoubleStream.of(e.trainLoss(), e.validationLoss())).toArray();
                return new Trained(chart.embed("c", data.test().select(task.testIds())).rawVectors(), losses,
                        TorchRuntime.threads());
            }
        }
    }
}
