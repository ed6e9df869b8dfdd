package latentatlas.io;

import latentatlas.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link RunLock}: one writer per folder, across processes and within one, released on close and on kill -9. */
class RunLockTest {
    @TempDir
    Path dir;

    @Test
    void aSecondProcessIsRefusedUntilTheFirstIsKilled() throws Exception {
        Path run = dir.resolve("run");
        Process holder = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), RunLockHolder.class.getName(), run.toString()))
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertEquals("locked " + run.toAbsolutePath(), line);

            InvalidInputException refused = assertThrows(InvalidInputException.class, () -> RunLock.acquire(run));
            assertEquals(run.toAbsolutePath() + " is in use by another atlas run (pid " + holder.pid() + ", since "
                    , refused.getMessage().substring(0, refused.getMessage().indexOf("since ") + 6));
            assertTrue(refused.getMessage().endsWith("); wait for it or stop it"), refused.getMessage());
        } finally {
            holder.destroyForcibly();
            assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
        }
        assertTrue(Files.exists(run.resolve(RunLock.FILE)), "kill -9 leaves the file, but not the lock");
        try (RunLock lock = RunLock.acquire(run)) {
            assertEquals(run.toAbsolutePath(), lock.folder());
            assertTrue(Files.readString(run.resolve(RunLock.FILE)).startsWith("pid " + ProcessHandle.current().pid() + ", since "));
        }
        assertFalse(Files.exists(run.resolve(RunLock.FILE)), "close deletes the lock file");
        assertTrue(Files.isDirectory(run), "a folder that was there before is kept");
    }

    @Test
    void aSecondLockInTheSameProcessIsRefusedAndCloseReleases() {
        Path run = dir.resolve("same");
        try (RunLock lock = RunLock.acquire(run)) {
            InvalidInputException refused = assertThrows(InvalidInputException.class, () -> RunLock.acquire(dir.resolve("x/../same")));
            assertTrue(refused.getMessage().contains("is in use by another atlas run (pid " + ProcessHandle.current().pid()),
                    refused.getMessage());
            try (RunLock other = RunLock.acquire(dir.resolve("other"))) {
                assertEquals(dir.resolve("other").toAbsolutePath(), other.folder());
            }
        }
        try (RunLock again = RunLock.acquire(run)) {
            again.close(); // twice is harmless
        }
    }

    @Test
    void closeRemovesTheFoldersAcquireCreatedWhenNothingWasWritten() throws Exception {
        Path deep = dir.resolve("a/b/c");
        try (RunLock lock = RunLock.acquire(deep)) {
            assertTrue(Files.isRegularFile(deep.resolve(RunLock.FILE)));
        }
        assertFalse(Files.exists(dir.resolve("a")), "nothing left behind");

        try (RunLock lock = RunLock.acquire(deep)) {
            Files.writeString(deep.resolve("plan.json"), "{}");
        }
        assertEquals(List.of(deep.resolve("plan.json")), Files.list(deep).toList(), "what the command wrote stays");
    }

    @Test
    void aFileInThePlaceOfTheFolderIsOneLine() throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "x");
        java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class, () -> RunLock.acquire(file.resolve("run")));
        assertTrue(e.getMessage().startsWith("cannot lock the run folder " + file.resolve("run")), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertEquals("x", Files.readString(file));
    }
}
