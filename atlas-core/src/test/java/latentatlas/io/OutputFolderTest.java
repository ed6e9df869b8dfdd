package latentatlas.io;

import latentatlas.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class OutputFolderTest {
    /** A process id above Linux's largest pid_max: never alive, so its entries are a killed run's leftovers. */
    private static final String DEAD = "999999999";

    @TempDir
    Path dir;

    /** @return every entry under {@code root} with its content ("dir" for folders) */
    static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.toList()) {
                files.put(root.relativize(p).toString(), Files.isDirectory(p) ? "dir" : Files.readString(p));
            }
        }
        return files;
    }

    private static void write(Path out, Map<String, String> files) {
        OutputFolder.write(out, Set.of("a", "b", "labels"), d -> files.forEach((name, text) ->
                AtomicFiles.writeString(d.resolve(name), text)));
    }

    @Test
    void aCommitSwapsTheFolderInWholeAndLeavesNothingBeside() throws IOException {
        Path out = dir.resolve("out");
        write(out, Map.of("a", "1", "labels", "L"));
        assertEquals(Map.of("", "dir", "a", "1", "labels", "L", OutputFolder.MARKER, Files.readString(out.resolve(OutputFolder.MARKER))),
                tree(out));
        assertEquals("rwxr-xr-x", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(out)),
                "an ordinary folder, not a private temporary one");
        write(out, Map.of("a", "2", "b", "3"));
        Map<String, String> second = tree(out);
        assertEquals("2", second.get("a"));
        assertEquals("3", second.get("b"));
        assertFalse(second.containsKey("labels"), "a file of the older output does not survive next to the new one");
        try (Stream<Path> beside = Files.list(dir)) {
            assertEquals(List.of("out"), beside.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void aFailureKeepsThePreviousOutputAndLeavesNoTemporaryFolder() throws IOException {
        Path out = dir.resolve("out");
        write(out, Map.of("a", "1", "labels", "L"));
        Map<String, String> before = tree(dir);
        assertThrows(IllegalStateException.class, () -> OutputFolder.write(out, Set.of(), d -> {
            AtomicFiles.writeString(d.resolve("a"), "new");
            throw new IllegalStateException("failed half-way");
        }));
        assertEquals(before, tree(dir));
        try (OutputFolder folder = OutputFolder.create(out)) {
            AtomicFiles.writeString(folder.path().resolve("a"), "never committed");
        }
        assertEquals(before, tree(dir), "close without commit deletes the temporary folder");
    }

    @Test
    void closeWithoutCommitRemovesTheParentFoldersItMade() throws IOException {
        Map<String, String> before = tree(dir);
        try (OutputFolder folder = OutputFolder.create(dir.resolve("x/y/out"))) {
            assertTrue(Files.isDirectory(folder.path()));
            assertTrue(folder.path().getFileName().toString().startsWith(".out.tmp-" + ProcessHandle.current().pid() + "-"),
                    folder.path().toString());
            assertEquals(dir.resolve("x/y"), folder.path().getParent());
        }
        assertEquals(before, tree(dir));
    }

    @Test
    void aFolderThatIsNotOursIsRefusedAndLeftAlone() throws IOException {
        Path home = dir.resolve("home");
        Files.createDirectories(home.resolve("photos"));
        Files.writeString(home.resolve("notes.txt"), "mine");
        Files.writeString(home.resolve("a"), "mine too");
        Map<String, String> before = tree(dir);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> write(home, Map.of("a", "1")));
        assertEquals(List.of("out"), e.inputs());
        assertTrue(e.getMessage().contains("holds 2 entries that no latent-atlas command wrote, e.g. 'notes.txt'"),
                e.getMessage());
        assertEquals(before, tree(dir));

        Path file = dir.resolve("file");
        Files.writeString(file, "x");
        e = assertThrows(InvalidInputException.class, () -> write(file, Map.of("a", "1")));
        assertTrue(e.getMessage().contains("is a file, expected a folder"), e.getMessage());
        assertEquals("x", Files.readString(file));
    }

    @Test
    void anOlderOutputWithoutTheMarkerIsRecognisedByItsFiles() throws IOException {
        Path old = dir.resolve("old");
        Files.createDirectories(old);
        Files.writeString(old.resolve("a"), "old");
        Files.writeString(old.resolve("labels"), "old");
        write(old, Map.of("a", "new"));
        assertEquals(Set.of("", "a", OutputFolder.MARKER), tree(old).keySet());
        Path empty = dir.resolve("empty");
        Files.createDirectories(empty);
        write(empty, Map.of("b", "1"));
        assertEquals("1", Files.readString(empty.resolve("b")));
    }

    @Test
    void theLeftoversOfAKilledRunAreCleanedOrRestoredByTheNextRun() throws IOException {
        Path out = dir.resolve("out");
        write(out, Map.of("a", "1"));
        // killed while filling: a temporary folder and a temporary file of an atomic write
        Files.createDirectories(dir.resolve(".out.tmp-" + DEAD + "-123/sub"));
        Files.writeString(dir.resolve(".out.tmp-" + DEAD + "-123/sub/a"), "half");
        Files.writeString(dir.resolve(".keep.tmp-x"), "not ours: no digits");
        write(out, Map.of("a", "2"));
        try (Stream<Path> beside = Files.list(dir)) {
            assertEquals(Set.of("out", ".keep.tmp-x"), Set.copyOf(beside.map(p -> p.getFileName().toString()).toList()));
        }
        // killed during the swap: the previous output moved aside, the new one not yet in place
        Files.move(out, dir.resolve(".out.old-" + DEAD + "-77"));
        Files.createDirectories(dir.resolve(".out.tmp-" + DEAD + "-78"));
        assertThrows(IllegalStateException.class, () -> OutputFolder.write(out, Set.of(), d -> {
            throw new IllegalStateException("fails again");
        }));
        assertEquals("2", Files.readString(out.resolve("a")), "the previous output is moved back");
        assertFalse(Files.exists(dir.resolve(".out.old-" + DEAD + "-77")));
        assertFalse(Files.exists(dir.resolve(".out.tmp-" + DEAD + "-78")));
    }

    @Test
    void removeLeftoversCleansAWholeRunFolder() throws IOException {
        Path run = dir.resolve("run");
        Files.createDirectories(run.resolve("analyses"));
        Files.createDirectories(run.resolve("charts/.task-2.tmp-" + DEAD + "-55"));
        Files.createDirectories(run.resolve("charts/task-1"));
        Files.createDirectories(run.resolve("charts/.task-1.old-" + DEAD + "-9"));
        Files.createDirectories(run.resolve("charts/.task-3.old-" + DEAD + "-9"));
        Files.writeString(run.resolve("charts/.task-3.old-" + DEAD + "-9/chart.json"), "{}");
        Files.writeString(run.resolve("charts/.task-2.tmp-" + DEAD + "-55/weights.params"), "half");
        Files.writeString(run.resolve("analyses/.atlas-oracle-abc.json.tmp-" + DEAD + "-123"), "half");
        Files.writeString(run.resolve("analyses/atlas-oracle-abc.json"), "whole");
        Files.writeString(run.resolve(".hidden"), "a user's");
        Files.createDirectories(run.resolve("figures"));
        Files.writeString(run.resolve("figures/.pca.png8812345.tmp"), "a killed run's figure, earlier version");
        String alive = ".plan.json.tmp-" + ProcessHandle.current().pid() + "-5";
        Files.writeString(run.resolve(alive), "a run at work (this process) writes it");
        Files.writeString(run.resolve("results.json.tmp-1"), "not a hidden temporary");
        OutputFolder.removeLeftovers(run);
        assertEquals(Set.of("", "analyses", "analyses/atlas-oracle-abc.json", "charts", "figures", "charts/task-1", "charts/task-3",
                "charts/task-3/chart.json", ".hidden", "results.json.tmp-1", alive), tree(run).keySet());
        OutputFolder.removeLeftovers(dir.resolve("missing"));
    }

    @Test
    void atomicFilesSayWhyTheyCannotWrite() throws IOException {
        Path file = dir.resolve("file");
        Files.writeString(file, "x");
        String notAFolder = assertThrows(UncheckedIOException.class,
                () -> AtomicFiles.writeString(file.resolve("sub/a.json"), "{}")).getMessage();
        assertEquals("cannot write " + file.resolve("sub/a.json") + ": " + file + " is a file, not a folder", notAFolder);
        String aFolder = assertThrows(UncheckedIOException.class, () -> AtomicFiles.writeString(dir, "{}")).getMessage();
        assertEquals("cannot write " + dir + ": it is a folder, expected a file", aFolder);
        String proc = assertThrows(UncheckedIOException.class,
                () -> AtomicFiles.writeString(Path.of("/proc/latent-atlas/a.json"), "{}")).getMessage();
        assertTrue(proc.startsWith("cannot write /proc/latent-atlas/a.json: "), proc);
        assertFalse(proc.endsWith(": /proc/latent-atlas/a.json") || proc.contains("Exception"), proc);
        assertEquals(Map.of("", "dir", "file", "x"), tree(dir));
    }

    @Test
    void aFullDiskIsSaidAndLeavesThePreviousOutput() throws Exception {
        Path disk = dir.resolve("disk");
        Files.createDirectories(disk);
        assumeTrue(mountTmpfs(disk, "64k"), "needs root and mount -t tmpfs");
        try {
            Path out = disk.resolve("out");
            write(out, Map.of("a", "small"));
            Map<String, String> before = tree(disk);
            UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> OutputFolder.write(out, Set.of(),
                    d -> AtomicFiles.write(d.resolve("a"), o -> o.write(new byte[256 * 1024]))));
            assertEquals("cannot write " + out.resolve("a") + ": disk full (no space left on device)", e.getMessage());
            assertEquals(before, tree(disk));
        } finally {
            new ProcessBuilder("umount", disk.toString()).inheritIO().start().waitFor();
        }
    }

    static boolean mountTmpfs(Path at, String size) {
        try {
            Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", at.toString())
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
