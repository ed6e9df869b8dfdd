package latentatlas.bench;

import latentatlas.InvalidInputException;
import latentatlas.dataset.ImageShape;
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
import java.util.Locale;

/**
 * {@code atlas bench train}: training throughput of the small CNN (docs/method.md §4) on Fashion-MNIST
 * shapes, in Java (DJL + PyTorch, the production loop) and in PyTorch from Python (the bundled
 * {@code bench/torch_train.py}, same network, optimiser, clipping and batch slicing), alternated
 * {@code --repeat} times; prints the median images/s of each and their ratio.
 */
@Command(name = "train", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Training speed of the small CNN (1x28x28, Adam, clipping 10) in Java beside PyTorch from"
                + " Python with the same thread count, measured alternately in the same run.",
            "Prints the median images/s of each and the ratio Java / PyTorch."})
public final class BenchTrainCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Option(names = "--batches", defaultValue = "100", description = "Timed batches per measurement.")
    private int batches;

    @Option(names = "--batch-size", defaultValue = "100", description = "Images per batch.")
    private int batchSize;

    @Option(names = "--warmup", defaultValue = "10", description = "Batches run before each timing.")
    private int warmup;

    @Option(names = "--threads", defaultValue = "2", description = "PyTorch intra-op threads, both sides.")
    private int threads;

    @Option(names = "--repeat", defaultValue = "3", description = "Alternating measurements of each side.")
    private int repeat;

    @Option(names = "--python", defaultValue = "/usr/bin/python3",
            description = "Python with torch (Debian: python3-torch, installed by scripts/ensure-deps --dev).")
    private String python;

    @Override
    public void run() {
        if (batches < 1 || batchSize < 1 || warmup < 0 || threads < 1 || repeat < 1) {
            throw new InvalidInputException("bench train: --batches, --batch-size, --threads and --repeat must be >= 1"
                    + " and --warmup >= 0");
        }
        PrintWriter out = spec.commandLine().getOut();
        Path script = extractScript();
        double[] java = new double[repeat];
        double[] torch = new double[repeat];
        try {
            for (int r = 0; r < repeat; r++) {
                java[r] = TrainBenchmark.imagesPerSecond(new ImageShape(1, 28, 28), 10, batches, batchSize, warmup, threads);
                torch[r] = runPython(script);
                out.printf(Locale.ROOT, "round %d: java %.0f images/s, pytorch %.0f images/s%n", r + 1, java[r], torch[r]);
            }
        } finally {
            script.toFile().delete();
        }
        double j = median(java);
        double t = median(torch);
        out.printf(Locale.ROOT, "small CNN 1x28x28, batch %d, Adam + clipping, %d threads, %d batches x %d rounds%n",
                batchSize, threads, batches, repeat);
        out.printf(Locale.ROOT, "java (DJL %s)  %10.0f images/s%n", ai.djl.engine.Engine.getDjlVersion(), j);
        out.printf(Locale.ROOT, "pytorch (python) %8.0f images/s%n", t);
        out.printf(Locale.ROOT, "ratio java / pytorch: %.2fx%n", j / t);
    }

    private static Path extractScript() {
        try (InputStream in = BenchTrainCommand.class.getResourceAsStream("/bench/torch_train.py")) {
            Path file = Files.createTempFile("atlas-torch-train", ".py");
            Files.write(file, in.readAllBytes());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the PyTorch benchmark script: " + e.getMessage(), e);
        }
    }

    private double runPython(Path script) {
        try {
            Process p = new ProcessBuilder(python, script.toString(), String.valueOf(batches), String.valueOf(batchSize),
                    String.valueOf(threads), String.valueOf(warmup)).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = p.waitFor();
            int at = output.lastIndexOf("images_per_second=");
            if (status != 0 || at < 0) {
                throw new InvalidInputException("bench train: " + python + " failed (status " + status + "): "
                        + output.strip().lines().reduce((a, b) -> b).orElse("") + ": install python3-torch"
                        + " (scripts/ensure-deps --dev) or pass --python");
            }
            return Double.parseDouble(output.substring(at + "images_per_second=".length()).strip());
        } catch (IOException e) {
            throw new InvalidInputException("bench train: cannot run " + python + " (" + e.getMessage()
                    + "): pass --python with a Python that has torch", e);
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
