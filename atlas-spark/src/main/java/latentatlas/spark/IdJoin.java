package latentatlas.spark;

import latentatlas.InvalidInputException;
import latentatlas.compute.IdIndex;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.unsafe.hash.Murmur3_x86_32;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import static org.apache.spark.sql.functions.col;

/**
 * The inner join by id of two spaces, one partition at a time, with no sort and no joined row: both
 * spaces are hash-partitioned alike by id ({@link #byId}, Spark's own shuffle), and each pair of
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

    /** Space rows as {@link #byId} selects them. */
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
     * @param space a space as {@link AtlasTables#readSpace} reads it
     * @param partitions the partitions (the same for both sides of a join)
     * @return its rows {@code (id long, vector array<float>, label int or null)}, hash-partitioned by id
     */
    static JavaRDD<InternalRow> byId(Dataset<Row> space, int partitions) {
        return InternalRows.of(space.selectExpr("cast(id as long) as id", "cast(vector as array<float>) as vector",
                "cast(label as int) as label").repartition(partitions, col("id")));
    }

    /**
     * @return partitions for joining the two spaces: twice their input partitions (each at most
     *     Spark's file split, 128 MiB by default), so that a partition holds a fraction of a split of A,
     *     and at least the default parallelism
     */
    static int partitions(Dataset<Row> a, Dataset<Row> b) {
        int input = a.queryExecution().toRdd().getNumPartitions() + b.queryExecution().toRdd().getNumPartitions();
        return Math.max(a.sparkSession().sparkContext().defaultParallelism(), 2 * input);
    }

    /**
     * Joins one partition of each side of {@link #byId} with the same partition number.
     *
     * @param partitions the partitions given to {@link #byId}
     * @throws InvalidInputException naming the space and the id when an id is twice in a space, a row's
     *     width differs from the partition's first row's, or a vector has a null element
     */
    static void join(Iterator<InternalRow> a, Iterator<InternalRow> b, int partitions, Sink sink) {
        TaskContext task = TaskContext.get();
        int partition = task == null ? 0 : task.partitionId();
        Held held = new Held(new Checked("A", partitions, partition, BLOCK_ROWS));
        while (a.hasNext()) {
            held.add(a.next());
        }
        // B's rows are all checked, also where A has none (its duplicates must not pass unseen)
        Checked checkedB = new Checked("B", partitions, partition, held.size());
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
        final int partition;
        final IdIndex ids;
        int width = -1;

        Checked(String space, int partitions, int partition, int expected) {
            this.space = space;
            this.partitions = partitions;
            this.partition = partition;
            this.ids = new IdIndex(expected);
        }

        /** @return the row's number on this side (its id's row in {@link #ids}) */
        int admit(InternalRow row) {
            long id = row.getLong(ID);
            checkPartition(id, partitions, partition);
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

    /**
     * The join pairs partition i of A with partition i of B, which holds only when both were
     * partitioned alike; checked on every row, since a pair lost to a different partitioning would
     * change the result silently.
     */
    private static void checkPartition(long id, int partitions, int partition) {
        if (Math.floorMod(Murmur3_x86_32.hashLong(id, SPARK_HASH_SEED), partitions) != partition) {
            throw new IllegalStateException("compare: id " + id + " reached partition " + partition + " of "
                    + partitions + ", not the one Spark's hash partitioning gives it");
        }
    }
}
