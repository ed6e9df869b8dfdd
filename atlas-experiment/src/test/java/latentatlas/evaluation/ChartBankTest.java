package latentatlas.evaluation;

import latentatlas.charts.Chart;
import latentatlas.charts.ChartStore;
import latentatlas.charts.ProgressListener;
import latentatlas.charts.SmallCnn;
import latentatlas.charts.TorchRuntime;
import latentatlas.charts.TrainingConfig;
import latentatlas.charts.TrainingSchedule;
import latentatlas.dataset.Dataset;
import latentatlas.dataset.DatasetStatus;
import latentatlas.dataset.Datasets;
import latentatlas.tasks.Task;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The chart bank's embeddings, computed in chunks on a two-worker schedule, are bit for bit one pass of the
 * stored chart over each split (on one thread, as the workers), on real Fashion-MNIST images (2,000 training and 500 test images; chunks of
 * 750: three training chunks, the last one short, and one test chunk), and a second request reuses them.
 */
@Tag("real-data")
class ChartBankTest {
    private static final DatasetStatus FASHION_MNIST = Datasets.status("fashion-mnist");

    @Test
    void chunkedEmbeddingsAreOnePassOfTheStoredChart(@TempDir Path dir) {
        assumeTrue(FASHION_MNIST.found(), FASHION_MNIST.reason());
        Dataset full = Datasets.open("fashion-mnist");
        Dataset data = new Dataset(full.name(), full.classes(), full.train().select(LongStream.range(0, 2000).toArray()),
                full.test().select(LongStream.range(60000, 60500).toArray()), java.util.Map.of(),
                full.fingerprint() + "|first 2000 train, 500 test", java.util.Map.of());
        ChartKind kind = new ChartKind("small-cnn", data, SmallCnn.factory());
        List<ChartRequest> requests = List.of(request(dir, task(data, 1, new int[] {0, 1, 2, 3, 4, 5}), kind),
                request(dir, task(data, 2, new int[] {4, 5, 6, 7, 8, 9}), kind));
        List<ChartOutputs> outputs = new ChartBank(ProgressListener.NONE, 750).obtainAll(requests, new TrainingSchedule(2));
        for (int t = 0; t < 2; t++) {
            ChartOutputs o = outputs.get(t);
            assertEquals(t + 1, o.task());
            try (Chart chart = Chart.load(new ChartStore(dir).chartDir(t + 1))) {
                // one thread, as the schedule's workers (libtorch may split a kernel otherwise: another last bit)
                Chart.Outputs train = TorchRuntime.withThreads(1, () -> chart.outputs("train", data.train()));
                Chart.Outputs test = TorchRuntime.withThreads(1, () -> chart.outputs("test", data.test()));
                float[] expected = new float[(2500) * chart.embeddingDim()];
                System.arraycopy(train.embeddings().rawVectors(), 0, expected, 0, 2000 * chart.embeddingDim());
                System.arraycopy(test.embeddings().rawVectors(), 0, expected, 2000 * chart.embeddingDim(), 500 * chart.embeddingDim());
                assertArrayEquals(expected, o.embeddings().rawVectors(), "task " + (t + 1) + " embeddings");
                assertArrayEquals(LongStream.concat(LongStream.range(0, 2000), LongStream.range(60000, 60500)).toArray(),
                        o.embeddings().ids());
                float[] p = new float[2500 * 6];
                System.arraycopy(train.probabilities(), 0, p, 0, 2000 * 6);
                System.arraycopy(test.probabilities(), 0, p, 2000 * 6, 500 * 6);
                assertArrayEquals(p, o.probabilities(), "task " + (t + 1) + " probabilities");
            }
        }
        List<ChartOutputs> again = new ChartBank(ProgressListener.NONE).obtainAll(requests, new TrainingSchedule(2));
        assertArrayEquals(outputs.get(1).embeddings().rawVectors(), again.get(1).embeddings().rawVectors());
        assertTrue(again.get(0).trainSeconds() > 0);
    }

    private static ChartRequest request(Path dir, Task task, ChartKind kind) {
        return new ChartRequest(new ChartStore(dir), task, kind,
                TrainingConfig.charts().withMaxEpochs(1).withSeed(42).withDeterministic(true));
    }

    /** Task {@code index}: the samples of {@code classes}, training ids below 1,800, validation ids from 1,800 on. */
    private static Task task(Dataset data, int index, int[] classes) {
        java.util.Set<Integer> wanted = java.util.Arrays.stream(classes).boxed().collect(java.util.stream.Collectors.toSet());
        long[] train = data.train().ids();
        int[] labels = data.train().labels();
        long[] test = data.test().ids();
        int[] testLabels = data.test().labels();
        return new Task(index, classes,
                LongStream.range(0, 1800).filter(i -> wanted.contains(labels[(int) i])).map(i -> train[(int) i]).toArray(),
                LongStream.range(1800, 2000).filter(i -> wanted.contains(labels[(int) i])).map(i -> train[(int) i]).toArray(),
                LongStream.range(0, 500).filter(i -> wanted.contains(testLabels[(int) i])).map(i -> test[(int) i]).toArray());
    }
}
