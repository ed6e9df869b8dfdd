package latentatlas.metrics;

import latentatlas.InvalidInputException;
import latentatlas.compute.IdIndex;
import latentatlas.io.Npy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Linear CKA (and its debiased form) between two spaces too large for the heap, read from their
 * {@code .npy} files in row blocks and joined by id: the rows of A whose id B also holds, in A's order,
 * each paired with B's row of that id. CKA is a sum of block products, so two passes over the files
 * suffice, each holding one block of both spaces: the column means {@code mu_X}, {@code mu_Y} (summed in
 * double, row by row, as {@link LinearCka#columnMeans} does), then {@link CkaStatistics} centred on them,
 * <pre>
 *     CKA = ||Yc^T Xc||_F^2 / (||Xc^T Xc||_F ||Yc^T Yc||_F),   Xc = X - 1 mu_X^T
 * </pre>
 * (the same statistics, fed in blocks, as {@link LinearCka#of}; the float32 block products differ
 * from one block size to another only in their rounding). Memory: the ids of both spaces (about 36
 * bytes per row of B, 12 per row of A) and {@code blockRows x (p + q)} floats.
 *
 * <pre>
 * OutOfCoreCka.Result r = OutOfCoreCka.compare(Path.of("a.npy"), Path.of("a.ids.npy"),
 *         Path.of("b.npy"), Path.of("b.ids.npy"), 65_536);
 * double cka = r.linear();
 * </pre>
 */
public final class OutOfCoreCka {
    private OutOfCoreCka() {
    }

    /**
     * @param commonIds the ids both spaces hold
     * @param widthA A's width {@code p}
     * @param widthB B's width {@code q}
     * @param linear linear CKA
     * @param debiased debiased linear CKA (with at least 4 common ids)
     */
    public record Result(long commonIds, int widthA, int widthB, double linear, OptionalDouble debiased) {
    }

    /** One block of joined rows. */
    @FunctionalInterface
    private interface BlockConsumer {
        void accept(float[] x, float[] y, int rows);
    }

    /**
     * @param a A's vectors ({@code n x p})
     * @param idsA A's ids, or {@code null} for the row numbers
     * @param b B's vectors ({@code m x q})
     * @param idsB B's ids, or {@code null} for the row numbers
     * @param blockRows rows of A read at a time, at least 1
     * @return the CKA of the joined rows
     * @throws InvalidInputException when a file is invalid, ids repeat in a space, the ids do not match
     *     the vectors, the spaces share fewer than 2 ids, or a space has zero variance
     */
    public static Result compare(Path a, Path idsA, Path b, Path idsB, int blockRows) {
        if (blockRows < 1) {
            throw new InvalidInputException(List.of("block-rows"), "block rows: expected at least 1, found " + blockRows);
        }
        try (Npy.MatrixReader x = Npy.openMatrix(a); Npy.MatrixReader y = Npy.openMatrix(b)) {
            long[] aIds = ids(x, idsA);
            long[] bIds = ids(y, idsB);
            IdIndex bRows = index(b, bIds);
            index(a, aIds);
            int p = x.cols();
            int q = y.cols();
            double[] sumX = new double[p];
            double[] sumY = new double[q];
            long[] count = {0};
            BlockConsumer means = (xs, ys, n) -> {
                addColumns(xs, n, p, sumX);
                addColumns(ys, n, q, sumY);
                count[0] += n;
            };
            forEachBlock(x, y, aIds, bRows, blockRows, means);
            if (count[0] < 2) {
                throw new InvalidInputException("the two spaces (" + aIds.length + " and " + bIds.length
                        + " ids) share " + count[0] + " ids, need at least 2: compare spaces of the same samples,"
                        + " with their ids");
            }
            for (int j = 0; j < p; j++) {
                sumX[j] /= count[0];
            }
            for (int j = 0; j < q; j++) {
                sumY[j] /= count[0];
            }
            CkaStatistics statistics = new CkaStatistics(sumX, sumY);
            forEachBlock(x, y, aIds, bRows, blockRows, (xs, ys, n) -> statistics.add(xs, ys, 0, n));
            return new Result(count[0], p, q, statistics.linearCka(),
                    count[0] >= 4 ? OptionalDouble.of(statistics.debiasedCka()) : OptionalDouble.empty());
        }
    }

    private static long[] ids(Npy.MatrixReader reader, Path file) {
        if (file == null) {
            return java.util.stream.LongStream.range(0, reader.rows()).toArray();
        }
        long[] ids = Npy.readLongs(file);
        if (ids.length != reader.rows()) {
            throw new InvalidInputException(file + ": " + ids.length + " ids for the " + reader.rows() + " rows of "
                    + reader.name() + ": the ids file does not match the vectors");
        }
        return ids;
    }

    private static IdIndex index(Path file, long[] ids) {
        IdIndex index = new IdIndex(ids.length);
        for (int i = 0; i < ids.length; i++) {
            if (index.addIfAbsent(ids[i]) != i) {
                throw new InvalidInputException(file + ": id " + ids[i] + " appears twice (rows " + index.get(ids[i])
                        + " and " + i + "): ids must be unique");
            }
        }
        return index;
    }

    /** Reads A in blocks, keeps the rows whose id B holds, and gathers B's rows for them (sorted, in runs). */
    private static void forEachBlock(Npy.MatrixReader x, Npy.MatrixReader y, long[] aIds, IdIndex bRows, int blockRows,
                                     BlockConsumer consumer) {
        int p = x.cols();
        int q = y.cols();
        int block = (int) Math.max(1, Math.min(blockRows, aIds.length));
        float[] xs = new float[block * p];
        float[] kept = new float[block * p];
        float[] ys = new float[block * q];
        long[] packed = new long[block];
        for (int first = 0; first < aIds.length; first += block) {
            int size = Math.min(block, aIds.length - first);
            x.read(first, size, xs);
            checkFinite(x, xs, size, first, aIds);
            int m = 0;
            for (int i = 0; i < size; i++) {
                int row = bRows.get(aIds[first + i]);
                if (row >= 0) {
                    System.arraycopy(xs, i * p, kept, m * p, p);
                    packed[m] = (long) row << 32 | m;
                    m++;
                }
            }
            if (m == 0) {
                continue;
            }
            Arrays.sort(packed, 0, m);
            float[] run = new float[0];
            for (int c = 0; c < m; ) {
                long start = packed[c] >>> 32;
                int length = 1;
                while (c + length < m && (packed[c + length] >>> 32) == start + length) {
                    length++;
                }
                if (run.length < length * q) {
                    run = new float[Math.max(length * q, Math.min(block, 4096) * q)];
                }
                y.read(start, length, run);
                checkFinite(y, run, length, start, null);
                for (int r = 0; r < length; r++) {
                    int pair = (int) packed[c + r];
                    System.arraycopy(run, r * q, ys, pair * q, q);
                }
                c += length;
            }
            consumer.accept(kept, ys, m);
        }
    }

    /** A NaN or infinity is an error naming the file, the row (and id) and the column. */
    private static void checkFinite(Npy.MatrixReader reader, float[] rows, int n, long first, long[] ids) {
        int width = reader.cols();
        for (int v = 0; v < n * width; v++) {
            if (!Float.isFinite(rows[v])) {
                long row = first + v / width;
                throw new InvalidInputException(reader.name() + ": value " + rows[v] + " at row " + row
                        + (ids != null ? " (id " + ids[(int) row] + ")" : "") + ", column " + (v % width)
                        + " is not finite: clean the embeddings before comparing");
            }
        }
    }

    private static void addColumns(float[] rows, int n, int width, double[] sums) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < width; j++) {
                sums[j] += rows[i * width + j];
            }
        }
    }
}
