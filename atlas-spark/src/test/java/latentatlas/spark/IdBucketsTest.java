package latentatlas.spark;

import latentatlas.InvalidInputException;
import latentatlas.metrics.LinearCka;
import latentatlas.space.LatentSpace;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.unsafe.hash.Murmur3_x86_32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tables bucketed by id: every file holds exactly its bucket's ids (checked against Murmur3 directly),
 * and {@code spark compare} joins bucketed tables as read, with the CKA of the shuffled join.
 */
@Tag("real-data")
class IdBucketsTest {
    private static final Pattern BUCKET = Pattern.compile(".*_(\\d{5})\\.c\\d{3}\\..*parquet");

    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void open() {
        spark = SparkSessions.open("local[2]", "IdBucketsTest");
    }

    @AfterAll
    static void close() {
        spark.stop();
    }

    @Test
    void powersOfTwoOfOneBucketPer100kRowsAtLeastTheParallelism() {
        assertEquals(2, IdBuckets.count(10, 2));
        assertEquals(4, IdBuckets.count(10, 3));
        assertEquals(32, IdBuckets.count(2_500_000, 2));
        assertEquals(128, IdBuckets.count(10_000_000, 2));
        assertEquals(1 << 16, IdBuckets.count(Long.MAX_VALUE / 2, 2));
    }

