package latentatlas.space;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import latentatlas.InvalidInputException;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * An immutable latent space: {@code n} samples with stable int64 ids, their vectors (float32,
 * {@code n x d}, row-major) and optional global class labels.
 *
 * <p>Construction validates: ids are unique, the vector count matches the ids, every value is finite
 * (a NaN or infinity is an input error, never carried silently), labels (when given) match the ids.
 * The vector storage is shared, not copied, by {@link #rawVectors()}: callers must not modify it.
 */
public final class LatentSpace {
    private final long[] ids;
    private final float[] vectors;
    private final int dim;
    private final int[] labels;
    private RowIndex rowById;

    private LatentSpace(long[] ids, float[] vectors, int dim, int[] labels) {
        this.ids = ids;
        this.vectors = vectors;
        this.dim = dim;
        this.labels = labels;
    }

    /**
     * Builds a validated space; the arrays are taken over, not copied.
     *
     * @param name what the space is called in error messages (a file name, a chart name)
     * @param ids one unique id per row
     * @param vectors {@code ids.length * dim} finite values, row-major
     * @param dim the vector width, at least 1
     * @param labels one global class label per row, or {@code null} when unlabelled
     * @return the space
     * @throws InvalidInputException naming the first offending row or id
     */
    public static LatentSpace of(String name, long[] ids, float[] vectors, int dim, int[] labels) {
        if (dim < 1) {
            throw new InvalidInputException(name + ": vector width must be at least 1, found " + dim);
        }
        if ((long) ids.length * dim != vectors.length) {
            throw new InvalidInputException(name + ": " + ids.length + " ids but " + vectors.length
                    + " values, which is not " + ids.length + " rows of width " + dim
                    + ": the ids file does not match the vectors");
        }
        if (labels != null && labels.length != ids.length) {
            throw new InvalidInputException(name + ": " + labels.length + " labels for " + ids.length
                    + " ids: give one label per row");
        }
        for (int i = 0; i < vectors.length; i++) {
            if (!Float.isFinite(vectors[i])) {
                throw new InvalidInputException(name + ": value " + vectors[i] + " at row " + (i / dim)
                        + " (id " + ids[i / dim] + "), column " + (i % dim)
                        + " is not finite: clean the embeddings before merging");
            }
        }
        LatentSpace space = new LatentSpace(ids, vectors, dim, labels);
        space.index(name);
        return space;
    }

    private void index(String name) {
        try {
            rowById = RowIndex.of(ids);
        } catch (RowIndex.Duplicate d) {
            throw new InvalidInputException(name + ": id " + ids[d.second] + " appears twice (rows "
                    + d.first + " and " + d.second + "): ids must be unique");
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(java.util.List.of("ids"), name + ": " + e.getMessage());
        }
    }

    /** @return the number of samples {@code n} */
    public int size() {
        return ids.length;
    }

    /** @return the vector width {@code d} */
    public int dim() {
        return dim;
    }

    /** @return a copy of the ids, in row order */
    public long[] ids() {
        return ids.clone();
    }

    /** @return the id of row {@code row} */
    public long id(int row) {
        return ids[row];
    }

    /** @return whether the space carries class labels */
    public boolean hasLabels() {
        return labels != null;
    }

    /**
     * @return a copy of the labels, in row order
     * @throws IllegalStateException when the space is unlabelled
     */
    public int[] labels() {
        if (labels == null) {
            throw new IllegalStateException("this latent space has no labels");
        }
        return labels.clone();
    }

    /** @return the label of row {@code row} (the space must be labelled) */
    public int label(int row) {
        return labels[row];
    }

    /**
     * The shared row-major storage ({@code n * d} floats). Read-only by contract: it is not copied,
     * so that million-row spaces are not duplicated.
     *
     * @return the vectors
     */
    public float[] rawVectors() {
        return vectors;
    }

    /** @return a copy of row {@code row} */
    public float[] row(int row) {
        return Arrays.copyOfRange(vectors, row * dim, (row + 1) * dim);
    }

    /** @return the row of {@code id}, or -1 when absent */
    public int rowOf(long id) {
        return rowById.rowOf(id);
    }

    /** @return whether {@code id} is in the space */
    public boolean contains(long id) {
        return rowById.rowOf(id) >= 0;
    }

    /**
     * The rows of the given ids, in that order.
     *
     * @param name what the result is called in error messages
     * @param wanted ids that must all be present
     * @return the sub-space
     * @throws InvalidInputException naming the first missing id
     */
    public LatentSpace select(String name, long[] wanted) {
        int[] rows = new int[wanted.length];
        for (int i = 0; i < wanted.length; i++) {
            rows[i] = rowOf(wanted[i]);
            if (rows[i] < 0) {
                throw new InvalidInputException(name + ": id " + wanted[i] + " is not in the space ("
                        + size() + " ids)");
            }
        }
        return rows(rows);
    }

    /** @return the sub-space made of the given rows, in that order */
    public LatentSpace rows(int[] rows) {
        long[] subIds = new long[rows.length];
        float[] subVectors = new float[rows.length * dim];
        int[] subLabels = labels == null ? null : new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            subIds[i] = ids[rows[i]];
            System.arraycopy(vectors, rows[i] * dim, subVectors, i * dim, dim);
            if (subLabels != null) {
                subLabels[i] = labels[rows[i]];
            }
        }
        LatentSpace sub = new LatentSpace(subIds, subVectors, dim, subLabels);
        sub.index("selection");
        return sub;
    }

    /** @return the same vectors with other labels (or none) */
    public LatentSpace withLabels(int[] newLabels) {
        if (newLabels != null && newLabels.length != ids.length) {
            throw new InvalidInputException(newLabels.length + " labels for " + ids.length
                    + " ids: give one label per row");
        }
        LatentSpace copy = new LatentSpace(ids, vectors, dim, newLabels);
        copy.rowById = rowById;
        return copy;
    }

    /**
     * Copies the vectors into an {@code n x d} float32 array owned by {@code manager}.
     *
     * @param manager the scope that will own (and free) the array
     * @return the array
     */
    public NDArray toNDArray(NDManager manager) {
        return manager.create(FloatBuffer.wrap(vectors), new Shape(ids.length, dim));
    }

    @Override
    public String toString() {
        return "LatentSpace[" + ids.length + " x " + dim + (labels == null ? "" : ", labelled") + "]";
    }
}
