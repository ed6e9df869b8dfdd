package latentatlas.io;

import latentatlas.InvalidInputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

/**
 * One writer per run folder: an operating-system lock on {@code FOLDER/.lock}, held while a command writes
 * the folder ({@code atlas train}, {@code embed}, {@code run}, {@code paper}), so that a second command on
 * the same folder is refused at once instead of duplicating the work and racing the first one's files:
 * {@code FOLDER is in use by another atlas run (pid N, since TIME); wait for it or stop it}.
 *
 * <p>The lock is {@link FileChannel#tryLock()}: the operating system releases it when the process ends,
 * however it ends ({@code kill -9} included), so a killed run never leaves the folder locked and its rerun
 * resumes. The file's text ({@code pid N, since TIME}) only says who holds it. A second lock on the same
 * folder in the same process is refused as well. {@link #close()} deletes the file (while still holding
 * the lock; a process that opened the file just before finds it gone once it holds the lock, and starts
 * again) and the folders {@link #acquire} created, when they are left empty: the folder is left as it
 * was, and a command that fails before writing anything leaves nothing behind.
 */
public final class RunLock implements AutoCloseable {
    /** The lock's file name in a run folder. */
    public static final String FILE = ".lock";
    private static final int ATTEMPTS = 10;
    /**
     * The folders locked by this process, with their holder text: a second lock on one of them is refused
     * without opening its file (closing another descriptor of a locked file would release the lock, POSIX).
     */
    private static final Map<Path, String> HELD = new HashMap<>();

    private final Path folder;
    private final Path createdTop;
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(Path folder, Path createdTop, FileChannel channel, FileLock lock) {
        this.folder = folder;
        this.createdTop = createdTop;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks a run folder, creating it (and its missing parents) when needed.
     *
     * @param folder the run folder
     * @return the lock; close it when the command is done with the folder
     * @throws InvalidInputException when another run holds the folder
     * @throws UncheckedIOException when the folder or its lock file cannot be created
     */
    public static RunLock acquire(Path folder) {
        Path dir = folder.toAbsolutePath().normalize();
        synchronized (HELD) {
            if (HELD.containsKey(dir)) {
                throw inUse(dir, HELD.get(dir));
            }
            Path createdTop = createFolders(dir);
            try {
                return lock(dir, createdTop);
            } catch (RuntimeException e) {
                removeEmpty(dir, createdTop);
                throw e;
            }
        }
    }

    private static RunLock lock(Path dir, Path createdTop) {
        Path file = dir.resolve(FILE);
        try {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null;
                }
                if (lock == null) {
                    channel.close();
                    throw inUse(dir, holder(file));
                }
                // Its last holder may have deleted the file between our open and our lock: then lock anew. Only
                // stat it: opening and closing the file again would drop this process's lock (POSIX).
                if (!Files.exists(file)) {
                    lock.release();
                    channel.close();
                    continue;
                }
                String holder = "pid " + ProcessHandle.current().pid() + ", since "
                        + Instant.now().truncatedTo(ChronoUnit.SECONDS);
                channel.truncate(0);
                channel.write(ByteBuffer.wrap((holder + "\n").getBytes(StandardCharsets.UTF_8)), 0);
                channel.force(false);
                HELD.put(dir, holder);
                return new RunLock(dir, createdTop, channel, lock);
            }
            String message = "cannot lock the run folder " + dir + ": " + file + " keeps being deleted by other processes";
            throw new UncheckedIOException(message, new IOException(message));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock the run folder " + dir + ": " + WriteFailures.reason(dir, e), e);
        }
    }

    /** @return the text of the lock file ({@code pid N, since TIME}), or {@code pid unknown} */
    private static String holder(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            return text.matches("pid \\d+, since [0-9T:.Z-]+") ? text : "pid unknown";
        } catch (IOException | RuntimeException e) {
            return "pid unknown";
        }
    }

    private static InvalidInputException inUse(Path dir, String holder) {
        return new InvalidInputException(dir + " is in use by another atlas run (" + holder + "); wait for it or stop it");
    }

    /** @return the topmost folder this call created, or null when {@code dir} was there */
    private static Path createFolders(Path dir) {
        Path top = null;
        for (Path p = dir; p != null && !Files.exists(p); p = p.getParent()) {
            top = p;
        }
        try {
            Files.createDirectories(dir);
            return top;
        } catch (IOException e) {
            removeEmpty(dir, top);
            throw new UncheckedIOException("cannot lock the run folder " + dir + ": " + WriteFailures.reason(dir, e), e);
        }
    }

    /** Removes {@code dir} and its parents up to {@code top} while they are empty (nothing when top is null). */
    private static void removeEmpty(Path dir, Path top) {
        if (top == null) {
            return;
        }
        for (Path p = dir; p != null && p.startsWith(top); p = p.getParent()) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                return; // not empty (the command wrote something) or not ours to remove: keep it
            }
        }
    }

    /** @return the locked folder (absolute) */
    public Path folder() {
        return folder;
    }

    /** Releases the lock, deletes the lock file and the folders {@link #acquire} created if they are empty. */
    @Override
    public void close() {
        synchronized (HELD) {
            if (HELD.remove(folder) == null) {
                return;
            }
            try {
                Files.deleteIfExists(folder.resolve(FILE));
                lock.release();
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot release the lock of " + folder + ": " + WriteFailures.reason(folder, e), e);
            } finally {
                removeEmpty(folder, createdTop);
            }
        }
    }
}
