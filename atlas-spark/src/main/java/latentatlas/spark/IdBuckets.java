package latentatlas.spark;

import latentatlas.InvalidInputException;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.Partition;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.rdd.PartitionCoalescer;
import org.apache.spark.rdd.PartitionGroup;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.catalog.BucketSpec;
import org.apache.spark.sql.execution.FileSourceScanExec;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.exchange.Exchange;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.StructType;
import scala.Option;
import scala.collection.JavaConverters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.apache.spark.sql.functions.col;

/**
 * Tables bucketed by id: a table whose rows are split into {@code B} files by Spark's hash
 * partitioning of the int64 id, {@code bucket(id) = pmod(murmur3_x86_32(id, seed 42), B)} (the bucket
 * of Spark's {@code repartition(B, id)} and of its bucketed tables), so that two such tables are joined
 * by id without a shuffle (docs/architecture.md, "Tables bucketed by id").
 *
 * <p>On disk: the table folder holds the file {@value #MARKER}, one line {@code buckets=B}, and every
 * Parquet file's name ends in its bucket, {@code part-00007-<job>_00007.c000.snappy.parquet}, as Spark
 * names the files of a bucketed table. Other readers see an ordinary Parquet table (the marker starts
 * with {@code _}, which they skip). {@code B} is a power of two when latent-atlas chooses it
 * ({@link #count}), so that a table of {@code B} buckets and one of {@code B/2}, {@code B/4} join too:
 * bucket {@code i} of {@code B/r} buckets is the union of buckets {@code i, i + B/r, ...} of {@code B}
 * ({@link #coalesced}).
 */
public final class IdBuckets {
    /** The marker file of a table bucketed by id. */
    public static final String MARKER = "_id_buckets";

    /** Target rows per bucket when latent-atlas chooses the count. */
    static final long ROWS_PER_BUCKET = 100_000;

    /** The most buckets of a table (a merge's {@code --partitions} included). */
    static final int MAX_BUCKETS = 100_000;

    /** The most buckets {@link #count} chooses. */
    private static final int MAX_CHOSEN = 1 << 16;

    /** The file name Spark's writer gives a task's output: part-SPLIT-JOB-cFILE.EXT. */
    private static final Pattern WRITTEN = Pattern.compile("(part-(\\d{5,})-.+)-(c\\d{3,}\\..+)");

    /** A bucket file's name, Spark's bucketed-table pattern (BucketingUtils): the bucket after the last '_'. */
    private static final Pattern BUCKET_FILE = Pattern.compile(".*_(\\d+)(?:\\..*)?");

    private static final String MARKER_LINE = "buckets=";

    private IdBuckets() {
    }

    /**
     * @return the smallest power of two at least {@code parallelism} and {@code rows / }{@value #ROWS_PER_BUCKET},
     *     at most {@value #MAX_CHOSEN}
     */
    public static int count(long rows, int parallelism) {
        long wanted = Math.max(parallelism, (rows + ROWS_PER_BUCKET - 1) / ROWS_PER_BUCKET);
        int buckets = 1;
        while (buckets < wanted && buckets < MAX_CHOSEN) {
            buckets *= 2;
        }
        return buckets;
    }

    /** @return the table repartitioned into {@code buckets} buckets by its id, as an int64 */
    static Dataset<Row> partition(Dataset<Row> table, int buckets) {
        return table.repartition(buckets, col(AtlasTables.ID).cast("long"));
    }

    /**
     * Marks a table folder just written by Spark from {@code buckets} partitions, partition {@code i}
     * holding the ids of bucket {@code i}: every file gets its bucket in its name, and the marker is written.
     *
     * @throws IllegalStateException when a file's name is not the one Spark's writer gives, or its task
     *     number is not a bucket
     */
    static void seal(FileSystem fs, Path folder, int buckets) throws IOException {
        for (FileStatus file : fs.listStatus(folder)) {
            String name = file.getPath().getName();
            if (!name.endsWith(".parquet") || name.startsWith(".") || name.startsWith("_")) {
                continue;
            }
            Matcher m = WRITTEN.matcher(name);
            if (!m.matches() || Long.parseLong(m.group(2)) >= buckets) {
                throw new IllegalStateException(folder + ": file " + name + " is not the output of one of "
                        + buckets + " partitions as Spark's writer names it");
            }
            String bucketed = m.group(1) + "_" + m.group(2) + "." + m.group(3);
            if (!fs.rename(file.getPath(), new Path(folder, bucketed))) {
                throw new IOException("cannot rename " + file.getPath() + " to " + bucketed);
            }
        }
        try (FSDataOutputStream out = fs.create(new Path(folder, MARKER), false)) {
            out.write((MARKER_LINE + buckets + "\n").getBytes(StandardCharsets.US_ASCII));
        }
    }

