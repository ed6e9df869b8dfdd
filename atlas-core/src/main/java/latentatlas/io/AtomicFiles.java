package latentatlas.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes a file completely or not at all: the content goes to a temporary sibling
 * {@code .NAME.tmp-PID-N}, which is then renamed over the target (an atomic rename on POSIX file systems).
 * A failure leaves the previous file (or none), no temporary file and no folder it created; the
 * temporary siblings that a killed run left for the same target are removed by the next write of it
 * ({@link Leftovers})
 * (and a whole run folder's by {@link OutputFolder#removeLeftovers}). A failure is reported as
 * {@code cannot write FILE: REASON} ({@link WriteFailures}). A set of files that belong together is
 * written in an {@link OutputFolder} instead.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Writes the content of a file. */
    @FunctionalInterface
    public interface Writer {
        /** @param out the stream to the temporary file */
        void write(OutputStream out) throws IOException;
    }

    /**
     * @param target the file to create or replace; its missing parent folders are created (and removed
     *               again when the write fails)
     * @param writer produces the content
     * @throws java.io.UncheckedIOException {@code cannot write TARGET: REASON} (no such folder, a file in the
     *     way, read-only, permission denied, disk full, ...)
     */
    public static void write(Path target, Writer writer) {
        Path absolute = target.toAbsolutePath();
        Path parent = absolute.getParent();
        String name = absolute.getFileName().toString();
        Path created = null;
        Path temp = null;
        boolean written = false;
        try {
            if (Files.isDirectory(absolute)) {
                throw new FileSystemException(absolute.toString(), null, "Is a directory");
            }
            created = createFolders(parent);
            removeTemporaries(parent, name);
            temp = Files.createTempFile(parent, Leftovers.prefix(name, "tmp"), "");
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 20)) {
                writer.write(out);
            }
            if (Files.getFileStore(temp).supportsFileAttributeView("posix")) {
                // a temporary file is created private (0600); the output is an ordinary file (0644)
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
            }
            Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            written = true;
        } catch (IOException e) {
            throw WriteFailures.cannotWrite(target.toString(), absolute, e);
        } finally {
            if (temp != null) {
                deleteQuietly(temp);
            }
            if (!written) {
                removeCreated(created, parent);
            }
        }
    }

    /** Writes {@code text} as UTF-8, atomically. */
    public static void writeString(Path target, String text) {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Creates {@code dir} and its missing parents.
     *
     * @return the outermost folder it created, or null when {@code dir} existed
     * @throws IOException naming the file in the way when an existing ancestor is not a folder
     */
    static Path createFolders(Path dir) throws IOException {
        Path existing = dir;
        Path outermost = null;
        while (existing != null && !Files.exists(existing)) {
            outermost = existing;
            existing = existing.getParent();
        }
        if (existing != null && !Files.isDirectory(existing)) {
            throw new FileSystemException(existing.toString(), null, "Not a directory");
        }
        if (outermost != null) {
            Files.createDirectories(dir);
        }
        return outermost;
    }

    /** Removes the empty folders from {@code deepest} up to {@code outermost} (a {@link #createFolders} result). */
    static void removeCreated(Path outermost, Path deepest) {
        if (outermost == null) {
            return;
        }
        for (Path p = deepest; p != null && p.startsWith(outermost); p = p.getParent()) {
            try {
                Files.delete(p);
            } catch (IOException e) {
                return; // not empty (someone else wrote there) or already gone
            }
        }
    }

    /** Deletes the temporary files that a killed write of {@code dir/name} left. */
    private static void removeTemporaries(Path dir, String name) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, p -> {
            Leftovers.Leftover left = Leftovers.of(p);
            return left != null && !left.old() && name.equals(left.target())
                    && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS);
        })) {
            for (Path p : entries) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the rename succeeded, or the write failed and its error is what the user needs to see
        }
    }
}
