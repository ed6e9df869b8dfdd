package latentatlas.spark;

import latentatlas.InvalidInputException;
import latentatlas.metrics.CkaStatistics;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;

import java.io.Serializable;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.col;

/**
 * Compares two spaces joined by id, with per-partition reductions of sufficient statistics in double
 * merged on the driver:
 * <ol>
 *   <li>one pass for linear CKA and the class centroids: per partition {@link ClassSums} (row count,
 *       column sums, per class counts and sums) and atlas-core's {@link CkaStatistics} of the
 *       partition's Grams, centred on the mean of its first block; on the driver each partition's
 *       Grams are re-centred exactly on the global means {@code mu_X}, {@code mu_Y}
 *       ({@link CkaStatistics#recentred}) and summed, giving
 *       {@code CKA = ||Yc^T Xc||_F^2 / (||Xc^T Xc||_F ||Yc^T Yc||_F)};</li>
 *   <li>only when a row has a label, a second pass for the per-class sums of {@code ||x - mu_c||} in
 *       both spaces (docs/method.md §6 separability), which need the global centroids.</li>
 * </ol>
 * The label of an id is taken from space A, else from space B.
 */
public final class CompareJob {
    /**
     * Rows per block handed to {@link CkaStatistics#add}: its largest block, since each call also pays
     * for its native Gram sums and their copy back to the heap.
     */
    static final int BLOCK_ROWS = 16_384;

    private CompareJob() {
    }

    /**
     * @param a the first space, as read by {@link AtlasTables#readSpace}
     * @param b the second space, likewise
     * @param hook called at the start of every partition task of both passes
     * @return the comparison
     * @throws InvalidInputException when the spaces share fewer than 2 ids, a space has an id twice, or a
     *     space's widths vary
     */
    public static Comparison compare(Dataset<Row> a, Dataset<Row> b, PartitionHook hook) {
        requireUniqueIds(a, "A");
        requireUniqueIds(b, "B");
        Dataset<Row> joined = a.alias("a").join(b.alias("b"), "id")
                .selectExpr("cast(id as long) as id", "cast(a.vector as array<float>) as x",
                        "cast(b.vector as array<float>) as y", "cast(coalesce(a.label, b.label) as int) as label");
        // not persisted: the second pass (labelled rows only) recomputes the join rather than every
        // comparison paying for a serialized copy of all pairs
        JavaRDD<InternalRow> pairs = InternalRows.of(joined);
        // collected, not reduced: no partition has rows when the spaces share no id
        List<Part> parts = pairs.mapPartitions(new FirstPass(hook)).collect();
        long count = 0;
        for (Part part : parts) {
            count += part.sums.count;
        }
        if (count < 2) {
            throw new InvalidInputException("compare: the spaces share " + count
                    + " id(s), at least 2 needed: compare spaces of the same samples");
        }
        double[] meanX = new double[parts.get(0).sums.sumX.length];
        double[] meanY = new double[parts.get(0).sums.sumY.length];
        for (Part part : parts) {
            addInto(meanX, part.sums.sumX);
            addInto(meanY, part.sums.sumY);
        }
        for (int j = 0; j < meanX.length; j++) {
            meanX[j] /= count;
        }
        for (int j = 0; j < meanY.length; j++) {
            meanY[j] /= count;
        }
        CkaStatistics cka = null;
        for (Part part : parts) {
            CkaStatistics centred = part.cka.recentred(part.sums.sumX, part.sums.sumY, meanX, meanY);
            cka = cka == null ? centred : merged(cka, centred);
        }
        ClassSums sums = null;
        for (Part part : parts) {
            sums = sums == null ? part.sums : sums.merge(part.sums);
        }
        Distances distances = new Distances();
        if (!sums.classCounts().isEmpty()) {
            SecondPass second = new SecondPass(hook, sums.centroidsX(), sums.centroidsY());
            distances = pairs.mapPartitions(second).reduce(Distances::merge);
        }
        return Comparison.of(sums, cka.linearCka(), distances);
    }

    /** An id twice in a space would be counted twice by the join, silently. */
    private static void requireUniqueIds(Dataset<Row> space, String name) {
        List<Row> twice = space.groupBy(AtlasTables.ID).count().filter(col("count").gt(1)).limit(1).collectAsList();
        if (!twice.isEmpty()) {
            throw new InvalidInputException("compare: in space " + name + ", id " + twice.get(0).getLong(0) + " appears "
                    + twice.get(0).getLong(1) + " times: ids must be unique (for a table of several charts, pick one chart)");
        }
    }

    /** Pair rows: {@code (id long, x array<float>, y array<float>, label int or null)}. */
    private static final int ID = 0;
    private static final int X = 1;
    private static final int Y = 2;
    private static final int LABEL = 3;

    private static void checkWidths(InternalRow row, int dimX, int dimY) {
        int x = row.getArray(X).numElements();
        int y = row.getArray(Y).numElements();
        if (x != dimX || y != dimY) {
            throw new InvalidInputException("compare: id " + row.getLong(ID) + " has widths " + x + " / " + y
                    + " but other rows have " + dimX + " / " + dimY + ": every row of a space must have the same width");
        }
    }