    /**
     * @param path a table's path as given
     * @return the table's bucket count, or 0 when the path holds no marker (an ordinary table)
     * @throws InvalidInputException naming the marker when it is not {@code buckets=B} with B from 1 to
     *     {@link #MAX_BUCKETS}, or naming a Parquet file of the folder whose name has no bucket below B
     */
    static int read(SparkSession spark, String path) {
        try {
            Path folder = new Path(path);
            FileSystem fs = folder.getFileSystem(spark.sparkContext().hadoopConfiguration());
            Path marker = new Path(folder, MARKER);
            if (!fs.getFileStatus(folder).isDirectory() || !fs.exists(marker)) {
                return 0;
            }
            String text;
            try (FSDataInputStream in = fs.open(marker)) {
                text = new String(in.readNBytes(64), StandardCharsets.US_ASCII).strip();
            }
            int buckets = parse(text);
            if (buckets < 1) {
                throw new InvalidInputException(List.of("buckets"), marker + ": expected one line buckets=B with B from 1 to "
                        + MAX_BUCKETS + ", found '" + printable(text) + "'");
            }
            for (FileStatus file : fs.listStatus(folder)) {
                String name = file.getPath().getName();
                if (name.startsWith(".") || name.startsWith("_")) {
                    continue;
                }
                Matcher m = BUCKET_FILE.matcher(name);
                if (!file.isFile() || !m.matches() || m.group(1).length() > 6 || Integer.parseInt(m.group(1)) >= buckets) {
                    throw new InvalidInputException(List.of("buckets"), folder + ": " + name + " is not a file of one of the "
                            + buckets + " id buckets that " + MARKER + " announces (expected a name ending in _BUCKET.EXT,"
                            + " BUCKET below " + buckets + "): remove " + MARKER + " to read the table as an ordinary one");
                }
            }
            return buckets;
        } catch (IOException e) {
            return 0; // not a readable folder: the ordinary reader reports it
        }
    }

    private static int parse(String text) {
        if (!text.startsWith(MARKER_LINE) || !text.substring(MARKER_LINE.length()).matches("[0-9]{1,6}")) {
            return 0;
        }
        int buckets = Integer.parseInt(text.substring(MARKER_LINE.length()));
        return buckets <= MAX_BUCKETS ? buckets : 0;
    }

    private static String printable(String text) {
        String line = text.replaceAll("[^\\x20-\\x7e]", "?");
        return line.length() > 40 ? line.substring(0, 40) + "..." : line;
    }

    /**
     * Opens a table bucketed by id through a table of the session's in-memory catalog (Spark's one way to
     * read files as buckets), dropped once the table is analysed.
     *
     * @param schema the table's schema, as Parquet gives it
     * @return the table, whose scan, when planned in {@link #planning}, has one partition per bucket;
     *     {@code null} when the session cannot (a catalog other than the in-memory one, whose tables would
     *     outlive the read, a path with characters beyond {@code [A-Za-z0-9_./:@+=,~-]} (a SQL literal and a URI
     *     alike), an id not int64, whose hash differs): then
     *     read it as an ordinary table
     */
    static Dataset<Row> open(SparkSession spark, String path, int buckets, StructType schema) {
        String location;
        try {
            Path folder = new Path(path);
            location = folder.getFileSystem(spark.sparkContext().hadoopConfiguration()).makeQualified(folder).toString();
        } catch (IOException e) {
            return null;
        }
        if (!"in-memory".equals(spark.conf().get("spark.sql.catalogImplementation", "in-memory"))
                || !location.matches("[A-Za-z0-9_./:@+=,~-]+") || !schema.getFieldIndex(AtlasTables.ID).isDefined()
                || !(schema.apply(AtlasTables.ID).dataType() instanceof LongType)) {
            return null;
        }
        String name = "latent_atlas_buckets_" + UUID.randomUUID().toString().replace('-', '_');
        spark.sql("CREATE TABLE " + name + " (" + schema.toDDL() + ") USING parquet CLUSTERED BY (" + AtlasTables.ID
                + ") INTO " + buckets + " BUCKETS LOCATION '" + location + "'");
        try {
            Dataset<Row> table = spark.table(name);
            table.queryExecution().analyzed();
            return table;
        } finally {
            spark.sql("DROP TABLE IF EXISTS " + name);
        }
    }

