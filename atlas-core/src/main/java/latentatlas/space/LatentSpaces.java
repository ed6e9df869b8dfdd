package latentatlas.space;

import latentatlas.InvalidInputException;
import latentatlas.io.Npy;
import latentatlas.io.OutputNames;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.LongStream;

/**
 * Saves and loads a {@link LatentSpace} as NumPy files: {@code NAME.npy} (float32, n x d),
 * {@code NAME.ids.npy} (int64, n) and, when labelled, {@code NAME.labels.npy} (int64, n). {@code NAME}
 * must be a safe file name ({@link OutputNames#check}), so that the files stay inside the folder.
 */
public final class LatentSpaces {
    private LatentSpaces() {
    }

    /**
     * Writes the space as {@code dir/name.npy}, {@code dir/name.ids.npy} [, {@code dir/name.labels.npy}].
     *
     * @throws latentatlas.InvalidInputException when {@code name} is not a safe file name
     */
    public static void save(LatentSpace space, Path dir, String name) {
        if (space.hasLabels()) {
            Npy.writeInts(file(dir, name, ".labels.npy"), space.labels());
        }
        Npy.writeLongs(file(dir, name, ".ids.npy"), space.ids());
        Npy.writeMatrix(file(dir, name, ".npy"), space.rawVectors(), space.size(), space.dim());
    }

    /** @return whether {@code dir/name.npy} and its ids exist */
    public static boolean exists(Path dir, String name) {
        return Files.isRegularFile(file(dir, name, ".npy")) && Files.isRegularFile(file(dir, name, ".ids.npy"));
    }

    /** Reads a space written by {@link #save}; labels are read when their file exists. */
    public static LatentSpace load(Path dir, String name) {
        Path labels = file(dir, name, ".labels.npy");
        return load(file(dir, name, ".npy"), file(dir, name, ".ids.npy"),
                Files.isRegularFile(labels) ? labels : null);
    }

    private static Path file(Path dir, String name, String suffix) {
        return dir.resolve(OutputNames.check("space name", name) + suffix);
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
        return load(vectors, Npy.readMatrix(vectors), ids, Npy.readLongs(ids), labels);
    }

    /**
     * Reads a space whose ids file may be left out: {@code ids} when given, else {@code NAME.ids.npy}
     * beside {@code NAME.npy} when it exists, else the row numbers {@code 0..n-1}.
     *
     * @param vectors float32/float64 {@code n x d}
     * @param ids int64 {@code n}, or {@code null} for the default
     * @param labels int64 {@code n}, or {@code null}
     * @return the validated space
     */
    public static LatentSpace loadWithDefaultIds(Path vectors, Path ids, Path labels) {
        Path idFile = ids != null ? ids : sibling(vectors, "ids");
        if (idFile != null) {
            return load(vectors, idFile, labels);
        }
        Npy.Matrix matrix = Npy.readMatrix(vectors);
        return load(vectors, matrix, null, LongStream.range(0, matrix.rows()).toArray(), labels);
    }

    /**
     * @param vectors {@code NAME.npy}
     * @param kind e.g. {@code ids} or {@code labels}
     * @return {@code NAME.KIND.npy} beside it when that is a file, else {@code null}
     */
    public static Path sibling(Path vectors, String kind) {
        String name = vectors.getFileName().toString();
        String stem = name.endsWith(".npy") ? name.substring(0, name.length() - 4) : name;
        Path candidate = vectors.resolveSibling(stem + "." + kind + ".npy");
        return Files.isRegularFile(candidate) ? candidate : null;
    }

    private static LatentSpace load(Path vectors, Npy.Matrix matrix, Path ids, long[] idValues, Path labels) {
        if (idValues.length != matrix.rows()) {
            throw new InvalidInputException(ids + ": " + idValues.length + " ids for the " + matrix.rows()
                    + " rows of " + vectors + ": the ids file does not match the vectors");
        }
        int[] labelValues = labels == null ? null : Npy.readInts(labels);
        if (labelValues != null && labelValues.length != matrix.rows()) {
            throw new InvalidInputException(labels + ": " + labelValues.length + " labels for the " + matrix.rows()
                    + " rows of " + vectors + ": the labels file does not match the vectors");
        }
        return LatentSpace.of(vectors.toString(), idValues, matrix.data(), matrix.cols(), labelValues);
    }
}
