package latentatlas.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.collection.Seq;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DenseParquetFormat writes what Spark's own Parquet writer writes: the same rows as read back by
 * Spark's vectorized reader and by parquet-mr's record reader (two decoders), the same schema and
 * footer metadata; statistics equal to those computed here from the rows; several pages and row
 * groups per file; Spark's writer for any other table.
 */
@Tag("real-data")
class DenseParquetFormatTest {
    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void open() {
        spark = SparkSessions.open("local[2,2]", "DenseParquetFormatTest");
    }

    @AfterAll
    static void close() {
        spark.stop();
    }

    /**
     * Every column shape the writer encodes, 3,000 rows: non-null bigint (with both extremes) and int;
     * nullable bigint and int with nulls; a non-null array of 16 non-null floats; a nullable array with
     * null arrays, empty arrays, null elements, widths 1 to 5, and NaN, -0, both infinities, the
     * smallest subnormal.
     */
    private static Dataset<Row> everyShape() {
        return spark.sql("SELECT"
                + " CASE WHEN id = 0 THEN -9223372036854775808L WHEN id = 1 THEN 9223372036854775807L ELSE id * 7919 END AS id,"
                + " cast(id % 5 AS int) AS coverage,"
                + " IF(id % 3 = 0, NULL, id - 1500) AS maybe_long,"
                + " IF(id % 4 = 1, NULL, cast(id AS int) - 7) AS maybe_int,"
                + " transform(sequence(0, 15), j -> float(sin(id * 16 + j))) AS vector,"
                + " CASE WHEN id % 7 = 0 THEN NULL WHEN id % 7 = 1 THEN CAST(array() AS array<float>)"
                + "  WHEN id % 7 = 2 THEN array(float('NaN'), float('-0.0'), float('Infinity'), float('-Infinity'), float(1.4E-45))"
                + "  ELSE transform(sequence(0, id % 5), j -> IF(j = 2, NULL, float(j / 3 - id))) END AS maybe_vector"
                + " FROM range(3000)").repartition(2);
    }

    @Test
    void writesWhatSparksWriterWrites() throws IOException {
        Dataset<Row> table = everyShape();
        String dense = write(table, "dense", DenseParquetFormat.class.getName(), "none");
        String reference = write(table, "spark", "parquet", "none");

        List<String> expected = rendered(reference, true);
        assertEquals(3000, expected.size());
        assertSameRows(expected, rendered(dense, true), "vectorized reader");
        assertSameRows(expected, rendered(dense, false), "parquet-mr's record reader");
        assertSameRows(expected, rendered(reference, false), "Spark's file, parquet-mr's record reader");

        ParquetMetadata denseFooter = footers(dense).get(0);
        ParquetMetadata sparkFooter = footers(reference).get(0);
        assertEquals(sparkFooter.getFileMetaData().getSchema(), denseFooter.getFileMetaData().getSchema());
        assertEquals(sparkFooter.getFileMetaData().getKeyValueMetaData(), denseFooter.getFileMetaData().getKeyValueMetaData());
        for (ParquetMetadata footer : footers(dense)) {
            assertTrue(footer.getBlocks().size() > 1, "several row groups of at most 64 KiB");
            for (BlockMetaData block : footer.getBlocks()) {
                for (ColumnChunkMetaData column : block.getColumns()) {
                    assertFalse(column.getEncodings().toString().contains("DICTIONARY"), column.toString());
                    assertEquals(CompressionCodecName.UNCOMPRESSED, column.getCodec());
                }
            }
        }
        assertTrue(pages(dense, "vector.list.element") > footers(dense).size() * 2, "pages of at most 4 KiB");
    }

