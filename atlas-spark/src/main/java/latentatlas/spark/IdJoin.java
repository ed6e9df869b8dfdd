package latentatlas.spark;

import latentatlas.InvalidInputException;
import latentatlas.compute.IdIndex;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.unsafe.hash.Murmur3_x86_32;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * The inner join by id of two spaces, one partition at a time, with no sort and no joined row: both
 * spaces are hash-partitioned alike by id ({@link #sides}: as their tables' id buckets, or by Spark's
 * own shuffle), and each pair of
 * partitions ({@code zipPartitions}) is joined here: space A's rows are held in row blocks with a
 * primitive id index, space B's are streamed past them, and the pairs are handed on in blocks of up to
 * {@link #BLOCK_ROWS} rows ({@link Sink}), the vectors copied once, from Spark's arrays into the blocks.
 *
 * <p>The same pass checks what the join needs of the input: an id at most once in each space (an id
 * twice would be counted twice), every row of a space as wide as the partition's first, no null
 * vector element. A partition holds A's share of the rows, about {@code rows(A) / partitions}.
 */
final class IdJoin {
    /**
     * Rows per block handed on: atlas-core's CKA statistics' largest block, since each block also pays
     * for its native Gram sums and their copy back to the heap.
     */
    static final int BLOCK_ROWS = 16_384;

    /** The label of a pair without one (no int label can equal it). */
    static final long NO_LABEL = Long.MIN_VALUE;

    /** Space rows as {@link #selected} selects them. */
    private static final int ID = 0;
    private static final int VECTOR = 1;
    private static final int LABEL = 2;

    /** Spark's seed of {@code hash()}, which its hash partitioning uses (HashPartitioning: pmod(murmur3(id, 42), n)). */
    private static final int SPARK_HASH_SEED = 42;

    /** Receives the pairs of one partition, block by block. */
    interface Sink {
        /**
         * @param xs the pairs' A vectors, {@code n x dimX} row-major (valid up to row n; reused)
         * @param ys the pairs' B vectors, {@code n x dimY}
         * @param labels the pairs' labels (A's, else B's), {@link #NO_LABEL} for none
         * @param n the pairs in this block, 1 to {@link #BLOCK_ROWS}
         */
        void block(float[] xs, float[] ys, long[] labels, int n, int dimX, int dimY);
    }

    private IdJoin() {
    }

    /**
     * How the two sides of a join are partitioned: both alike by id into {@code partitions}, partition
     * {@code i} holding the ids {@code pmod(murmur3(id, 42), partitions) = i}; a side is {@code bucketed}
     * when its partitions are its table's id buckets (read as written), else Spark's shuffle made them.
     */
    record Layout(int partitions, boolean bucketedA, boolean bucketedB) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** The rows of both sides, partitioned as {@link #layout} says. */
    record Sides(JavaRDD<InternalRow> a, JavaRDD<InternalRow> b, Layout layout) {
    }

    /**
     * Partitions two spaces alike by id, shuffling as little as their tables allow: two tables bucketed
     * by id ({@link IdBuckets}) into the same number of buckets, or into {@code B} and {@code B / r}
     * (space A's buckets grouped by {@code r}, as long as A's files over {@code B / r} are at most a file
     * split, {@code spark.sql.files.maxPartitionBytes}: a partition of A is held in memory), are joined as read; a table
     * bucketed once is kept and the other space shuffled into its buckets (space B always; space A
     * when B's buckets are at least twice A's input partitions, as {@link #partitions} asks, so that a
     * partition holds a fraction of A's file split); else both are shuffled by id ({@link #partitions}).
     *
     * @param a space A, as {@link AtlasTables#readSpace} reads it
     * @param b space B, likewise
     */
    static Sides sides(Dataset<Row> a, Dataset<Row> b) {
        return IdBuckets.planning(a.sparkSession(), () -> {
            Dataset<Row> rowsA = selected(a);
            Dataset<Row> rowsB = selected(b);
            int bucketsA = IdBuckets.of(rowsA);
            int bucketsB = IdBuckets.of(rowsB);
            JavaRDD<InternalRow> scanA = bucketsA > 0 ? InternalRows.of(rowsA) : null;
            JavaRDD<InternalRow> scanB = bucketsB > 0 ? InternalRows.of(rowsB) : null;
            bucketsA = scanA != null && scanA.getNumPartitions() == bucketsA ? bucketsA : 0;
            bucketsB = scanB != null && scanB.getNumPartitions() == bucketsB ? bucketsB : 0;
            if (bucketsA > 0 && bucketsB > 0 && bucketsA % bucketsB == 0 && bytes(a) / bucketsB <= splitBytes(a)) {
                return new Sides(IdBuckets.coalesced(scanA, bucketsA, bucketsB), scanB, new Layout(bucketsB, true, true));
            }
            if (bucketsA > 0) {
                boolean groupB = bucketsB > 0 && bucketsB % bucketsA == 0;
                JavaRDD<InternalRow> sideB = groupB ? IdBuckets.coalesced(scanB, bucketsB, bucketsA) : shuffled(rowsB, bucketsA);
                return new Sides(scanA, sideB, new Layout(bucketsA, true, groupB));
            }
            if (bucketsB > 0 && bucketsB >= Math.max(parallelism(a), 2 * inputPartitions(a))) {
                return new Sides(shuffled(rowsA, bucketsB), scanB, new Layout(bucketsB, false, true));
            }
            int partitions = partitions(a, b);
            return new Sides(shuffled(rowsA, partitions), shuffled(rowsB, partitions), new Layout(partitions, false, false));
        });
    }

    /** @return the space's rows {@code (id long, vector array<float>, label int or null)} */
    private static Dataset<Row> selected(Dataset<Row> space) {
        return space.selectExpr("cast(id as long) as id", "cast(vector as array<float>) as vector",
                "cast(label as int) as label");
    }

    /** @return the rows hash-partitioned by id into {@code partitions} (Spark's shuffle) */
    private static JavaRDD<InternalRow> shuffled(Dataset<Row> rows, int partitions) {
        return InternalRows.of(IdBuckets.partition(rows, partitions));
    }

    /**
     * @return partitions for shuffling the two spaces: twice their input partitions (each at most
     *     Spark's file split, 128 MiB by default), so that a partition holds a fraction of a split of A,
     *     and at least the default parallelism
     */
    static int partitions(Dataset<Row> a, Dataset<Row> b) {
        return Math.max(parallelism(a), 2 * (inputPartitions(a) + inputPartitions(b)));
    }

    /** @return the bytes of the space's files, as Spark estimates them */
    private static long bytes(Dataset<Row> space) {
        return space.queryExecution().optimizedPlan().stats().sizeInBytes().longValue();
    }

    private static long splitBytes(Dataset<Row> space) {
        return space.sparkSession().sessionState().conf().filesMaxPartitionBytes();
    }

    private static int inputPartitions(Dataset<Row> space) {
        return space.queryExecution().toRdd().getNumPartitions();
    }

    private static int parallelism(Dataset<Row> space) {
        return space.sparkSession().sparkContext().defaultParallelism();
    }

    /**
     * Joins one partition of each side of {@link #sides} with the same partition number.
     *
     * @param layout the sides' layout ({@link #sides})
     * @throws InvalidInputException naming the space and the id when an id is twice in a space, a row's
     *     width differs from the partition's first row's, a vector has a null element, or a bucketed
     *     table's row is not in its id's bucket
     */
    static void join(Iterator<InternalRow> a, Iterator<InternalRow> b, Layout layout, Sink sink) {
        TaskContext task = TaskContext.get();
        int partition = task == null ? 0 : task.partitionId();
        Held held = new Held(new Checked("A", layout.partitions(), layout.bucketedA(), partition, BLOCK_ROWS));
        while (a.hasNext()) {
            held.add(a.next());
        }
        // B's rows are all checked, also where A has none (its duplicates must not pass unseen)
        Checked checkedB = new Checked("B", layout.partitions(), layout.bucketedB(), partition, held.size());
        int dimX = held.checked.width;
        float[] xs = held.size() == 0 ? null : new float[BLOCK_ROWS * dimX];
        float[] ys = null;
        int dimY = -1;
        long[] labels = new long[BLOCK_ROWS];
        int n = 0;
        while (b.hasNext()) {
            InternalRow row = b.next();
            checkedB.admit(row);
            if (ys == null) {
                dimY = checkedB.width;
                ys = new float[BLOCK_ROWS * dimY];
            }
            long id = row.getLong(ID);
            int r = held.checked.ids.get(id);
            if (r < 0) {
                continue;
            }
            System.arraycopy(held.blocks.get(r / BLOCK_ROWS), (r % BLOCK_ROWS) * dimX, xs, n * dimX, dimX);
            checkedB.copyVector(row, ys, n * dimY);
            long label = held.labels[r];
            labels[n] = label != NO_LABEL || row.isNullAt(LABEL) ? label : row.getInt(LABEL);
            if (++n == BLOCK_ROWS) {
                sink.block(xs, ys, labels, n, dimX, dimY);
                n = 0;
            }
        }
        if (n > 0) {
            sink.block(xs, ys, labels, n, dimX, dimY);
        }
    }

    /**
     * The checks of every row of one side of a partition: in the partition Spark's hash partitioning
     * gives its id, its id there once, its width that of the side's first row.
     */
    private static final class Checked {
        final String space;
        final int partitions;
        final boolean bucketed;
        final int partition;
        final IdIndex ids;
        int width = -1;

        Checked(String space, int partitions, boolean bucketed, int partition, int expected) {
            this.space = space;
            this.partitions = partitions;
            this.bucketed = bucketed;
            this.partition = partition;
            this.ids = new IdIndex(expected);
        }

        /** @return the row's number on this side (its id's row in {@link #ids}) */
        int admit(InternalRow row) {
            long id = row.getLong(ID);
            checkPartition(id);
            int r = ids.size();
            if (ids.addIfAbsent(id) < r) {
                throw new InvalidInputException("compare: in space " + space + ", id " + id
                        + " appears twice: ids must be unique (for a table of several charts, pick one chart)");
            }
            int w = row.getArray(VECTOR).numElements();
            if (width < 0) {
                width = w;
            } else if (w != width) {
                throw new InvalidInputException("compare: in space " + space + ", id " + id + " has width " + w
                        + " but other rows have " + width + ": every row of a space must have the same width");
            }
            return r;
        }

        /**
         * The join pairs partition i of A with partition i of B, which holds only when both are
         * partitioned alike; checked on every row, since a pair lost to a different partitioning would
         * change the result silently. In a bucketed table, a row elsewhere is the table's fault.
         */
        private void checkPartition(long id) {
            int expected = Math.floorMod(Murmur3_x86_32.hashLong(id, SPARK_HASH_SEED), partitions);
            if (expected == partition) {
                return;
            }
            String where = "id " + id + " reached partition " + partition + " of " + partitions + ", not " + expected
                    + ", the one Spark's hash partitioning gives it";
            if (bucketed) {
                throw new InvalidInputException(List.of("buckets"), "compare: space " + space + ": " + where
                        + ": its table's files are not the id buckets its " + IdBuckets.MARKER + " file announces;"
                        + " remove that file to read the table as an ordinary one");
            }
            throw new IllegalStateException("compare: space " + space + ": " + where);
        }

        /** Copies an admitted row's vector; a null element is refused naming the row. */
        void copyVector(InternalRow row, float[] into, int offset) {
            if (!InternalRows.copyVector(row.getArray(VECTOR), into, offset)) {
                throw InternalRows.nullElement("compare: space " + space + ", id " + row.getLong(ID));
            }
        }
    }

    /** Space A's rows of the partition: the vectors in row blocks and the labels, by row number. */
    private static final class Held {
        final Checked checked;
        final List<float[]> blocks = new ArrayList<>();
        long[] labels = new long[BLOCK_ROWS];

        Held(Checked checked) {
            this.checked = checked;
        }

        int size() {
            return checked.ids.size();
        }

        void add(InternalRow row) {
            int r = checked.admit(row);
            if (r % BLOCK_ROWS == 0) {
                blocks.add(new float[BLOCK_ROWS * checked.width]);
            }
            checked.copyVector(row, blocks.get(r / BLOCK_ROWS), (r % BLOCK_ROWS) * checked.width);
            if (r == labels.length) {
                labels = Arrays.copyOf(labels, 2 * r);
            }
            labels[r] = row.isNullAt(LABEL) ? NO_LABEL : row.getInt(LABEL);
        }
    }

}
