package latentatlas.bench;

import latentatlas.InvalidInputException;
import latentatlas.charts.TrainingSchedule;
import latentatlas.dataset.Dataset;
import latentatlas.dataset.DatasetStatus;
import latentatlas.dataset.Datasets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code atlas bench train}: the charts of the Fashion-MNIST shared-classes plan, as {@code atlas paper}
 * trains them (the end-to-end chart and every task's, quick profile), trained by the production schedule
 * ({@link TrainingSchedule#perCore}: one chart per core, one PyTorch thread each) and by the bundled
 * PyTorch script {@code bench/torch_train.py} one after the other with {@code --threads} threads (same
 * data, epochs, batches, network, optimiser, clipping, validation and early stopping), alternated
 * {@code --repeat} times in the same run; prints the median images/s of each and their ratio, last.
 */
@Command(name = "train", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Training the charts of the Fashion-MNIST shared-classes plan (end-to-end + tasks, quick"
                + " profile): the production schedule (one chart per core, one PyTorch thread each) beside"
                + " PyTorch from Python training the same charts one after the other, measured alternately"
                + " in the same run.",
            "Prints the median images/s of each and, last, the ratio Java / PyTorch."})
public final class BenchTrainCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Option(names = "--batches", defaultValue = "100",
            description = "Batches of 100 per chart and epoch (each task's first samples; 0: all, as atlas paper).")
    private int batches;

    @Option(names = "--warmup", defaultValue = "10", description = "Batches each side trains before its timings.")
    private int warmup;

    @Option(names = "--threads", defaultValue = "0",
            description = "PyTorch threads of the Python side; 0: the cores the JVM may use.")
    private int threads;

    @Option(names = "--repeat", defaultValue = "2", description = "Alternating measurements of each side (the medians are compared).")
    private int repeat;

    @Option(names = "--seed", defaultValue = "42", description = "The plan's and the training's seed.")
    private long seed;

    @Option(names = "--python", defaultValue = "/usr/bin/python3",
            description = "Python with torch (Debian: python3-torch, installed by scripts/ensure-deps --dev).")
    private String python;

    /** Refuses {@code --NAME value} below {@code min} in one line naming the option (the CLI adds the flag). */
    private static void atLeast(String name, int value, int min, String hint) {
        if (value < min) {
            throw new InvalidInputException(List.of(name), "expected an integer >= " + min + hint + ", found " + value);
        }
    }

    @Override
    public void run() {
        atLeast("batches", batches, 0, " (0: whole tasks)");
        atLeast("warmup", warmup, 0, "");
        atLeast("threads", threads, 0, " (0: every core)");
        atLeast("repeat", repeat, 1, "");
        PrintWriter out = spec.commandLine().getOut();
        DatasetStatus status = Datasets.status("fashion-mnist");
        if (!status.found()) {
            throw new InvalidInputException(List.of("dataset"), "bench train needs Fashion-MNIST: " + status.reason());
        }
        Dataset data = Datasets.open("fashion-mnist");
        List<TrainBenchmark.BenchChart> charts = TrainBenchmark.sharedClassesCharts(data, batches, seed);
        TrainingSchedule schedule = TrainingSchedule.perCore();
        int pythonThreads = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
        for (TrainBenchmark.BenchChart c : charts) {
            out.printf(Locale.ROOT, "%s: %d classes, %d training images x %d epochs, %d validation images%n", c.name(),
                    c.task().classCount(), c.task().trainIds().length, c.config().maxEpochs(),
                    c.task().validationIds().length);
        }
        out.flush();
        Path dir = dataDir();
        try {
            TrainBenchmark.writeForPython(data, charts, dir);
            Path script = dir.resolve("torch_train.py");
            try (InputStream in = BenchTrainCommand.class.getResourceAsStream("/bench/torch_train.py")) {
                Files.write(script, in.readAllBytes());
            }
            if (warmup > 0) {
                TrainBenchmark.trainOnSchedule(data, TrainBenchmark.sharedClassesCharts(data, warmup, seed).subList(0,
                        Math.min(charts.size(), schedule.workers())), schedule);
            }
            double[] java = new double[repeat];
            double[] torch = new double[repeat];
            for (int r = 0; r < repeat; r++) {
                TrainBenchmark.Timing j = TrainBenchmark.trainOnSchedule(data, charts, schedule);
                TrainBenchmark.Timing t = runPython(script, dir, pythonThreads);
                java[r] = j.imagesPerSecond(charts);
                torch[r] = t.imagesPerSecond(charts);
                out.printf(Locale.ROOT, "round %d: java %.1f s (%d epochs, %.0f images/s), pytorch %.1f s (%d epochs,"
                        + " %.0f images/s)%n", r + 1, j.seconds(), j.epochs(), java[r], t.seconds(), t.epochs(), torch[r]);
                out.flush();
            }
            double jm = median(java);
            double tm = median(torch);
            out.printf(Locale.ROOT, "java (DJL %s, production schedule: %d charts, %d at once, 1 thread each) %8.0f images/s%n",
                    ai.djl.engine.Engine.getDjlVersion(), charts.size(), Math.min(charts.size(), schedule.workers()), jm);
            out.printf(Locale.ROOT, "pytorch eager (python, the charts one after the other, %d threads) %8.0f images/s%n",
                    pythonThreads, tm);
            out.printf(Locale.ROOT, "ratio java / pytorch: %.2fx%n", jm / tm);
        } catch (IOException e) {
            throw new UncheckedIOException("bench train: cannot write its files in " + dir + ": " + e.getMessage(), e);
        } finally {
            deleteAll(dir);
        }
    }

    private static Path dataDir() {
        try {
            return Files.createTempDirectory("atlas-bench-train");
        } catch (IOException e) {
            throw new UncheckedIOException("bench train: cannot create a temporary folder: " + e.getMessage(), e);
        }
    }

    private static void deleteAll(Path dir) {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }

    private TrainBenchmark.Timing runPython(Path script, Path dir, int pythonThreads) {
        try {
            Process p = new ProcessBuilder(python, script.toString(), dir.toString(), String.valueOf(pythonThreads),
                    String.valueOf(warmup)).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = p.waitFor();
            int at = output.lastIndexOf("seconds=");
            int epochs = output.lastIndexOf(" epochs=");
            if (status != 0 || at < 0 || epochs < at) {
                throw new InvalidInputException(List.of("python"), python + " failed (status " + status
                        + "): " + output.strip().lines().reduce((a, b) -> b).orElse("") + ": install python3-torch"
                        + " (scripts/ensure-deps --dev) or pass --python");
            }
            return new TrainBenchmark.Timing(Double.parseDouble(output.substring(at + "seconds=".length(), epochs)),
                    Integer.parseInt(output.substring(epochs + " epochs=".length()).strip()));
        } catch (IOException e) {
            throw new InvalidInputException(List.of("python"), "cannot run " + python + " ("
                    + e.getMessage() + "): pass --python with a Python that has torch", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