    /** Statistics of the whole table, per column, merged from every row group of every file, as computed from the rows. */
    @Test
    void statisticsAreTheRowsMinimaMaximaAndNulls() throws IOException {
        Dataset<Row> table = everyShape();
        String dense = write(table, "dense", DenseParquetFormat.class.getName(), "none");
        Map<String, Statistics<?>> stats = new HashMap<>();
        for (ParquetMetadata footer : footers(dense)) {
            for (BlockMetaData block : footer.getBlocks()) {
                for (ColumnChunkMetaData column : block.getColumns()) {
                    stats.merge(column.getPath().toDotString(), column.getStatistics(), (a, b) -> {
                        a.mergeStatistics(b);
                        return a;
                    });
                }
            }
        }
        Row sums = table.selectExpr("min(id)", "max(id)", "min(coverage)", "max(coverage)",
                "min(maybe_long)", "max(maybe_long)", "count_if(maybe_long IS NULL)",
                "min(maybe_int)", "max(maybe_int)", "count_if(maybe_int IS NULL)",
                "min(array_min(vector))", "max(array_max(vector))").first();
        assertStatistics(stats.get("id"), sums.get(0), sums.get(1), 0);
        assertStatistics(stats.get("coverage"), sums.get(2), sums.get(3), 0);
        assertStatistics(stats.get("maybe_long"), sums.get(4), sums.get(5), sums.getLong(6));
        assertStatistics(stats.get("maybe_int"), sums.get(7), sums.get(8), sums.getLong(9));
        assertStatistics(stats.get("vector.list.element"), sums.get(10), sums.get(11), 0);
        // nulls of the nullable array: null arrays, empty arrays, null elements; NaN left out of min/max
        long nulls = table.selectExpr("sum(CASE WHEN maybe_vector IS NULL OR size(maybe_vector) = 0 THEN 1"
                + " ELSE size(filter(maybe_vector, x -> x IS NULL)) END)").first().getLong(0);
        assertStatistics(stats.get("maybe_vector.list.element"), Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, nulls);
    }

    @Test
    void aCompressedTableIsCompressedWithTheWritesCodec() throws IOException {
        Dataset<Row> table = everyShape();
        String dense = write(table, "dense", DenseParquetFormat.class.getName(), "snappy");
        assertSameRows(rendered(write(table, "spark", "parquet", "none"), true), rendered(dense, true), "snappy");
        for (ParquetMetadata footer : footers(dense)) {
            for (BlockMetaData block : footer.getBlocks()) {
                for (ColumnChunkMetaData column : block.getColumns()) {
                    assertEquals(CompressionCodecName.SNAPPY, column.getCodec());
                }
            }
        }
    }

    /**
     * Spark's legacy list layout (spark.sql.parquet.writeLegacyFormat): every array a 3-level list of
     * other names ({@code repeated group bag {optional float array}}), with the same levels, which the
     * dense writer encodes as it does the standard layout.
     */
    @Test
    void sparksLegacyListLayoutIsKept() throws IOException {
        String key = "spark.sql.parquet.writeLegacyFormat";
        spark.conf().set(key, "true");
        try {
            Dataset<Row> table = everyShape();
            String dense = write(table, "dense-legacy", DenseParquetFormat.class.getName(), "none");
            String reference = write(table, "spark-legacy", "parquet", "none");
            assertSameRows(rendered(reference, true), rendered(dense, true), "legacy lists");
            assertSameRows(rendered(reference, false), rendered(dense, false), "legacy lists, parquet-mr's record reader");
            ParquetMetadata footer = footers(dense).get(0);
            assertEquals(footers(reference).get(0).getFileMetaData().getSchema(), footer.getFileMetaData().getSchema());
            assertTrue(footer.getFileMetaData().getSchema().toString().contains("bag"), footer.getFileMetaData().toString());
            // written by the dense writer: no dictionary (Spark's writer encodes the 5 coverage values with one)
            for (ColumnChunkMetaData column : footer.getBlocks().get(0).getColumns()) {
                assertFalse(column.getEncodings().toString().contains("DICTIONARY"), column.toString());
            }
        } finally {
            spark.conf().unset(key);
        }
    }

    @Test
    void anEmptyTableKeepsItsSchema() {
        Dataset<Row> empty = everyShape().limit(0);
        String dense = write(empty, "dense", DenseParquetFormat.class.getName(), "none");
        assertEquals(0, spark.read().parquet(dense).count());
        assertEquals(spark.read().parquet(write(empty, "spark", "parquet", "none")).schema(), spark.read().parquet(dense).schema());
    }