    private static Integer label(InternalRow row) {
        return row.isNullAt(LABEL) ? null : row.getInt(LABEL);
    }

    private static void startTask(PartitionHook hook) {
        TaskContext task = TaskContext.get();
        hook.start(task == null ? 0 : task.partitionId(), task == null ? 0 : task.attemptNumber());
    }

    /** One partition's first-pass statistics: sums and Grams around the mean of its first block. */
    static final class Part implements Serializable {
        private static final long serialVersionUID = 1L;
        final ClassSums sums;
        final CkaStatistics cka;

        Part(ClassSums sums, CkaStatistics cka) {
            this.sums = sums;
            this.cka = cka;
        }
    }

    private static void addInto(double[] into, double[] values) {
        for (int j = 0; j < into.length; j++) {
            into[j] += values[j];
        }
    }

    private static CkaStatistics merged(CkaStatistics into, CkaStatistics other) {
        into.merge(other);
        return into;
    }

    /** Pass 1: counts, sums and the Grams of each block, around the mean of the partition's first block. */
    private record FirstPass(PartitionHook hook) implements
            org.apache.spark.api.java.function.FlatMapFunction<Iterator<InternalRow>, Part> {
        @Override
        public Iterator<Part> call(Iterator<InternalRow> rows) {
            startTask(hook);
            ClassSums sums = null;
            CkaStatistics cka = null;
            float[] xs = null;
            float[] ys = null;
            int n = 0;
            while (rows.hasNext()) {
                InternalRow row = rows.next();
                if (sums == null) {
                    sums = new ClassSums(row.getArray(X).numElements(), row.getArray(Y).numElements());
                    xs = new float[BLOCK_ROWS * sums.sumX.length];
                    ys = new float[BLOCK_ROWS * sums.sumY.length];
                }
                int dimX = sums.sumX.length;
                int dimY = sums.sumY.length;
                checkWidths(row, dimX, dimY);
                if (!InternalRows.copyVector(row.getArray(X), xs, n * dimX)
                        || !InternalRows.copyVector(row.getArray(Y), ys, n * dimY)) {
                    throw InternalRows.nullElement("compare: id " + row.getLong(ID));
                }
                sums.add(xs, n * dimX, ys, n * dimY, label(row));
                if (++n == BLOCK_ROWS) {
                    cka = addBlock(cka, xs, ys, n, dimX, dimY);
                    n = 0;
                }
            }
            if (sums == null) {
                return Collections.emptyIterator();
            }
            if (n > 0) {
                cka = addBlock(cka, xs, ys, n, sums.sumX.length, sums.sumY.length);
            }
            return Collections.singletonList(new Part(sums, cka)).iterator();
        }

        /** Adds a block; the first block of the partition sets the provisional means (its own). */
        private static CkaStatistics addBlock(CkaStatistics cka, float[] xs, float[] ys, int n, int dimX, int dimY) {
            CkaStatistics out = cka != null ? cka : new CkaStatistics(blockMean(xs, n, dimX), blockMean(ys, n, dimY));
            out.add(xs, ys, 0, n);
            return out;
        }

        private static double[] blockMean(float[] rows, int n, int width) {
            double[] mean = new double[width];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < width; j++) {
                    mean[j] += rows[i * width + j];
                }
            }
            for (int j = 0; j < width; j++) {
                mean[j] /= n;
            }
            return mean;
        }
    }

    /** Pass 2 (labelled rows only): distances to the class centroids, per partition. */
    private record SecondPass(PartitionHook hook, Map<Integer, double[]> centroidsX,
                              Map<Integer, double[]> centroidsY) implements
            org.apache.spark.api.java.function.FlatMapFunction<Iterator<InternalRow>, Distances> {
        @Override
        public Iterator<Distances> call(Iterator<InternalRow> rows) {
            startTask(hook);
            Distances out = new Distances();
            while (rows.hasNext()) {
                InternalRow row = rows.next();
                Integer label = label(row);
                if (label != null) {
                    double[] d = out.distanceSums.computeIfAbsent(label, l -> new double[2]);
                    d[0] += distance(row.getArray(X), centroidsX.get(label));
                    d[1] += distance(row.getArray(Y), centroidsY.get(label));
                }
            }
            return Collections.singletonList(out).iterator();
        }

        /** The vectors passed the first pass (widths, no null element). */
        private static double distance(ArrayData v, double[] centroid) {
            double sq = 0;
            for (int j = 0; j < centroid.length; j++) {
                double diff = v.getFloat(j) - centroid[j];
                sq += diff * diff;
            }
            return Math.sqrt(sq);
        }
    }

    /** Second-pass statistics: per class, the sums of distances to the centroid in A and B. */
    static final class Distances implements Serializable {
        private static final long serialVersionUID = 1L;
        final Map<Integer, double[]> distanceSums = new TreeMap<>();

        Distances merge(Distances other) {
            other.distanceSums.forEach((label, d) -> {
                double[] mine = distanceSums.computeIfAbsent(label, l -> new double[2]);
                mine[0] += d[0];
                mine[1] += d[1];
            });
            return this;
        }
    }
}
