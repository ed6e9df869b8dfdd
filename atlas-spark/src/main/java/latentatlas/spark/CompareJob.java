package latentatlas.spark;

import latentatlas.InvalidInputException;
import latentatlas.metrics.CkaStatistics;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

import java.io.Serializable;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.col;

/**
 * Compares two spaces joined by id, in two passes over the joined rows, each a per-partition
 * reduction of sufficient statistics in double merged on the driver:
 * <ol>
 *   <li>{@link ClassSums}: row count and column sums (the means {@code mu_X}, {@code mu_Y}), and per
 *       class counts and sums (the centroids);</li>
 *   <li>atlas-core's {@link CkaStatistics} centred on those means, fed block by block, giving linear
 *       CKA {@code ||Yc^T Xc||_F^2 / (||Xc^T Xc||_F ||Yc^T Yc||_F)}; and per class the sums of
 *       {@code ||x - mu_c||} in both spaces (docs/method.md §6 separability).</li>
 * </ol>
 * The label of an id is taken from space A, else from space B.
 */
public final class CompareJob {
    /** Rows per block handed to {@link CkaStatistics#add}. */
    static final int BLOCK_ROWS = 2_048;

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
                .selectExpr("id", "a.vector as x", "b.vector as y", "coalesce(a.label, b.label) as label");
        JavaRDD<PairRow> pairs = joined.as(Encoders.bean(PairRow.class)).javaRDD()
                .persist(StorageLevel.MEMORY_AND_DISK_SER());
        try {
            // collected, not reduced: no partition has rows when the spaces share no id
            long count = 0;
            ClassSums sums = null;
            for (ClassSums part : pairs.mapPartitions(new FirstPass(hook)).collect()) {
                sums = sums == null ? part : sums.merge(part);
                count = sums.count;
            }
            if (count < 2) {
                throw new InvalidInputException("compare: the spaces share " + count
                        + " id(s), at least 2 needed: compare spaces of the same samples");
            }
            SecondPass second = new SecondPass(hook, sums.meanX(), sums.meanY(), sums.centroidsX(), sums.centroidsY());
            Distances distances = pairs.mapPartitions(second).reduce(Distances::merge);
            return Comparison.of(sums, distances);
        } finally {
            pairs.unpersist(false);
        }
    }

    /** An id twice in a space would be counted twice by the join, silently. */
    private static void requireUniqueIds(Dataset<Row> space, String name) {
        List<Row> twice = space.groupBy(AtlasTables.ID).count().filter(col("count").gt(1)).limit(1).collectAsList();
        if (!twice.isEmpty()) {
            throw new InvalidInputException("compare: in space " + name + ", id " + twice.get(0).getLong(0) + " appears "
                    + twice.get(0).getLong(1) + " times: ids must be unique (for a table of several charts, pick one chart)");
        }
    }

    private static void checkWidths(PairRow row, int dimX, int dimY) {
        if (row.getX().length != dimX || row.getY().length != dimY) {
            throw new InvalidInputException("compare: id " + row.getId() + " has widths " + row.getX().length + " / "
                    + row.getY().length + " but other rows have " + dimX + " / " + dimY
                    + ": every row of a space must have the same width");
        }
    }

    private static void startTask(PartitionHook hook) {
        TaskContext task = TaskContext.get();
        hook.start(task == null ? 0 : task.partitionId(), task == null ? 0 : task.attemptNumber());
    }

    /** Pass 1: counts and sums per partition. */
    private record FirstPass(PartitionHook hook) implements
            org.apache.spark.api.java.function.FlatMapFunction<Iterator<PairRow>, ClassSums> {
        @Override
        public Iterator<ClassSums> call(Iterator<PairRow> rows) {
            startTask(hook);
            ClassSums sums = null;
            while (rows.hasNext()) {
                PairRow row = rows.next();
                if (sums == null) {
                    sums = new ClassSums(row.getX().length, row.getY().length);
                }
                checkWidths(row, sums.sumX.length, sums.sumY.length);
                sums.add(row.getX(), row.getY(), row.getLabel());
            }
            return sums == null ? Collections.emptyIterator() : Collections.singletonList(sums).iterator();
        }
    }

    /** Pass 2: centred CKA statistics and distances to the class centroids, per partition. */
    private record SecondPass(PartitionHook hook, double[] meanX, double[] meanY, Map<Integer, double[]> centroidsX,
                              Map<Integer, double[]> centroidsY) implements
            org.apache.spark.api.java.function.FlatMapFunction<Iterator<PairRow>, Distances> {
        @Override
        public Iterator<Distances> call(Iterator<PairRow> rows) {
            startTask(hook);
            int dimX = meanX.length;
            int dimY = meanY.length;
            Distances out = new Distances(new CkaStatistics(meanX, meanY));
            float[] xs = new float[BLOCK_ROWS * dimX];
            float[] ys = new float[BLOCK_ROWS * dimY];
            int n = 0;
            while (rows.hasNext()) {
                PairRow row = rows.next();
                checkWidths(row, dimX, dimY);
                System.arraycopy(row.getX(), 0, xs, n * dimX, dimX);
                System.arraycopy(row.getY(), 0, ys, n * dimY, dimY);
                if (++n == BLOCK_ROWS) {
                    out.cka.add(xs, ys, n);
                    n = 0;
                }
                if (row.getLabel() != null) {
                    double[] d = out.distanceSums.computeIfAbsent(row.getLabel(), l -> new double[2]);
                    d[0] += distance(row.getX(), centroidsX.get(row.getLabel()));
                    d[1] += distance(row.getY(), centroidsY.get(row.getLabel()));
                }
            }
            if (n > 0) {
                out.cka.add(java.util.Arrays.copyOf(xs, n * dimX), java.util.Arrays.copyOf(ys, n * dimY), n);
            }
            return Collections.singletonList(out).iterator();
        }

        private static double distance(float[] v, double[] centroid) {
            double sq = 0;
            for (int j = 0; j < v.length; j++) {
                double diff = v[j] - centroid[j];
                sq += diff * diff;
            }
            return Math.sqrt(sq);
        }
    }

    /** Second-pass statistics: CKA's centred sums and, per class, the sums of distances to the centroid in A and B. */
    static final class Distances implements Serializable {
        private static final long serialVersionUID = 1L;
        final CkaStatistics cka;
        final Map<Integer, double[]> distanceSums = new TreeMap<>();

        Distances(CkaStatistics cka) {
            this.cka = cka;
        }

        Distances merge(Distances other) {
            cka.merge(other.cka);
            other.distanceSums.forEach((label, d) -> {
                double[] mine = distanceSums.computeIfAbsent(label, l -> new double[2]);
                mine[0] += d[0];
                mine[1] += d[1];
            });
            return this;
        }
    }
}
