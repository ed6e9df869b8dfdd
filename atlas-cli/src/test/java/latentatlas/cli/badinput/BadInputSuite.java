package latentatlas.cli.badinput;

import latentatlas.cli.Main;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bad-input suite: a table of hostile command lines, each run through {@link Main#run} in a fresh
 * folder that its {@link Setup} prepares. Every case must end as a user mistake does:
 * <ul>
 *   <li>exit status {@link Main#USER_ERROR} (2);</li>
 *   <li>standard error is exactly one line, {@code atlas CMD: ...}, that contains the case's expected
 *       text (it names the problem);</li>
 *   <li>no stack trace (no {@code Exception}, no {@code \tat } frame) on either stream;</li>
 *   <li>the folder is left exactly as it was: the same files with the same bytes, so nothing half
 *       written, no temporary file, and nothing written outside the output folder (every path a case
 *       gives points inside its folder, {@code ../} and absolute names included).</li>
 * </ul>
 * A subclass per class of defect lists its cases ({@link #cases()}). In arguments, {@code {dir}} stands
 * for the case's folder.
 *
 * <p>With {@code -Datlas.badinput.export=DIR}, every case also leaves its prepared folder in
 * {@code DIR/CASE/} and appends a line {@code CASE<TAB>expected<TAB>arg<TAB>arg...} (with {@code {dir}}
 * resolved) to {@code DIR/cases.tsv}, so that {@code scripts/bad-inputs DIR} can run the same cases through
 * the real {@code ./atlas} launcher.
 */
public abstract class BadInputSuite {
    /** Prepares the files of a case in its folder. */
    @FunctionalInterface
    public interface Setup {
        /** Nothing to prepare. */
        Setup NONE = dir -> { };

        /**
         * @param dir the case's (empty) folder
         * @throws IOException when a file cannot be written
         */
        void prepare(Path dir) throws IOException;
    }

    /**
     * One hostile command line.
     *
     * @param name a short unique name (a file name: letters, digits, {@code -})
     * @param expected a part of the one error line that names the problem (field, expected, found)
     * @param setup what the folder holds before the command runs
     * @param args the command line after {@code atlas}, {@code {dir}} standing for the folder
     */
    public record Case(String name, String expected, Setup setup, List<String> args) {
        /** Checks the name. */
        public Case {
            if (!name.matches("[a-z0-9][a-z0-9-]*")) {
                throw new IllegalArgumentException("case name '" + name + "': expected [a-z0-9-]+");
            }
            args = List.copyOf(args);
        }

        /** @return a case with {@code args} as the command line */
        public static Case of(String name, String expected, Setup setup, String... args) {
            return new Case(name, expected, setup, Arrays.asList(args));
        }
    }

    /** @return the cases of this class of defects */
    protected abstract List<Case> cases();

    @TestFactory
    Stream<DynamicTest> everyCaseIsOneLineExitTwoAndLeavesNothing() {
        List<Case> cases = cases();
        assertEquals(cases.size(), cases.stream().map(Case::name).distinct().count(), "case names are unique");
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
    }

    private static void check(Case c) throws IOException {
        Path dir = Files.createTempDirectory("bad-input-" + c.name() + "-");
        c.setup().prepare(dir);
        Map<String, String> before = tree(dir);
        String[] args = c.args().stream().map(a -> a.replace("{dir}", dir.toString())).toArray(String[]::new);
        export(c, dir, args);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        String context = c.name() + ": atlas " + String.join(" ", args) + "\nstdout: " + out + "\nstderr: " + err;
        assertEquals(Main.USER_ERROR, status, "exit status; " + context);
        List<String> lines = err.toString().lines().filter(l -> !l.isBlank()).toList();
        assertEquals(1, lines.size(), "one line on stderr; " + context);
        assertTrue(lines.get(0).startsWith("atlas "), "the line names the command; " + context);
        assertTrue(lines.get(0).contains(c.expected()), "the line names the problem ('" + c.expected() + "'); " + context);
        for (String stream : List.of(out.toString(), err.toString())) {
            assertFalse(stream.contains("Exception") || stream.contains("\tat "), "no stack trace; " + context);
        }
        assertEquals(before, tree(dir), "the folder is left as it was (nothing written, nothing left behind); " + context);
        delete(dir);
    }

    /** @return every file under {@code dir} (relative path) with the SHA-256 of its bytes; folders as "dir" */
    static Map<String, String> tree(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.toList()) {
                String rel = dir.relativize(p).toString();
                files.put(rel, Files.isDirectory(p) ? "dir" : sha256(Files.readAllBytes(p)));
            }
        }
        return files;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void export(Case c, Path dir, String[] args) throws IOException {
        String target = System.getProperty("atlas.badinput.export");
        if (target == null || target.isBlank()) {
            return;
        }
        Path root = Path.of(target).toAbsolutePath();
        Path copy = root.resolve(c.name());
        Files.createDirectories(copy);
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.toList()) {
                Path to = copy.resolve(dir.relativize(p).toString());
                if (Files.isSymbolicLink(p)) {
                    // e.g. to a small full disk; a link into the case's own folder points into the copy
                    Path linked = Files.readSymbolicLink(p);
                    Files.createSymbolicLink(to, linked.startsWith(dir) ? copy.resolve(dir.relativize(linked)) : linked);
                } else if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        List<String> fields = new ArrayList<>(List.of(c.name(), c.expected()));
        for (String a : args) {
            fields.add(a.replace(dir.toString(), copy.toString()));
        }
        Files.writeString(root.resolve("cases.tsv"), String.join("\t", fields) + "\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    private static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
