package latentatlas.space;

import latentatlas.InvalidInputException;
import latentatlas.io.Npy;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Saves and loads a {@link LatentSpace} as NumPy files: {@code NAME.npy} (float32, n x d),
 * {@code NAME.ids.npy} (int64, n) and, when labelled, {@code NAME.labels.npy} (int64, n).
 */
public final class LatentSpaces {
    private LatentSpaces() {
    }

    /** Writes the space as {@code dir/name.npy}, {@code dir/name.ids.npy} [, {@code dir/name.labels.npy}]. */
    public static void save(LatentSpace space, Path dir, String name) {
        if (space.hasLabels()) {
            Npy.writeInts(dir.resolve(name + ".labels.npy"), space.labels());
        }
        Npy.writeLongs(dir.resolve(name + ".ids.npy"), space.ids());
        Npy.writeMatrix(dir.resolve(name + ".npy"), space.rawVectors(), space.size(), space.dim());
    }

    /** @return whether {@code dir/name.npy} and its ids exist */
    public static boolean exists(Path dir, String name) {
        return Files.isRegularFile(dir.resolve(name + ".npy")) && Files.isRegularFile(dir.resolve(name + ".ids.npy"));
    }

    /** Reads a space written by {@link #save}; labels are read when their file exists. */
    public static LatentSpace load(Path dir, String name) {
        Path labels = dir.resolve(name + ".labels.npy");
        return load(dir.resolve(name + ".npy"), dir.resolve(name + ".ids.npy"),
                Files.isRegularFile(labels) ? labels : null);
    }

    /**
     * Reads a space from explicit files.
     *
     * @param vectors float32/float64 {@code n x d}
     * @param ids int64 {@code n}
     * @param labels int64 {@code n}, or {@code null}
     * @return the validated space
     */
    public static LatentSpace load(Path vectors, Path ids, Path labels) {
        Npy.Matrix matrix = Npy.readMatrix(vectors);
        long[] idValues = Npy.readLongs(ids);
        if (idValues.length != matrix.rows()) {
            throw new InvalidInputException(ids + ": " + idValues.length + " ids for the " + matrix.rows()
                    + " rows of " + vectors + ": the ids file does not match the vectors");
        }
        int[] labelValues = labels == null ? null : Npy.readInts(labels);
        return LatentSpace.of(vectors.toString(), idValues, matrix.data(), matrix.cols(), labelValues);
    }
}
