package latentatlas.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The program's rules: library errors get the flag of the input at fault, and {@code --verbose} shows debug lines. */
class MainTest {
    @TempDir
    Path dir;

    @Test
    void aLibraryErrorIsPrefixedWithTheOptionOfItsInput() {
        StringWriter err = new StringWriter();
        int status = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err, true), "tasks", "--dataset",
                "fashion-mnist", "--setting", "shared-classes", "--shared", "0", "--novel", "2");
        assertEquals(Main.USER_ERROR, status, err.toString());
        assertEquals("atlas tasks: --shared: shared classes must be at least 1 (the anchors are drawn from them), found 0",
                err.toString().strip());
    }

    /**
     * {@code atlas datasets mnist:DIR} in a fresh JVM (the log is configured once per JVM): the dataset
     * reader's debug line shows with {@code -v} only.
     */
    @Test
    void verboseShowsTheLibrarysDebugLines() throws Exception {
        writeIdx("train", 4);
        writeIdx("t10k", 2);
        String spec = "mnist:" + dir;
        String quiet = atlas("datasets", spec);
        String verbose = atlas("-v", "datasets", spec);
        String debug = "dataset " + spec + ": 10 classes, 4 train and 2 test samples, fingerprint ";
        assertTrue(quiet.contains(spec + ": 10 classes, 4 train, 2 test"), quiet);
        assertFalse(quiet.contains(debug), quiet);
        assertTrue(verbose.contains("[DEBUG] Datasets - " + debug), verbose);
    }

    /** Four (or n) 2x2 images with labels 0, 1, 2, ... */
    private void writeIdx(String prefix, int n) throws IOException {
        ByteBuffer labels = ByteBuffer.allocate(8 + n).putInt(0x801).putInt(n);
        for (int i = 0; i < n; i++) {
            labels.put((byte) i);
        }
        Files.write(dir.resolve(prefix + "-labels-idx1-ubyte"), labels.array());
        ByteBuffer images = ByteBuffer.allocate(16 + n * 4).putInt(0x803).putInt(n).putInt(2).putInt(2);
        Files.write(dir.resolve(prefix + "-images-idx3-ubyte"), images.array());
    }

    /** Exhausted direct buffer memory (the native staging of the computations) is named as such, not as the heap. */
    @Test
    void exhaustedDirectMemoryIsOneLineNamingIt() throws Exception {
        writeSpace(20_000, 64, 2);
        Path out = dir.resolve("atlas");
        Run run = atlas(List.of("-XX:MaxDirectMemorySize=64k"), "merge", "--space", "a=" + dir.resolve("a.npy") + ":"
                + dir.resolve("ids.npy"), "--anchors", "16", "--out", out.toString());
        assertEquals(Main.USER_ERROR, run.status(), run.output());
        String line = run.output().strip();
        assertFalse(line.contains("\n") || line.contains("\tat "), line);
        assertTrue(line.startsWith("atlas merge: the JVM's direct buffer memory is exhausted (it may hold as much as the heap, ")
                && line.contains("-XX:MaxDirectMemorySize=4g"), line);
        assertFalse(Files.exists(out), "no output folder after a failed merge");
    }

    /**
     * A merge whose spaces do not fit the heap (two 200,000 x 64 float32 spaces, 51 MB each, in a JVM of 48 MiB):
     * one line naming the command, the heap and the remedies, exit status 2, no stack trace, no output folder.
     */
    @Test
    void anExhaustedHeapIsOneLine() throws Exception {
        writeSpace(200_000, 64, 1);
        Path out = dir.resolve("atlas");
        Run run = atlas(List.of("-Xmx48m"), "merge", "--space", "a=" + dir.resolve("a.npy") + ":" + dir.resolve("ids.npy"),
                "--space", "b=" + dir.resolve("a.npy") + ":" + dir.resolve("ids.npy"), "--anchors", "16", "--out", out.toString());
        assertEquals(Main.USER_ERROR, run.status(), run.output());
        String line = run.output().strip();
        assertFalse(line.contains("\n") || line.contains("\tat "), line);
        assertTrue(line.matches("atlas merge: the Java heap is exhausted \\(maximum \\d+ MiB\\): give it more, e\\.g\\."
                + " ATLAS_JAVA_OPTS=-Xmx8g \\./atlas \\.\\.\\.; merge and compare stream spaces larger than memory with"
                + " --block-rows N \\(README, Memory\\)"), line);
        assertFalse(Files.exists(out), "no output folder after a failed merge");
    }

    /** Writes {@code a.npy} ({@code n x d} standard Gaussian float32, seeded) and {@code ids.npy} (0 .. n-1). */
    private void writeSpace(int n, int d, long seed) throws IOException {
        float[] vectors = new float[n * d];
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = (float) random.nextGaussian();
        }
        latentatlas.io.Npy.writeMatrix(dir.resolve("a.npy"), vectors, n, d);
        latentatlas.io.Npy.writeLongs(dir.resolve("ids.npy"), java.util.stream.LongStream.range(0, n).toArray());
    }

    /** @return what {@code atlas ARGS} writes to stdout and stderr, run in a new JVM with this test's class path */
    private static String atlas(String... args) throws Exception {
        Run run = atlas(List.of(), args);
        assertEquals(0, run.status(), run.output());
        return run.output();
    }

    /** @return the exit status and the output of {@code atlas ARGS} in a new JVM with these options and this test's class path */
    private static Run atlas(List<String> jvmOptions, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "atlas " + String.join(" ", args) + " did not finish");
        return new Run(p.exitValue(), output);
    }

    private record Run(int status, String output) {
    }
}