    @Test
    void everyFileHoldsTheIdsOfItsBucket() throws IOException {
        LatentSpace space = space(5_000, 6, 1, 0);
        Path table = dir.resolve("rows.parquet");
        ParquetOutput.writeBucketed(SpaceExport.chartRows(spark, Map.of("a", space)), table.toString(), 800_000);
        assertEquals("buckets=8\n", Files.readString(table.resolve(IdBuckets.MARKER)));
        long rows = 0;
        try (Stream<Path> files = Files.list(table)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".parquet")).toList()) {
                Matcher m = BUCKET.matcher(file.getFileName().toString());
                assertTrue(m.matches(), file.getFileName().toString());
                int bucket = Integer.parseInt(m.group(1));
                for (Row row : spark.read().parquet(file.toString()).select("id").collectAsList()) {
                    assertEquals(bucket, Math.floorMod(Murmur3_x86_32.hashLong(row.getLong(0), 42), 8), file + ": " + row);
                    rows++;
                }
            }
        }
        assertEquals(space.size(), rows);
        assertEquals(space.size(), spark.read().parquet(table.toString()).count(), "other readers see an ordinary table");
    }

    /**
     * The same two spaces as tables of 8 and 2 buckets, 2 and 8, 8 and none, none and none, and 8 and
     * 8 from a path no SQL literal can hold (read as an ordinary table): the layout the join chooses,
     * and the single-machine CKA (the partitions' float32 Grams differ in the last bits between layouts).
     */
    @Test
    void bucketedTablesJoinAsReadWithTheCkaOfTheShuffledJoin() {
        LatentSpace a = space(6_000, 9, 2, 0);
        LatentSpace b = correlated(a, 5, 3);
        double expected = LinearCka.of(a, b);
        String a8 = write(a, "a8", 8);
        String a2 = write(a, "a2", 2);
        String aPlain = write(a, "a", 0);
        String b8 = write(b, "b8", 8);
        String b2 = write(b, "b2", 2);
        String bPlain = write(b, "b", 0);
        String quoted8 = write(b, "it's b8", 8);

        check(aPlain, bPlain, new IdJoin.Layout(0, false, false), expected);
        check(a8, b2, new IdJoin.Layout(2, true, true), expected);
        check(a2, b8, new IdJoin.Layout(2, true, true), expected);
        check(a8, b8, new IdJoin.Layout(8, true, true), expected);
        check(a8, bPlain, new IdJoin.Layout(8, true, false), expected);
        check(a8, quoted8, new IdJoin.Layout(8, true, false), expected);
        check(aPlain, b8, new IdJoin.Layout(8, false, true), expected);
    }

    /** Checks the layout the join chooses (its partitions when a side is bucketed) and the CKA, within 1e-6. */
    private void check(String pathA, String pathB, IdJoin.Layout layout, double expected) {
        Dataset<Row> a = AtlasTables.readSpace(spark, pathA, null);
        Dataset<Row> b = AtlasTables.readSpace(spark, pathB, null);
        IdJoin.Layout chosen = IdJoin.sides(a, b).layout();
        String pair = pathA + " x " + pathB + ": " + chosen;
        assertEquals(layout.bucketedA(), chosen.bucketedA(), pair);
        assertEquals(layout.bucketedB(), chosen.bucketedB(), pair);
        if (layout.bucketedA() || layout.bucketedB()) {
            assertEquals(layout.partitions(), chosen.partitions(), pair);
        }
        // a bucketed side of these tables' types is read as its scan's column batches
        assertEquals(layout.bucketedA(), chosen.columnsA().batches(), pair);
        assertEquals(layout.bucketedB(), chosen.columnsB().batches(), pair);
        double cka = CompareJob.compare(a, b, PartitionHook.NONE).linearCka();
        assertEquals(expected, cka, 1e-6, pair);
    }

    /**
     * A labelled table bucketed by id whose columns are in another order, with one more column, read as
     * column batches: the comparison (rows, CKA, every class's count and mean distances) equals that of
     * the same rows read as an ordinary table (Spark's rows), within 1e-9.
     */
    @Test
    void columnBatchesInAnyColumnOrderGiveTheComparisonOfSparksRows() {
        int n = 3_000;
        LatentSpace a = labelled(space(n, 6, 4, 0), 5);
        LatentSpace b = correlated(a, 4, 5);
        String bPath = write(b, "b4", 4);
        Dataset<Row> rows = SpaceExport.chartRows(spark, Map.of("a", a));
        Dataset<Row> shuffledColumns = rows.select(col("label"), col("vector"), col("chart"), col("id"));
        String bucketed = dir.resolve("reordered.parquet").toString();
        ParquetOutput.write(IdBuckets.partition(shuffledColumns, 4), bucketed, 4, false); // uncompressed, as the atlas
        String plain = dir.resolve("reordered-plain.parquet").toString();
        ParquetOutput.write(shuffledColumns.repartition(3), plain);

        IdJoin.Layout chosen = IdJoin.sides(AtlasTables.readSpace(spark, bucketed, null),
                AtlasTables.readSpace(spark, bPath, null)).layout();
        assertTrue(chosen.columnsA().batches() && chosen.columnsA().id() != 0, chosen.toString());
        Comparison batches = CompareJob.compare(AtlasTables.readSpace(spark, bucketed, null),
                AtlasTables.readSpace(spark, bPath, null), PartitionHook.NONE);
        Comparison sparkRows = CompareJob.compare(AtlasTables.readSpace(spark, plain, null),
                AtlasTables.readSpace(spark, bPath, null), PartitionHook.NONE);
        assertEquals(n, batches.rows());
        assertEquals(sparkRows.linearCka(), batches.linearCka(), 1e-9);
        assertEquals(5, batches.classes().size());
        for (int c = 0; c < 5; c++) {
            Comparison.ClassStats x = batches.classes().get(c);
            Comparison.ClassStats y = sparkRows.classes().get(c);
            assertEquals(y.label(), x.label());
            assertEquals(y.count(), x.count());
            assertEquals(y.meanDistanceA(), x.meanDistanceA(), 1e-9);
            assertEquals(y.meanDistanceB(), x.meanDistanceB(), 1e-9);
        }
    }

    /**
     * Read as column batches, no Spark check stands between the files and the join: the join refuses a
     * null id, a null vector, a null, NaN or infinite element, naming the space and the id.
     */
    @Test
    void columnBatchesAreCheckedAsTheyAreJoined() {
        StructType schema = new StructType().add("id", DataTypes.LongType, true)
                .add("vector", DataTypes.createArrayType(DataTypes.FloatType, true), true);
        String b = write(space(40, 2, 6, 0), "b2", 2);
        Object[][] cases = {
            {null, new Float[] {1f, 2f}, "compare: space A: a row: 'id' is null: every row needs one"},
            {15L, null, "compare: space A, id 15: 'vector' is null: every row needs one"},
            {15L, new Float[] {1f, null}, "compare: space A, id 15: the vector has a null element"},
            {15L, new Float[] {Float.NaN, 1f}, "compare: space A, id 15: the vector has a NaN"},
            {15L, new Float[] {1f, Float.NEGATIVE_INFINITY}, "compare: space A, id 15: the vector has a value beyond float32"},
        };
        for (Object[] c : cases) {
            List<Row> rows = new ArrayList<>();
            for (long id = 0; id < 40; id += 7) {
                rows.add(RowFactory.create(id, new Float[] {(float) id, 1f}));
            }
            rows.add(RowFactory.create(c[0], c[1]));
            String path = dir.resolve("bad-" + UUID.randomUUID() + ".parquet").toString();
            ParquetOutput.write(IdBuckets.partition(spark.createDataFrame(rows, schema), 2), path, 2, true);
            Dataset<Row> bad = AtlasTables.readSpace(spark, path, null);
            Dataset<Row> good = AtlasTables.readSpace(spark, b, null);
            assertTrue(IdJoin.sides(bad, good).layout().columnsA().batches(), path);
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> SparkErrors.unwrapped(() -> CompareJob.compare(bad, good, PartitionHook.NONE)));
            assertTrue(e.getMessage().startsWith((String) c[2]), e.getMessage());
        }
    }

    private String write(LatentSpace space, String name, int buckets) {
        String path = dir.resolve(name + ".parquet").toString();
        Dataset<Row> rows = SpaceExport.chartRows(spark, Map.of(name.substring(0, 1), space));
        if (buckets == 0) {
            ParquetOutput.write(rows.repartition(2), path);
        } else {
            ParquetOutput.write(IdBuckets.partition(rows, buckets), path, buckets, true);
        }
        return path;
    }

    private static LatentSpace space(int n, int dim, long seed, long firstId) {
        Random random = new Random(seed);
        long[] ids = new long[n];
        float[] x = new float[n * dim];
        for (int i = 0; i < n; i++) {
            ids[i] = firstId + 7L * i;
            for (int j = 0; j < dim; j++) {
                x[i * dim + j] = (float) random.nextGaussian();
            }
        }
        return LatentSpace.of("a", ids, x, dim, null);
    }

    /** @return the space with labels {@code i mod classes} */
    private static LatentSpace labelled(LatentSpace space, int classes) {
        int[] labels = new int[space.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % classes;
        }
        return space.withLabels(labels);
    }

    /** B: a linear map of A's first columns plus noise, its rows in reverse order. */
    private static LatentSpace correlated(LatentSpace a, int dim, long seed) {
        Random random = new Random(seed);
        int n = a.size();
        long[] ids = new long[n];
        float[] y = new float[n * dim];
        float[] x = a.rawVectors();
        for (int r = 0; r < n; r++) {
            int i = n - 1 - r;
            ids[r] = a.id(i);
            for (int j = 0; j < dim; j++) {
                y[r * dim + j] = (float) (x[i * a.dim() + j] - 0.5 * x[i * a.dim() + j + 1] + 0.7 * random.nextGaussian());
            }
        }
        return LatentSpace.of("b", ids, y, dim, null);
    }
}
