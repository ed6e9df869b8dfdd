package latentatlas.spark;

import latentatlas.InvalidInputException;
import latentatlas.metrics.CkaStatistics;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction2;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;

import java.io.Serializable;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares two spaces joined by id ({@link IdJoin}: both hash-partitioned by id, as the id buckets of
 * their tables where they have them, else by a shuffle; each partition joined without a sort, the
 * uniqueness of ids checked in the same pass), with per-partition reductions of
 * sufficient statistics in double merged on the driver:
 * <ol>
 *   <li>one pass for linear CKA and the class centroids: per partition {@link ClassSums} (row count,
 *       column sums, per class counts and sums) and atlas-core's {@link CkaStatistics} of the
 *       partition's Grams (one {@link CkaStatistics.Accumulator} per partition: the Gram sums stay in
 *       native memory from block to block), centred on the mean of its first block; on the driver each partition's
 *       Grams are re-centred exactly on the global means {@code mu_X}, {@code mu_Y}
 *       ({@link CkaStatistics#recentred}) and summed, giving
 *       {@code CKA = ||Yc^T Xc||_F^2 / (||Xc^T Xc||_F ||Yc^T Yc||_F)};</li>
 *   <li>only when a row has a label, a second pass for the per-class sums of {@code ||x - mu_c||} in
 *       both spaces (docs/method.md §6 separability), which need the global centroids.</li>
 * </ol>
 * The label of an id is taken from space A, else from space B.
 */
public final class CompareJob {
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
        IdJoin.Sides sides = IdJoin.sides(a, b);
        JavaRDD<InternalRow> left = sides.a();
        JavaRDD<InternalRow> right = sides.b();
        // collected, not reduced: no partition has rows when the spaces share no id
        List<Part> parts = left.zipPartitions(right, new FirstPass(hook, sides.layout())).collect();
        long count = 0;
        for (Part part : parts) {
            count += part.sums.count;
        }
        if (count < 2) {
            throw new InvalidInputException("compare: the spaces share " + count
                    + " id(s), at least 2 needed: compare spaces of the same samples");
        }
        ClassSums sums = new ClassSums(parts.get(0).sums.sumX.length, parts.get(0).sums.sumY.length);
        for (Part part : parts) {
            sums.merge(part.sums);
        }
        double[] meanX = sums.meanX();
        double[] meanY = sums.meanY();
        CkaStatistics cka = null;
        for (Part part : parts) {
            CkaStatistics centred = part.cka.recentred(part.sums.sumX, part.sums.sumY, meanX, meanY);
            cka = cka == null ? centred : merged(cka, centred);
        }
        Distances distances = new Distances();
        if (!sums.classCounts().isEmpty()) {
            // the same shuffled sides: Spark reuses their shuffle output
            SecondPass second = new SecondPass(hook, sides.layout(), sums.centroidsX(), sums.centroidsY());
            distances = left.zipPartitions(right, second).reduce(Distances::merge);
        }
        return Comparison.of(sums, cka.linearCka(), distances);
    }

    private static void startTask(PartitionHook hook) {
        TaskContext task = TaskContext.get();
        hook.start(task == null ? 0 : task.partitionId(), task == null ? 0 : task.attemptNumber());
    }

    private static Integer label(long label) {
        return label == IdJoin.NO_LABEL ? null : (int) label;
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

    private static CkaStatistics merged(CkaStatistics into, CkaStatistics other) {
        into.merge(other);
        return into;
    }

    /** Pass 1: counts, sums and the Grams of each block, around the mean of the partition's first block. */
    private record FirstPass(PartitionHook hook, IdJoin.Layout layout) implements
            FlatMapFunction2<Iterator<InternalRow>, Iterator<InternalRow>, Part> {
        @Override
        public Iterator<Part> call(Iterator<InternalRow> a, Iterator<InternalRow> b) {
            startTask(hook);
            ClassSums[] sums = new ClassSums[1];
            CkaStatistics[] cka = new CkaStatistics[1];
            CkaStatistics.Accumulator[] grams = new CkaStatistics.Accumulator[1];
            try {
                IdJoin.join(a, b, layout, (xs, ys, labels, n, dimX, dimY) -> {
                    boolean first = sums[0] == null;
                    if (first) {
                        sums[0] = new ClassSums(dimX, dimY);
                    }
                    for (int i = 0; i < n; i++) {
                        sums[0].add(xs, i * dimX, ys, i * dimY, label(labels[i]));
                    }
                    if (first) {
                        cka[0] = new CkaStatistics(sums[0].meanX(), sums[0].meanY());
                        grams[0] = cka[0].accumulator(IdJoin.BLOCK_ROWS);
                    }
                    grams[0].add(xs, ys, 0, n);
                });
            } finally {
                if (grams[0] != null) {
                    grams[0].close();
                }
            }
            return sums[0] == null ? Collections.emptyIterator()
                    : Collections.singletonList(new Part(sums[0], cka[0])).iterator();
        }
    }

    /** Pass 2 (labelled rows only): distances to the class centroids, per partition. */
    private record SecondPass(PartitionHook hook, IdJoin.Layout layout, Map<Integer, double[]> centroidsX,
                              Map<Integer, double[]> centroidsY) implements
            FlatMapFunction2<Iterator<InternalRow>, Iterator<InternalRow>, Distances> {
        @Override
        public Iterator<Distances> call(Iterator<InternalRow> a, Iterator<InternalRow> b) {
            startTask(hook);
            Distances out = new Distances();
            IdJoin.join(a, b, layout, (xs, ys, labels, n, dimX, dimY) -> {
                for (int i = 0; i < n; i++) {
                    Integer label = label(labels[i]);
                    if (label != null) {
                        double[] d = out.distanceSums.computeIfAbsent(label, l -> new double[2]);
                        d[0] += distance(xs, i * dimX, centroidsX.get(label));
                        d[1] += distance(ys, i * dimY, centroidsY.get(label));
                    }
                }
            });
            return Collections.singletonList(out).iterator();
        }

        private static double distance(float[] rows, int offset, double[] centroid) {
            double sq = 0;
            for (int j = 0; j < centroid.length; j++) {
                double diff = rows[offset + j] - centroid[j];
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
