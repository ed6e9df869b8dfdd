package latentatlas.spark;

import org.apache.hadoop.conf.Configuration;
import latentatlas.InvalidInputException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Writes a table as a Parquet folder completely or not at all: Spark writes a hidden sibling folder,
 * which is renamed over the target once every task has committed (on any Hadoop file system: local,
 * HDFS, S3A with a committer). A failed job leaves the previous target, or none, never half a table,
 * and no temporary folder (it is removed once the job's last task has stopped). Vector elements are
 * written without a dictionary ({@link #NO_VECTOR_DICTIONARY}). The atlas and exported chart rows are
 * written bucketed by id ({@link IdBuckets}). The format is {@link DenseParquetFormat}: a table of
 * {@code bigint}, {@code int} and {@code array<float>} columns (the atlas) is written a column chunk at a
 * time, any other by Spark's own writer.
 *
 * <p>Tables are compressed with the session's codec (snappy), except where nothing can be gained
 * ({@link #write(Dataset, String, int, boolean)} with {@code compressed = false}): the atlas's cosines are
 * dense float32 values whose bytes snappy cannot shrink (500,000 x 256: 495 MB either way) but must still
 * decode, which made reading the atlas in {@code spark compare} ~0.1 s slower per 500,000 rows on two
 * cores. Chart rows keep snappy: ReLU features, half zeros, do shrink.
 */
public final class ParquetOutput {
    /** The files of a Parquet table folder as Spark and other writers leave them. */
    private static final Pattern TABLE_FILE = Pattern.compile(
            "[^.].*\\.parquet|_SUCCESS|_metadata|_common_metadata|" + IdBuckets.MARKER + "|\\..*\\.crc");

    /**
     * Parquet's per-column switch of dictionary encoding, for the elements of a {@code vector} column:
     * embeddings' floats almost never repeat, so a dictionary only costs (Parquet builds one for every
     * page until it overflows, then re-encodes the page plainly); the other columns keep theirs.
     */
    static final String NO_VECTOR_DICTIONARY = "parquet.enable.dictionary#" + AtlasTables.VECTOR + ".list.element";

    private ParquetOutput() {
    }

    /**
     * @param table the rows to write
     * @param target the Parquet folder to create or replace (only a folder of a Parquet table's files is replaced)
     * @throws InvalidInputException when the target is a file, lies under a file, or is a folder with other files
     */
    public static void write(Dataset<Row> table, String target) {
        write(table, target, 0, true);
    }

    /**
     * Writes a table bucketed by id ({@link IdBuckets}), which {@code spark compare} joins without a
     * shuffle: the rows are shuffled by id into {@link IdBuckets#count}{@code (rows, parallelism)} buckets
     * first. Chart rows exported for a cluster ({@code spark export}) are written so.
     *
     * @param table rows with an integer {@code id} column
     * @param target as {@link #write(Dataset, String)}
     * @param rows the table's rows (an estimate will do), which set the bucket count
     */
    public static void writeBucketed(Dataset<Row> table, String target, long rows) {
        int buckets = IdBuckets.count(rows, table.sparkSession().sparkContext().defaultParallelism());
        write(IdBuckets.partition(table, buckets), target, buckets, true);
    }

    /**
     * Writes a table bucketed by id ({@link IdBuckets}) or an ordinary table.
     *
     * @param table the rows to write; for {@code idBuckets > 0}, {@code idBuckets} partitions, partition
     *     {@code i} holding exactly the rows of id bucket {@code i} ({@link IdBuckets#partition})
     * @param target as {@link #write(Dataset, String)}
     * @param idBuckets the table's id buckets, or 0 for an ordinary table
     * @param compressed whether to compress with the session's Parquet codec, else write uncompressed
     */
    static void write(Dataset<Row> table, String target, int idBuckets, boolean compressed) {
        Configuration hadoop = table.sparkSession().sparkContext().hadoopConfiguration();
        Path path = new Path(target);
        Path temp = new Path(path.getParent() == null ? new Path(".") : path.getParent(),
                "." + path.getName() + "." + UUID.randomUUID() + ".tmp");
        try {
            FileSystem fs = path.getFileSystem(hadoop);
            checkTarget(fs, path);
            try {
                SparkContext context = table.sparkSession().sparkContext();
                RunningTasks tasks = new RunningTasks();
                context.addSparkListener(tasks);
                try {
                    DataFrameWriter<Row> writer = table.write().format(DenseParquetFormat.class.getName())
                            .mode(SaveMode.ErrorIfExists).option(NO_VECTOR_DICTIONARY, "false");
                    (compressed ? writer : writer.option("compression", "none")).save(temp.toString());
                } catch (Exception e) {
                    tasks.awaitNone(context);
                    throw e;
                } finally {
                    context.removeSparkListener(tasks);
                }
                if (idBuckets > 0) {
                    IdBuckets.seal(fs, temp, idBuckets);
                }
                if (fs.exists(path) && !fs.delete(path, true)) {
                    throw new IOException("cannot replace " + path);
                }
                if (!fs.rename(temp, path)) {
                    throw new IOException("cannot rename " + temp + " to " + path);
                }
            } finally {
                if (fs.exists(temp)) {
                    fs.delete(temp, true);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * Refuses a target that replacing would lose data: an existing file, or a folder that holds anything
     * but a Parquet table's files (a mistyped {@code --out} must not delete a folder of the user's);
     * and a target under a file.
     */
    private static void checkTarget(FileSystem fs, Path path) throws IOException {
        Path parent = path.getParent();
        if (parent != null && fs.exists(parent) && !fs.getFileStatus(parent).isDirectory()) {
            throw new InvalidInputException(path + ": cannot write a table here: " + parent + " is a file, not a folder");
        }
        if (!fs.exists(path)) {
            return;
        }
        if (!fs.getFileStatus(path).isDirectory()) {
            throw new InvalidInputException(path + ": exists and is a file, not a Parquet table folder: refusing to"
                    + " replace it; give a new path or remove it");
        }
        for (FileStatus entry : fs.listStatus(path)) {
            if (entry.isDirectory() || !TABLE_FILE.matcher(entry.getPath().getName()).matches()) {
                throw new InvalidInputException(path + ": exists and holds " + entry.getPath().getName()
                        + ", not only a Parquet table's files (*.parquet, _SUCCESS, .*.crc): refusing to replace it;"
                        + " give a new path or remove it");
            }
        }
    }

    /**
     * The write job's tasks that have started and not ended, as Spark's listener bus delivers them: when
     * one task fails, Spark aborts the job at once but its other tasks stop later, and until they do they
     * may still write into the temporary folder. (Spark's status tracker is no substitute: it hears of
     * tasks through the same bus and records them at most every 100 ms; a killed task was seen writing
     * while its folder was deleted.)
     */
    private static final class RunningTasks extends SparkListener {
        private final AtomicInteger running = new AtomicInteger();

        @Override
        public void onTaskStart(SparkListenerTaskStart start) {
            running.incrementAndGet();
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
            running.decrementAndGet();
        }

        /**
         * Waits (at most a minute) until every task heard of has ended; the bus is drained first, so that
         * every task start posted before the failure has been counted.
         */
        void awaitNone(SparkContext context) {
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (System.nanoTime() < deadline) {
                try {
                    context.listenerBus().waitUntilEmpty(1_000);
                } catch (Exception e) {
                    // not drained within a second: count again below, then wait on
                }
                if (running.get() <= 0) {
                    return;
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