    /**
     * Runs {@code plan} with bucketed scans kept (Spark's rule that drops a bucketed scan no join or
     * aggregation of its plan asks for would drop ours, which the join by id needs).
     */
    static <T> T planning(SparkSession spark, Supplier<T> plan) {
        String key = "spark.sql.sources.bucketing.autoBucketedScan.enabled";
        String before = spark.conf().get(key, null);
        spark.conf().set(key, "false");
        try {
            return plan.get();
        } finally {
            if (before == null) {
                spark.conf().unset(key);
            } else {
                spark.conf().set(key, before);
            }
        }
    }

    /**
     * @param table a table as planned in {@link #planning}
     * @return its bucket count when its plan reads one table bucketed by id with one partition per bucket
     *     and no shuffle (a projection and a filter keep the buckets), else 0
     */
    static int of(Dataset<Row> table) {
        SparkPlan plan = table.queryExecution().executedPlan();
        FileSourceScanExec scan = onlyScan(table);
        if (scan == null || !scan.bucketedScan() || scan.relation().bucketSpec().isEmpty()
                || plan.find(node -> node instanceof Exchange).isDefined()) {
            return 0;
        }
        BucketSpec spec = scan.relation().bucketSpec().get();
        List<String> columns = JavaConverters.seqAsJavaListConverter(spec.bucketColumnNames()).asJava();
        return columns.equals(List.of(AtlasTables.ID)) ? spec.numBuckets() : 0;
    }

    /** @return the file scan that is the table's executed plan's only leaf, or {@code null} */
    static FileSourceScanExec onlyScan(Dataset<Row> table) {
        List<SparkPlan> leaves = JavaConverters.seqAsJavaListConverter(
                table.queryExecution().executedPlan().collectLeaves()).asJava();
        return leaves.size() == 1 && leaves.get(0) instanceof FileSourceScanExec scan ? scan : null;
    }

    /**
     * @param rows the rows of a bucketed scan, partition {@code i} bucket {@code i} of {@code buckets}
     * @param into a divisor of {@code buckets}
     * @return the rows in {@code into} partitions, partition {@code i} the buckets {@code j} with
     *     {@code j mod into = i}: the buckets of {@code into} ({@code pmod(h, buckets) mod into = pmod(h, into)})
     */
    static JavaRDD<InternalRow> coalesced(JavaRDD<InternalRow> rows, int buckets, int into) {
        if (into == buckets) {
            return rows;
        }
        RDD<InternalRow> grouped = rows.rdd().coalesce(into, false, Option.apply(new ByResidue()), null);
        return new JavaRDD<>(grouped, rows.classTag());
    }

    /** Groups partition {@code j} of the parent into group {@code j mod groups}, in that order. */
    // scala.Serializable: CoalescedRDD requires it (Scala 2.12)
    private static final class ByResidue implements PartitionCoalescer, scala.Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public PartitionGroup[] coalesce(int groups, RDD<?> parent) {
            PartitionGroup[] out = new PartitionGroup[groups];
            for (int i = 0; i < groups; i++) {
                out[i] = new PartitionGroup(Option.empty());
            }
            for (Partition partition : parent.partitions()) {
                out[partition.index() % groups].partitions().$plus$eq(partition);
            }
            return out;
        }
    }
}
