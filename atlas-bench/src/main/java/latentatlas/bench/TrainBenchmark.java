package latentatlas.bench;

import latentatlas.charts.Chart;
import latentatlas.charts.ChartTrainer;
import latentatlas.charts.SmallCnn;
import latentatlas.charts.TrainingConfig;
import latentatlas.charts.TrainingSchedule;
import latentatlas.dataset.Dataset;
import latentatlas.dataset.InputFeatures;
import latentatlas.dataset.Samples;
import latentatlas.experiment.PaperRunner;
import latentatlas.experiment.Profile;
import latentatlas.tasks.DatasetLabels;
import latentatlas.tasks.Setting;
import latentatlas.tasks.Task;
import latentatlas.tasks.TaskPlan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The work of {@code atlas bench train}: the charts that {@code atlas paper} trains in the shared-classes
 * setting (the end-to-end chart and every task's, quick profile: 2 epochs, Adam, clipping at 10, batches
 * of 100), trained by the production path ({@link ChartTrainer} on a {@link TrainingSchedule} with one
 * worker per core, one PyTorch thread each); and the same charts' data written for the PyTorch script
 * {@code bench/torch_train.py}, which trains them one after the other.
 *
 * <pre>{@code
 * List<TrainBenchmark.BenchChart> charts = TrainBenchmark.sharedClassesCharts(Datasets.open("fashion-mnist"), 100, 42);
 * TrainBenchmark.Timing java = TrainBenchmark.trainOnSchedule(data, charts, TrainingSchedule.perCore());
 * double imagesPerSecond = java.imagesPerSecond(charts);
 * }</pre>
 */
public final class TrainBenchmark {
    private TrainBenchmark() {
    }

    /**
     * One chart of the benchmark.
     *
     * @param name what the output calls it, e.g. {@code task-0}
     * @param task its task (training and validation samples cut to the benchmark's budget, no test samples)
     * @param config its training configuration, as the paper's quick profile trains it
     */
    public record BenchChart(String name, Task task, TrainingConfig config) {
    }

    /**
     * What a side took.
     *
     * @param seconds wall-clock seconds of the training
     * @param epochs epochs trained, over every chart
     */
    public record Timing(double seconds, int epochs) {
        /**
         * @param charts the charts trained (all charts of a benchmark have the same epochs budget)
         * @return training images per second: the charts' training samples times their epochs trained
         */
        public double imagesPerSecond(List<BenchChart> charts) {
            long perEpoch = charts.stream().mapToLong(c -> c.task().trainIds().length).sum();
            return perEpoch * ((double) epochs / charts.size()) / seconds;
        }
    }

    /**
     * The charts of the shared-classes setting of {@link PaperRunner#defaultSettings} on {@code data}, with
     * {@link Profile#QUICK}'s configuration, each task's training samples cut to their first
     * {@code batches x 100} (0: all) and its validation samples in the same proportion.
     *
     * @param data an image dataset (the benchmark's is Fashion-MNIST)
     * @param batches the most batches per chart and epoch, 0 for all
     * @param seed the plan's and the training's seed
     * @return the end-to-end chart first, then the tasks'
     */
    public static List<BenchChart> sharedClassesCharts(Dataset data, int batches, long seed) {
        TaskPlan plan = PaperRunner.defaultSettings(data.classCount()).get(Setting.SHARED_CLASSES.externalName())
                .plan(DatasetLabels.of(data), InputFeatures.of(data), seed);
        List<BenchChart> charts = new ArrayList<>();
        for (Task t : plan.tasks()) {
            // the configuration atlas paper trains this chart with (its epochs depend on the whole task's size)
            TrainingConfig config = Profile.QUICK.charts(true, seed, t.trainIds().length);
            long[] train = t.trainIds();
            long[] validation = t.validationIds();
            if (batches > 0 && (long) batches * config.batchSize() < train.length) {
                int kept = batches * config.batchSize();
                validation = Arrays.copyOf(validation, Math.max(1, (int) ((long) validation.length * kept / train.length)));
                train = Arrays.copyOf(train, kept);
            }
            charts.add(new BenchChart("task-" + t.index(), new Task(t.index(), t.classes(), train, validation, new long[0]),
                    config));
        }
        return charts;
    }

    /**
     * Trains every chart with the production trainer on {@code schedule}, in the given order.
     *
     * @param data the dataset
     * @param charts the charts
     * @param schedule the schedule
     * @return the wall-clock time and the epochs trained
     */
    public static Timing trainOnSchedule(Dataset data, List<BenchChart> charts, TrainingSchedule schedule) {
        List<Supplier<Integer>> jobs = new ArrayList<>();
        for (BenchChart c : charts) {
            ChartTrainer trainer = ChartTrainer.builder().setConfig(c.config()).optArchitecture(SmallCnn.factory()).build();
            jobs.add(() -> {
                try (Chart chart = trainer.train(data, c.task(), "bench")) {
                    return chart.manifest().history().size();
                }
            });
        }
        long start = System.nanoTime();
        int epochs = schedule.run(jobs).stream().mapToInt(Integer::intValue).sum();
        return new Timing((System.nanoTime() - start) / 1e9, epochs);
    }

    /**
     * Writes what {@code bench/torch_train.py} reads: {@code dir/charts.txt} (one line per chart: name,
     * classes, epochs, batch size, learning rate, clipping norm, patience, seed, training and validation
     * sample counts) and per chart {@code NAME.x}, {@code NAME.vx} (uint8 images) and {@code NAME.y},
     * {@code NAME.vy} (int64 little-endian local labels).
     *
     * @param data the dataset
     * @param charts the charts
     * @param dir an existing folder
     */
    public static void writeForPython(Dataset data, List<BenchChart> charts, Path dir) {
        StringBuilder lines = new StringBuilder();
        try {
            for (BenchChart c : charts) {
                Task t = c.task();
                TrainingConfig k = c.config();
                Samples train = data.train().select(t.trainIds());
                Samples validation = data.train().select(t.validationIds());
                Files.write(dir.resolve(c.name() + ".x"), train.pixels());
                Files.write(dir.resolve(c.name() + ".y"), localLabels(t, train));
                Files.write(dir.resolve(c.name() + ".vx"), validation.pixels());
                Files.write(dir.resolve(c.name() + ".vy"), localLabels(t, validation));
                lines.append(String.format(Locale.ROOT, "%s %d %d %d %s %s %d %d %d %d%n", c.name(), t.classCount(),
                        k.maxEpochs(), k.batchSize(), k.learningRate(), k.clipNorm(), k.patience(), k.seed(),
                        train.size(), validation.size()));
            }
            Files.writeString(dir.resolve("charts.txt"), lines);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the benchmark's data to " + dir + ": " + e.getMessage(), e);
        }
    }

    private static byte[] localLabels(Task task, Samples samples) {
        ByteBuffer b = ByteBuffer.allocate(8 * samples.size()).order(ByteOrder.LITTLE_ENDIAN);
        for (int label : samples.labels()) {
            b.putLong(task.localLabel(label));
        }
        return b.array();
    }
}
