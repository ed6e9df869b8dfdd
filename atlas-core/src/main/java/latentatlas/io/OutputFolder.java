package latentatlas.io;

import latentatlas.InvalidInputException;
import latentatlas.Text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The one writer of output folders: an output is built in a hidden sibling of its target and swapped in
 * whole, so that a reader sees the previous output or the new one, never a mix, and files of an older
 * output never survive next to a new one (a merge without labels leaves no older {@code atlas.labels.npy}).
 *
 * <pre>{@code
 * try (OutputFolder folder = OutputFolder.create(out, Set.of("atlas.npy", "summary.json"))) {
 *     Npy.writeMatrix(folder.path().resolve("atlas.npy"), data, rows, cols);
 *     AtomicFiles.writeString(folder.path().resolve("summary.json"), json);
 *     folder.commit();
 * }
 * // or in one call:
 * OutputFolder.write(out, Set.of("atlas.npy"), dir -> Npy.writeMatrix(dir.resolve("atlas.npy"), data, rows, cols));
 * }</pre>
 *
 * <ul>
 *   <li>{@link #create} checks the target, then makes the temporary folder {@code .NAME.tmp-PID-N} beside it
 *       (the same file system, so the swap is a rename) holding the marker file {@value #MARKER};</li>
 *   <li>{@link #commit} moves the previous folder aside ({@code .NAME.old-PID-N}), renames the temporary
 *       folder to the target, then deletes the previous one;</li>
 *   <li>{@link #close} without a commit deletes the temporary folder and the parent folders that
 *       {@code create} made: a failed command leaves the previous output intact and nothing else.</li>
 * </ul>
 *
 * <p><b>Whose folder.</b> The target is replaced whole, so it must be ours: it may be missing, empty,
 * hold the marker {@value #MARKER} (every output written here has it), or hold only regular files
 * that the caller names as its own (outputs written before the marker existed). Anything else (a
 * user's home folder, a folder with other files) is refused with an {@link InvalidInputException}
 * naming an entry found there, and nothing is deleted. A target that is a file is refused too.
 *
 * <p><b>Killed runs.</b> {@link #create} first cleans what a killed run left for the same target:
 * temporary siblings are deleted, and a previous output moved aside whose target is missing (killed
 * during the swap) is moved back; entries of a process still alive are left alone ({@link Leftovers}). {@link #removeLeftovers} does the same over a whole tree, for the
 * resumable run folders of {@code atlas run} and {@code atlas paper}, which are not swapped whole.
 *
 * <p>Failures are {@code cannot write the output folder X: REASON} ({@link WriteFailures}).
 */
public final class OutputFolder implements AutoCloseable {
    /** The marker file in every folder written by this class. */
    public static final String MARKER = ".latent-atlas-output";
    private static final String MARKER_TEXT = "This folder is a latent-atlas output: the command that wrote it"
            + " replaces it whole when it runs again.\n";

    private final Path target;
    private final Path temp;
    private final Path createdParents;
    private boolean committed;

    private OutputFolder(Path target, Path temp, Path createdParents) {
        this.target = target;
        this.temp = temp;
        this.createdParents = createdParents;
    }

    /**
     * @param target the output folder to create or replace
     * @return the folder to fill, with only the marker in it
     * @see #create(Path, Set)
     */
    public static OutputFolder create(Path target) {
        return create(target, Set.of());
    }

    /**
     * @param target the output folder to create or replace (its missing parents are created)
     * @param ownFiles the names of the files this output holds: a folder without the marker that holds
     *                 only such files is an older output of the same command and may be replaced
     * @return the folder to fill, with only the marker in it
     * @throws InvalidInputException when the target is a file or a folder that is not an output of ours
     * @throws UncheckedIOException {@code cannot write the output folder X: REASON}
     */
    public static OutputFolder create(Path target, Set<String> ownFiles) {
        Path absolute = target.toAbsolutePath().normalize();
        Path parent = absolute.getParent();
        if (parent == null) {
            throw new InvalidInputException(List.of("out"), "output folder " + target
                    + ": expected a folder below the root, found the root itself");
        }
        String name = absolute.getFileName().toString();
        if (Leftovers.isReserved(name)) {
            throw new InvalidInputException(List.of("out"), "output folder " + target + ": names of the form"
                    + " .NAME.tmp-PID-N and .NAME.old-PID-N are kept for the temporary folders of outputs"
                    + " (a later run deletes them): give another name");
        }
        Path created = null;
        try {
            if (Files.isDirectory(parent)) {
                removeLeftoversOf(parent, name);
            }
            checkOurs(target, absolute, ownFiles);
            created = AtomicFiles.createFolders(parent);
            Path temp = Files.createTempDirectory(parent, Leftovers.prefix(name, "tmp"));
            OutputFolder folder = new OutputFolder(absolute, temp, created);
            try {
                if (Files.getFileStore(temp).supportsFileAttributeView("posix")) {
                    // a temporary folder is created private (0700); the output is an ordinary folder (0755)
                    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
                Files.writeString(temp.resolve(MARKER), MARKER_TEXT, StandardCharsets.UTF_8);
            } catch (IOException e) {
                folder.close();
                throw e;
            }
            return folder;
        } catch (IOException e) {
            AtomicFiles.removeCreated(created, parent);
            throw WriteFailures.cannotWrite("the output folder " + target, absolute, e);
        }
    }

    /**
     * Builds an output folder in one call: {@link #create}, {@code filler} writes the files into the
     * folder it is given, {@link #commit}; on any failure the previous output is left as it was. A
     * {@code cannot write} error of a file in the temporary folder names the file's final path.
     *
     * @param target the output folder to create or replace
     * @param ownFiles the names of the files this output holds (see {@link #create(Path, Set)})
     * @param filler writes the output's files into the folder it is given
     */
    public static void write(Path target, Set<String> ownFiles, Consumer<Path> filler) {
        try (OutputFolder folder = create(target, ownFiles)) {
            try {
                filler.accept(folder.path());
            } catch (UncheckedIOException e) {
                String message = String.valueOf(e.getMessage()).replace(folder.path().toString(), folder.target().toString());
                throw new UncheckedIOException(message, e.getCause());
            }
            folder.commit();
        }
    }

    /** @return the temporary folder to write the output's files into */
    public Path path() {
        return temp;
    }

    /** @return the output folder that {@link #commit} replaces (absolute) */
    public Path target() {
        return target;
    }

    /**
     * Swaps the filled folder in place of the target: the previous output is moved aside, the new one
     * renamed to the target, the previous one deleted. On failure the previous output is moved back.
     *
     * @throws UncheckedIOException {@code cannot write the output folder X: REASON}
     */
    public void commit() {
        if (committed) {
            throw new IllegalStateException(target + " is already committed");
        }
        Path old = null;
        try {
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                String tempName = temp.getFileName().toString();
                old = target.resolveSibling(Leftovers.prefix(target.getFileName().toString(), "old")
                        + tempName.substring(tempName.lastIndexOf('-') + 1));
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                if (old != null) {
                    Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
                }
                throw e;
            }
            committed = true;
        } catch (IOException e) {
            throw WriteFailures.cannotWrite("the output folder " + target, target, e);
        }
        if (old != null) {
            try {
                deleteTree(old);
            } catch (IOException e) {
                // the new output is in place; the next run of this output removes what is left of the old one
            }
        }
    }

    /** Deletes the temporary folder (and the parents that {@link #create} made) unless committed. */
    @Override
    public void close() {
        if (committed) {
            return;
        }
        try {
            deleteTree(temp);
        } catch (IOException e) {
            throw WriteFailures.cannotWrite("the output folder " + target + " (removing " + temp + ")", temp, e);
        } finally {
            AtomicFiles.removeCreated(createdParents, target.getParent());
        }
    }

    /**
     * Removes what killed runs left anywhere under {@code root}: temporary files and folders
     * ({@code .NAME.tmp-PID-N}) are deleted; a previous output moved aside ({@code .NAME.old-PID-N}) is
     * moved back when {@code NAME} is missing (the run was killed during the swap), else deleted. Entries
     * of a process still alive are another run's work and are left alone. For resumable run folders.
     *
     * @param root a folder (nothing happens when it does not exist)
     */
    public static void removeLeftovers(Path root) {
        if (!Files.isDirectory(root)) {
            return;
        }
        try {
            List<Path> folders;
            try (Stream<Path> walk = Files.walk(root)) {
                folders = walk.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).toList();
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            for (Path folder : folders) {
                if (Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) { // not inside a leftover removed before
                    removeLeftoversOf(folder, null);
                }
            }
        } catch (IOException e) {
            throw WriteFailures.cannotWrite(root + " (removing the leftovers of a killed run)", root, e);
        }
    }

    /** Cleans the leftovers in {@code dir} of the entry {@code name}, or of every entry when {@code name} is null. */
    private static void removeLeftoversOf(Path dir, String name) throws IOException {
        List<Leftovers.Leftover> olds = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                Leftovers.Leftover left = Leftovers.of(p);
                if (left == null || name != null && !name.equals(left.target())) {
                    continue;
                }
                if (left.old()) {
                    olds.add(left);
                } else {
                    deleteTree(p);
                }
            }
        }
        olds.sort(Comparator.comparing(Leftovers.Leftover::path));
        for (Leftovers.Leftover old : olds) {
            Path original = dir.resolve(old.target());
            if (!Files.exists(original, LinkOption.NOFOLLOW_LINKS)) {
                Files.move(old.path(), original, StandardCopyOption.ATOMIC_MOVE);
            } else {
                deleteTree(old.path());
            }
        }
    }

    private static void checkOurs(Path given, Path folder, Set<String> ownFiles) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        if (!Files.isDirectory(folder)) {
            throw new InvalidInputException(List.of("out"), "output folder " + given
                    + " is a file, expected a folder (new, empty or an earlier output): give another path");
        }
        List<String> foreign = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path p : entries) {
                String entry = p.getFileName().toString();
                if (entry.equals(MARKER)) {
                    return;
                }
                if (!ownFiles.contains(entry) || !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    foreign.add(entry);
                }
            }
        }
        if (!foreign.isEmpty()) {
            foreign.sort(Comparator.naturalOrder());
            throw new InvalidInputException(List.of("out"), "output folder " + given + " holds "
                    + (foreign.size() == 1 ? "'" : foreign.size() + " entries that no latent-atlas command wrote, e.g. '")
                    + Text.printable(foreign.get(0), 80) + (foreign.size() == 1 ? "', which no latent-atlas command wrote" : "'")
                    + "; it would be replaced whole: give a new or empty folder");
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
