package latentatlas.spark;

import latentatlas.InvalidInputException;
import latentatlas.compute.IdIndex;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.Alias;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.ExprId;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.catalyst.expressions.NamedExpression;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.Project;
import org.apache.spark.sql.execution.FileSourceScanExec;
import org.apache.spark.sql.execution.datasources.LogicalRelation;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import org.apache.spark.unsafe.hash.Murmur3_x86_32;
import scala.collection.JavaConverters;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

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
    record Layout(int partitions, boolean bucketedA, boolean bucketedB, Columns columnsA, Columns columnsB)
            implements Serializable {
        private static final long serialVersionUID = 1L;

        /** A layout of two sides of rows as {@link #selected} selects them. */
        Layout(int partitions, boolean bucketedA, boolean bucketedB) {
            this(partitions, bucketedA, bucketedB, Columns.SELECTED, Columns.SELECTED);
        }
    }

    /**
     * Where a side's rows hold the id (int64), the vector (array of float32) and the label (int32; -1:
     * none), by ordinal; {@code batches} when the rows are views of the Parquet scan's column batches
     * ({@link #scan}).
     */
    record Columns(int id, int vector, int label, boolean batches) implements Serializable {
        private static final long serialVersionUID = 1L;
        /** Spark's rows of a plan, as {@link #selected} selects them. */
        static final Columns SELECTED = new Columns(0, 1, 2, false);
    }

    /** A side's rows and where their columns are. */
    private record Scan(JavaRDD<InternalRow> rows, Columns columns) {
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
            Scan scanA = bucketsA > 0 ? scan(rowsA) : null;
            Scan scanB = bucketsB > 0 ? scan(rowsB) : null;
            bucketsA = scanA != null && scanA.rows().getNumPartitions() == bucketsA ? bucketsA : 0;
            bucketsB = scanB != null && scanB.rows().getNumPartitions() == bucketsB ? bucketsB : 0;
            if (bucketsA > 0 && bucketsB > 0 && bucketsA % bucketsB == 0 && bytes(a) / bucketsB <= splitBytes(a)) {
                return new Sides(IdBuckets.coalesced(scanA.rows(), bucketsA, bucketsB), scanB.rows(),
                        new Layout(bucketsB, true, true, scanA.columns(), scanB.columns()));
            }
            if (bucketsA > 0) {
                boolean groupB = bucketsB > 0 && bucketsB % bucketsA == 0;
                Scan sideB = groupB ? new Scan(IdBuckets.coalesced(scanB.rows(), bucketsB, bucketsA), scanB.columns())
                        : new Scan(shuffled(rowsB, bucketsA), Columns.SELECTED);
                return new Sides(scanA.rows(), sideB.rows(),
                        new Layout(bucketsA, true, groupB, scanA.columns(), sideB.columns()));
            }
            if (bucketsB > 0 && bucketsB >= Math.max(parallelism(a), 2 * inputPartitions(a))) {
                return new Sides(shuffled(rowsA, bucketsB), scanB.rows(),
                        new Layout(bucketsB, false, true, Columns.SELECTED, scanB.columns()));
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

    /**
     * The rows of a side read as its table's buckets: when the side is its Parquet scan's columns and
     * nothing else ({@code id}, {@code vector}, {@code label} of the table's own types, or a null label;
     * no filter, no computed column), the scan's column batches, each row a view of its batch (no row
     * built, no array copied: the join copies the vector once, from the batch into its block); else
     * Spark's internal rows of the whole plan.
     */
    private static Scan scan(Dataset<Row> rows) {
        Scan plain = new Scan(InternalRows.of(rows), Columns.SELECTED);
        LogicalPlan logical = rows.queryExecution().optimizedPlan();
        FileSourceScanExec scan = IdBuckets.onlyScan(rows);
        if (scan == null || !scan.supportsColumnar()) {
            return plain;
        }
        List<? extends NamedExpression> selected;
        if (logical instanceof Project project && project.child() instanceof LogicalRelation) {
            selected = JavaConverters.seqAsJavaListConverter(project.projectList()).asJava();
        } else if (logical instanceof LogicalRelation relation) {
            selected = JavaConverters.seqAsJavaListConverter(relation.output()).asJava();
        } else {
            return plain;
        }
        List<ExprId> output = JavaConverters.seqAsJavaListConverter(scan.output()).asJava().stream()
                .map(Attribute::exprId).toList();
        int[] ordinals = new int[selected.size()];
        for (int i = 0; i < ordinals.length; i++) {
            Object e = selected.get(i) instanceof Alias alias ? alias.child() : selected.get(i);
            if (e instanceof Attribute attribute && output.contains(attribute.exprId())) {
                ordinals[i] = output.indexOf(attribute.exprId());
            } else if (e instanceof Literal literal && literal.value() == null && i == Columns.SELECTED.label()) {
                ordinals[i] = -1;
            } else {
                return plain;
            }
        }
        return new Scan(scan.executeColumnar().toJavaRDD().mapPartitions(new BatchRows()),
                new Columns(ordinals[0], ordinals[1], ordinals[2], true));
    }

    /** The rows of a partition's column batches, as views of the batch (valid until the next batch). */
    private static final class BatchRows implements FlatMapFunction<Iterator<ColumnarBatch>, InternalRow> {
        private static final long serialVersionUID = 1L;

        @Override
        public Iterator<InternalRow> call(Iterator<ColumnarBatch> batches) {
            return new Iterator<>() {
                private Iterator<InternalRow> rows = Collections.emptyIterator();

                @Override
                public boolean hasNext() {
                    while (!rows.hasNext() && batches.hasNext()) {
                        rows = batches.next().rowIterator();
                    }
                    return rows.hasNext();
                }

                @Override
                public InternalRow next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    return rows.next();
                }
            };
        }
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
     * @throws InvalidInputException naming the space and the id when an id or a vector is null, an id is
     *     twice in a space, a row's width differs from the partition's first row's, a vector has a null,
     *     NaN or infinite element, or a bucketed table's row is not in its id's bucket
     */
    static void join(Iterator<InternalRow> a, Iterator<InternalRow> b, Layout layout, Sink sink) {
        TaskContext task = TaskContext.get();
        int partition = task == null ? 0 : task.partitionId();
        Held held = new Held(new Checked("A", layout.partitions(), layout.bucketedA(), layout.columnsA(), partition,
                new IdIndex(BLOCK_ROWS), 0));
        while (a.hasNext()) {
            held.add(a.next());
        }
        // B's rows are all checked, also where A has none (its duplicates must not pass unseen)
        Columns columnsB = layout.columnsB();
        Checked checkedB = new Checked("B", layout.partitions(), layout.bucketedB(), columnsB, partition,
                held.checked.ids, held.size());
        int dimX = held.checked.width;
        float[] xs = held.size() == 0 ? null : new float[BLOCK_ROWS * dimX];
        float[] ys = null;
        int dimY = -1;
        long[] labels = new long[BLOCK_ROWS];
        int n = 0;
        while (b.hasNext()) {
            InternalRow row = b.next();
            long id = checkedB.admit(row);
            if (ys == null) {
                dimY = checkedB.width;
                ys = new float[BLOCK_ROWS * dimY];
            }
            int r = checkedB.row;
            if (r >= checkedB.shared) { // an id of B only
                continue;
            }
            System.arraycopy(held.blocks.get(r / BLOCK_ROWS), (r % BLOCK_ROWS) * dimX, xs, n * dimX, dimX);
            checkedB.copyVector(row, id, ys, n * dimY);
            long label = held.labels[r];
            labels[n] = label != NO_LABEL ? label : checkedB.label(row);
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
     * The checks of every row of one side of a partition: an id and a vector, the id in the partition
     * Spark's hash partitioning gives it and there once, the width that of the side's first row, every
     * element a finite float32 ({@link InternalRows#copyVector}).
     *
     * <p>Both sides number their ids in one index, A's first: a row of B costs one lookup, which finds
     * the id's row of A (then marked in {@code matched}, to tell a second row of B with that id) or
     * numbers an id that only B has after A's.
     */
    private static final class Checked {
        final String space;
        final int partitions;
        final boolean bucketed;
        final Columns columns;
        final int partition;
        final IdIndex ids;
        /** The rows of {@link #ids} that the other side numbered (A's, for B; 0 for A). */
        final int shared;
        /** Which of those rows this side has had. */
        final BitSet matched;
        int width = -1;
        /** The last admitted id's row in {@link #ids}. */
        int row = -1;

        Checked(String space, int partitions, boolean bucketed, Columns columns, int partition, IdIndex ids,
                int shared) {
            this.space = space;
            this.partitions = partitions;
            this.bucketed = bucketed;
            this.columns = columns;
            this.partition = partition;
            this.ids = ids;
            this.shared = shared;
            this.matched = new BitSet(shared);
        }

        /** @return the row's id, whose row in {@link #ids} is then {@link #row} */
        long admit(InternalRow row) {
            if (row.isNullAt(columns.id())) {
                throw new InvalidInputException("compare: space " + space + ": a row: '" + AtlasTables.ID
                        + "' is null: every row needs one");
            }
            long id = row.getLong(columns.id());
            if (row.isNullAt(columns.vector())) {
                throw new InvalidInputException("compare: space " + space + ", id " + id + ": '" + AtlasTables.VECTOR
                        + "' is null: every row needs one");
            }
            checkPartition(id);
            int before = ids.size();
            int r = ids.addIfAbsent(id);
            boolean twice = r < before;
            if (r < shared) {
                twice = matched.get(r);
                matched.set(r);
            }
            this.row = r;
            if (twice) {
                throw new InvalidInputException("compare: in space " + space + ", id " + id
                        + " appears twice: ids must be unique (for a table of several charts, pick one chart)");
            }
            int w = row.getArray(columns.vector()).numElements();
            if (width < 0) {
                width = w;
            } else if (w != width) {
                throw new InvalidInputException("compare: in space " + space + ", id " + id + " has width " + w
                        + " but other rows have " + width + ": every row of a space must have the same width");
            }
            return id;
        }

        /** @return an admitted row's label, {@link #NO_LABEL} for none */
        long label(InternalRow row) {
            return columns.label() < 0 || row.isNullAt(columns.label()) ? NO_LABEL : row.getInt(columns.label());
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

        /** Copies an admitted row's vector; a null, NaN or infinite element is refused naming the row. */
        void copyVector(InternalRow row, long id, float[] into, int offset) {
            String fault = InternalRows.copyVector(row.getArray(columns.vector()), into, offset);
            if (fault != null) {
                throw InternalRows.refused("compare: space " + space + ", id " + id, fault);
            }
        }
    }

    /** Space A's rows of the partition: the vectors in row blocks and the labels, by row number. */
    private static final class Held {
        final Checked checked;
        final List<float[]> blocks = new ArrayList<>();
        long[] labels = new long[BLOCK_ROWS];
        private int size;

        Held(Checked checked) {
            this.checked = checked;
        }

        /** @return A's rows, numbered 0 .. size - 1 in the index (B's own ids come after) */
        int size() {
            return size;
        }

        void add(InternalRow row) {
            long id = checked.admit(row);
            int r = size++;
            if (r % BLOCK_ROWS == 0) {
                blocks.add(new float[BLOCK_ROWS * checked.width]);
            }
            checked.copyVector(row, id, blocks.get(r / BLOCK_ROWS), (r % BLOCK_ROWS) * checked.width);
            if (r == labels.length) {
                labels = Arrays.copyOf(labels, 2 * r);
            }
            labels[r] = checked.label(row);
        }
    }

}