    /** A string column (chart names) is Spark's writer's: dictionary-encoded, as Parquet's writer does by default. */
    @Test
    void anyOtherTableIsWrittenBySparksWriter() throws IOException {
        Dataset<Row> table = spark.sql("SELECT 'chart' AS chart, id, array(float(id)) AS vector FROM range(100)");
        String written = write(table, "strings", DenseParquetFormat.class.getName(), "none");
        assertSameRows(rendered(write(table, "spark", "parquet", "none"), true), rendered(written, true), "strings");
        ColumnChunkMetaData chart = footers(written).get(0).getBlocks().get(0).getColumns().get(0);
        assertTrue(chart.getEncodings().toString().contains("DICTIONARY"), chart.toString());
    }

    private String write(Dataset<Row> table, String name, String format, String codec) {
        String path = dir.resolve(name + "-" + codec + ".parquet").toString();
        table.write().format(format).mode(SaveMode.Overwrite).option("compression", codec)
                .option("parquet.page.size", "4096").option("parquet.block.size", "65536").save(path);
        return path;
    }

    /** The rows sorted by id, every value spelled exactly (a float as its bits). */
    private static List<String> rendered(String path, boolean vectorized) {
        String key = "spark.sql.parquet.enableVectorizedReader";
        spark.conf().set(key, Boolean.toString(vectorized));
        try {
            List<String> rows = new ArrayList<>();
            for (Row row : spark.read().parquet(path).orderBy("id").collectAsList()) {
                StringBuilder text = new StringBuilder();
                for (int i = 0; i < row.size(); i++) {
                    Object value = row.get(i);
                    text.append(value instanceof Seq<?> seq ? bits(seq) : String.valueOf(value)).append(' ');
                }
                rows.add(text.toString());
            }
            return rows;
        } finally {
            spark.conf().unset(key);
        }
    }

    /** Equal row lists, or a failure naming the first row that differs. */
    private static void assertSameRows(List<String> expected, List<String> actual, String what) {
        assertEquals(expected.size(), actual.size(), what + ": rows");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), actual.get(i), what + ": row " + i + " (by id)");
        }
    }

    private static String bits(Seq<?> seq) {
        List<String> elements = new ArrayList<>();
        scala.collection.JavaConverters.seqAsJavaList(seq).forEach(e -> elements.add(e == null ? "null" : Integer.toHexString(Float.floatToRawIntBits((Float) e))));
        return elements.toString();
    }

    private static List<ParquetMetadata> footers(String folder) throws IOException {
        List<ParquetMetadata> footers = new ArrayList<>();
        for (Path file : parquetFiles(folder)) {
            try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(
                    new org.apache.hadoop.fs.Path(file.toString()), new Configuration()))) {
                footers.add(reader.getFooter());
            }
        }
        assertFalse(footers.isEmpty(), folder);
        return footers;
    }

    /** The data pages of a column in every row group of every file, from the offset indexes. */
    private static int pages(String folder, String column) throws IOException {
        int pages = 0;
        for (Path file : parquetFiles(folder)) {
            try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(
                    new org.apache.hadoop.fs.Path(file.toString()), new Configuration()))) {
                for (BlockMetaData block : reader.getFooter().getBlocks()) {
                    for (ColumnChunkMetaData chunk : block.getColumns()) {
                        if (chunk.getPath().toDotString().equals(column)) {
                            pages += reader.readOffsetIndex(chunk).getPageCount();
                        }
                    }
                }
            }
        }
        return pages;
    }

    private static List<Path> parquetFiles(String folder) throws IOException {
        try (var files = Files.list(Path.of(folder))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".parquet")
                    && !f.getFileName().toString().startsWith(".")).sorted().collect(Collectors.toList());
        }
    }

    private static void assertStatistics(Statistics<?> stats, Object min, Object max, long nulls) {
        assertEquals(min, stats.genericGetMin(), stats.toString());
        assertEquals(max, stats.genericGetMax(), stats.toString());
        assertEquals(nulls, stats.getNumNulls(), stats.toString());
    }
}
