package latentatlas.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Says why a file could not be written, in the one place where the {@link IOException} subclasses and
 * the operating system's reasons ({@link FileSystemException#getReason()}) are mapped to words: a part of
 * the path is a file, a folder that accepts no new files, read-only file system, permission denied,
 * disk full. Every writer
 * of {@code latentatlas.io} ({@link AtomicFiles}, {@link OutputFolder}) reports its failures as
 * {@code cannot write PATH: REASON} through {@link #cannotWrite}.
 */
public final class WriteFailures {
    private WriteFailures() {
    }

    /**
     * @param what what could not be written, e.g. the file or {@code "the output folder X"}
     * @param target the path that was written
     * @param e the failure
     * @return {@code cannot write WHAT: REASON} (one line, no exception class name), the cause kept
     */
    public static UncheckedIOException cannotWrite(String what, Path target, IOException e) {
        return new UncheckedIOException("cannot write " + what + ": " + reason(target, e), e);
    }

    /**
     * @param target the path that was written
     * @param e why it failed
     * @return the reason in words: {@code F is a file, not a folder}, {@code F accepts no new files},
     *     {@code read-only file system}, {@code permission denied}, {@code disk full (no space left on
     *     device)}, ..., else the system's own reason
     */
    public static String reason(Path target, IOException e) {
        String system = e instanceof FileSystemException f ? f.getReason() : e.getMessage();
        String lower = system == null ? "" : system.toLowerCase(Locale.ROOT);
        if (lower.contains("no space left") || lower.contains("not enough space")) {
            return "disk full (no space left on device)";
        }
        if (lower.contains("quota")) {
            return "disk quota exceeded";
        }
        if (lower.contains("read-only")) {
            return "read-only file system";
        }
        if (e instanceof NotDirectoryException || lower.contains("not a directory")
                || e instanceof FileAlreadyExistsException) {
            Path file = fileInTheWay(target);
            return file != null ? file + " is a file, not a folder" : "a part of the path is a file, not a folder";
        }
        if (lower.contains("is a directory") || e instanceof DirectoryNotEmptyException) {
            return "it is a folder, expected a file";
        }
        if (e instanceof NoSuchFileException || lower.contains("no such file")) {
            // the writers create the missing folders, so the file system refused to create one (e.g. in /proc)
            Path existing = existingAncestor(target);
            return existing != null ? existing + " accepts no new files or folders (no such file or folder)"
                    : "no such file or folder";
        }
        if (e instanceof AccessDeniedException || lower.contains("permission denied")
                || lower.contains("operation not permitted")) {
            return "permission denied";
        }
        if (lower.contains("name too long")) {
            return "file name too long";
        }
        if (lower.contains("too many levels of symbolic links")) {
            return "a loop of symbolic links";
        }
        return system == null || system.isBlank() ? "input/output error" : system;
    }

    /** @return the nearest existing ancestor of {@code path} (or itself) when it is not a folder, else null */
    private static Path fileInTheWay(Path path) {
        Path p = path.toAbsolutePath();
        while (p != null && !Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            p = p.getParent();
        }
        return p != null && !Files.isDirectory(p) ? p : null;
    }

    /** @return the nearest existing ancestor of {@code path}, or null */
    private static Path existingAncestor(Path path) {
        Path p = path.toAbsolutePath().getParent();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        return p;
    }
}
