package latentatlas.cli.badinput;

import latentatlas.cli.Main;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * A small real run folder for the cases that spoil one: a synthetic 10-class IDX dataset (300 train, 100
 * test 28x28 images, a class's pixels brighter with its label), its disjoint plan with 10 anchors, and the
 * end-to-end chart (task 0) trained for one epoch by {@code atlas train}. Made once per test JVM (a few
 * seconds), in a temporary folder that the copies' plans point to (deleted when the JVM exits, unless the
 * cases are exported for the launcher); {@link #copyTo} gives each case its own run folder.
 */
final class TrainedRun {
    private static Path made;

    private TrainedRun() {
    }

    /**
     * Copies the run folder ({@code plan.json}, {@code charts/task-0/}) to {@code dir/run}.
     *
     * @param dir the case's folder
     * @return {@code dir/run}
     */
    static Path copyTo(Path dir) throws IOException {
        Path source = made();
        Path run = dir.resolve("run");
        try (Stream<Path> walk = Files.walk(source.resolve("run"))) {
            for (Path p : walk.toList()) {
                Path to = run.resolve(source.resolve("run").relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        return run;
    }

    private static synchronized Path made() throws IOException {
        if (made != null) {
            return made;
        }
        Path root = Files.createTempDirectory("atlas-trained-run-");
        Path data = root.resolve("data");
        Files.createDirectories(data);
        idx(data, "train", 300, 1);
        idx(data, "t10k", 100, 2);
        Path run = root.resolve("run");
        atlas("tasks", "--dataset", "mnist:" + data, "--setting", "disjoint", "--anchors", "10",
                "--out", run.resolve("plan.json").toString());
        atlas("train", "--plan", run.resolve("plan.json").toString(), "--out", run.toString(), "--tasks", "0",
                "--max-epochs", "1");
        made = root;
        if (System.getProperty("atlas.badinput.export") == null) { // exported cases' plans point here: keep it then
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(root)));
        }
        return root;
    }

    private static void delete(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a temporary folder: the system cleans it up otherwise
        }
    }

    private static void atlas(String... args) {
        StringWriter err = new StringWriter();
        int status = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err, true), args);
        if (status != 0) {
            throw new IllegalStateException("atlas " + String.join(" ", args) + ": exit " + status + ": " + err);
        }
    }

    /** Writes PREFIX-images-idx3-ubyte and PREFIX-labels-idx1-ubyte: n images, label i % 10, seeded noise. */
    private static void idx(Path dir, String prefix, int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        ByteBuffer labels = ByteBuffer.allocate(8 + n).putInt(0x801).putInt(n);
        ByteBuffer images = ByteBuffer.allocate(16 + n * 784).putInt(0x803).putInt(n).putInt(28).putInt(28);
        for (int i = 0; i < n; i++) {
            int label = i % 10;
            labels.put((byte) label);
            for (int p = 0; p < 784; p++) {
                images.put((byte) Math.min(255, label * 20 + random.nextInt(40)));
            }
        }
        try {
            Files.write(dir.resolve(prefix + "-labels-idx1-ubyte"), labels.array());
            Files.write(dir.resolve(prefix + "-images-idx3-ubyte"), images.array());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
