package latentatlas.cli.badinput;

import latentatlas.spark.AtlasTables;
import latentatlas.spark.IdBuckets;
import latentatlas.spark.ParquetOutput;
import latentatlas.spark.SparkSessions;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Tag;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static latentatlas.cli.badinput.BadInputSuite.Case.of;

/**
 * Bad inputs of {@code atlas spark export | merge | compare | import}: Parquet tables that are not tables,
 * have the wrong columns or types, hold unusable values (found on the driver or inside a task), chart names
 * that would be written outside {@code --out}, and masters Spark refuses. The hostile tables are written
 * once per JVM, with the project's Spark session, and copied into each case's folder.
 */
@Tag("real-data")
class SparkBadInputTest extends BadInputSuite {
    private static final StructType ROWS = AtlasTables.ROWS;
    private static final StructType ANCHORS = AtlasTables.ANCHORS;
    private static final int DIM = 4;
    private static Path templates;

    @Override
    protected List<Case> cases() {
        String rows = "{dir}/rows.parquet";
        String anchors = "{dir}/anchors.parquet";
        return List.of(
                // merge: files that are not tables
                merge("spark-merge-rows-missing", "Path does not exist", tables("anchors"), "{dir}/none.parquet", anchors),
                merge("spark-merge-rows-not-parquet", "is not a Parquet file",
                        text("junk.parquet", "chart,id,vector\na,1,\"[1,2]\"\n").and(tables("anchors")),
                        "{dir}/junk.parquet", anchors),
                merge("spark-merge-rows-empty-file", "is not a Parquet file", text("empty.parquet", "").and(tables("anchors")),
                        "{dir}/empty.parquet", anchors),
                merge("spark-merge-rows-corrupt-footer", "corrupt Parquet data (can not read FileMetaData",
                        tables("corrupt-footer", "anchors"), "{dir}/corrupt-footer.parquet", anchors),
                merge("spark-merge-rows-corrupt-page", "part-0.parquet: corrupt Parquet data (can not read",
                        tables("corrupt-page", "anchors"), "{dir}/corrupt-page.parquet", anchors),
                merge("spark-merge-anchors-empty-folder", "Unable to infer schema", dir -> {
                    tables("rows").prepare(dir);
                    Files.createDirectories(dir.resolve("anchors.parquet"));
                }, rows, anchors),
                // merge: wrong columns and types
                merge("spark-merge-rows-no-vector", "no 'vector' column", tables("no-vector", "anchors"),
                        "{dir}/no-vector.parquet", anchors),
                merge("spark-merge-rows-string-ids", "column 'id' has type string", tables("string-ids", "anchors"),
                        "{dir}/string-ids.parquet", anchors),
                merge("spark-merge-rows-string-vector", "column 'vector' has type string", tables("string-vector", "anchors"),
                        "{dir}/string-vector.parquet", anchors),
                merge("spark-merge-anchors-string-position", "column 'position' has type string",
                        tables("rows", "string-position"), rows, "{dir}/string-position.parquet"),
                // merge: values found inside a task
                merge("spark-merge-rows-zero-vector", "zero norm", tables("zero-vector", "anchors"),
                        "{dir}/zero-vector.parquet", anchors),
                merge("spark-merge-rows-width", "width 3", tables("narrow-row", "anchors"), "{dir}/narrow-row.parquet", anchors),
                merge("spark-merge-rows-nan", "NaN", tables("nan-row", "anchors"), "{dir}/nan-row.parquet", anchors),
                merge("spark-merge-rows-beyond-float32", "beyond float32", tables("huge-row", "anchors"),
                        "{dir}/huge-row.parquet", anchors),
                merge("spark-merge-rows-null-id", "'id' is null", tables("null-id", "anchors"), "{dir}/null-id.parquet", anchors),
                merge("spark-merge-rows-null-element", "null element", tables("null-element", "anchors"),
                        "{dir}/null-element.parquet", anchors),
                merge("spark-merge-rows-duplicate-id", "appears twice", tables("duplicate-row", "anchors"),
                        "{dir}/duplicate-row.parquet", anchors),
                merge("spark-merge-rows-empty-table", "no rows", tables("empty-rows", "anchors"), "{dir}/empty-rows.parquet", anchors),
                // merge: anchors that do not fit the rows
                merge("spark-merge-chart-without-anchors", "no anchor rows for chart(s) [c]", tables("three-charts", "anchors"),
                        "{dir}/three-charts.parquet", anchors),
                merge("spark-merge-anchor-twice", "appears twice", tables("rows", "duplicate-anchor"), rows,
                        "{dir}/duplicate-anchor.parquet"),
                merge("spark-merge-anchor-zero-norm", "zero norm", tables("rows", "zero-anchor"), rows, "{dir}/zero-anchor.parquet"),
                merge("spark-merge-anchor-position-gap", "has position 5, expected 3", tables("rows", "position-gap"), rows,
                        "{dir}/position-gap.parquet"),
                of("spark-merge-rows-one-junk-file", "is not a Parquet file",
                        text("junk.parquet", "not a table").and(tables("rows", "anchors")),
                        "spark", "merge", "--rows", rows, "{dir}/junk.parquet", "--anchors", anchors, "--out", "{dir}/atlas.parquet"),
                // merge: outputs that replacing would lose
                of("spark-merge-out-folder-of-other-files", "holds notes.txt, not only a Parquet table's files", dir -> {
                    tables("rows", "anchors").prepare(dir);
                    Files.createDirectories(dir.resolve("mine"));
                    Files.writeString(dir.resolve("mine/notes.txt"), "keep me");
                }, "spark", "merge", "--rows", rows, "--anchors", anchors, "--out", "{dir}/mine"),
                of("spark-merge-out-is-a-file", "exists and is a file", text("atlas.parquet", "keep me").and(tables("rows", "anchors")),
                        "spark", "merge", "--rows", rows, "--anchors", anchors, "--out", "{dir}/atlas.parquet"),
                of("spark-merge-partitions-negative", "--partitions: id partitions: expected 1 to 100000, found -3",
                        tables("rows", "anchors"), "spark", "merge", "--rows", rows, "--anchors", anchors, "--out",
                        "{dir}/atlas.parquet", "--partitions", "-3"),
                // masters Spark refuses
                of("spark-merge-master-bogus", "--master: Spark master: expected", tables("rows", "anchors"),
                        "spark", "merge", "--master", "bogus", "--rows", rows, "--anchors", anchors, "--out", "{dir}/atlas.parquet"),
                of("spark-merge-master-zero-threads", "found 'local[0]'", tables("rows", "anchors"),
                        "spark", "merge", "--master", "local[0]", "--rows", rows, "--anchors", anchors, "--out", "{dir}/atlas.parquet"),
                // compare
                of("spark-compare-no-common-ids", "share 0 id(s)", tables("rows", "far-ids"),
                        "spark", "compare", rows, "{dir}/far-ids.parquet", "--chart-a", "b"),
                of("spark-compare-width-varies", "same width", tables("rows", "narrow-row"),
                        "spark", "compare", rows, "{dir}/narrow-row.parquet", "--chart-a", "a", "--chart-b", "a"),
                of("spark-compare-several-charts", "appears twice: ids must be unique", tables("rows", "atlas"),
                        "spark", "compare", rows, "{dir}/atlas.parquet"),
                // an id twice, in A, or in B where A lacks it (the join would not meet it, the check must)
                of("spark-compare-a-id-twice", "in space A, id 3 appears twice", tables("duplicate-row", "rows"),
                        "spark", "compare", "{dir}/duplicate-row.parquet", rows, "--chart-a", "a", "--chart-b", "b"),
                of("spark-compare-b-id-twice-unmatched", "in space B, id 1003 appears twice", tables("rows", "far-twice"),
                        "spark", "compare", rows, "{dir}/far-twice.parquet", "--chart-a", "a"),
                of("spark-compare-nan", "NaN", tables("rows", "nan-row"), "spark", "compare", rows, "{dir}/nan-row.parquet",
                        "--chart-a", "a", "--chart-b", "a"),
                // compare: bucketed atlas tables (read as their Parquet scans' column batches) with a bad value
                of("spark-compare-bucketed-nan", "compare: space A, id 7: the vector has a NaN", tables("bucketed-nan", "rows"),
                        "spark", "compare", "{dir}/bucketed-nan.parquet", rows, "--chart-b", "a"),
                of("spark-compare-bucketed-infinite", "compare: space B, id 11: the vector has a value beyond float32",
                        tables("rows", "bucketed-infinite"), "spark", "compare", rows, "{dir}/bucketed-infinite.parquet",
                        "--chart-a", "a"),
                // compare: tables whose id-bucket marker does not hold
                of("spark-compare-bucket-marker-junk", "expected one line buckets=B with B from 1 to 100000, found 'buckets=two'",
                        tables("bucket-marker-junk", "rows"), "spark", "compare", "{dir}/bucket-marker-junk.parquet", rows,
                        "--chart-a", "a", "--chart-b", "a"),
                of("spark-compare-bucket-file-unnamed", "is not a file of one of the 2 id buckets",
                        tables("bucket-file-unnamed", "rows"), "spark", "compare", "{dir}/bucket-file-unnamed.parquet", rows,
                        "--chart-a", "a", "--chart-b", "a"),
                of("spark-compare-bucket-files-swapped", "its table's files are not the id buckets its _id_buckets file announces",
                        tables("bucket-files-swapped", "rows"), "spark", "compare", "{dir}/bucket-files-swapped.parquet", rows,
                        "--chart-a", "a", "--chart-b", "a"),
                of("spark-compare-not-parquet", "is not a Parquet file", text("junk.parquet", "PAR1 but not really").and(tables("rows")),
                        "spark", "compare", rows, "{dir}/junk.parquet"),
                of("spark-compare-chart-without-column", "has no 'chart' column", tables("atlas"),
                        "spark", "compare", "{dir}/atlas.parquet", "{dir}/atlas.parquet", "--chart-a", "a"),
                // import: chart names that would be paths
                imports("spark-import-chart-parent", "chart name '../x' cannot be a file name", "chart-parent"),
                imports("spark-import-chart-absolute", "chart name '/tmp/x' cannot be a file name", "chart-absolute"),
                imports("spark-import-chart-slash", "chart name 'a/b' cannot be a file name", "chart-slash"),
                imports("spark-import-chart-dot-dot", "chart name '..' cannot be a file name", "chart-dot-dot"),
                imports("spark-import-chart-empty", "chart name '' cannot be a file name", "chart-empty"),
                imports("spark-import-chart-control", "chart name 'a\\x00\\x1b[31m' cannot be a file name", "chart-control"),
                imports("spark-import-chart-collision", "would both write a.ids.npy", "chart-collision"),
                // import: tables that are not what they should be
                imports("spark-import-empty-table", "no rows", "empty-rows"),
                imports("spark-import-label-beyond-int", "beyond int32", "huge-label"),
                imports("spark-import-ragged", "id 7 has a vector of width 3, expected 4 like the first row", "narrow-row"),
                imports("spark-import-label-partial", "id 1 has no label while others have", "partial-label"),
                imports("spark-import-atlas-string-coverage", "column 'coverage' has type string", "string-coverage"),
                of("spark-import-missing", "Path does not exist", Setup.NONE,
                        "spark", "import", "--in", "{dir}/none.parquet", "--out", "{dir}/out"),
                // export
                of("spark-export-out-under-a-file", "is a file, not a folder", dir -> {
                    Inputs.twoSpaces(dir);
                    Files.writeString(dir.resolve("f.txt"), "keep me");
                }, "spark", "export", "--space", "a={dir}/a.npy:{dir}/a.ids.npy", "--out", "{dir}/f.txt"),
                of("spark-export-master-bogus", "--master", dir -> Inputs.twoSpaces(dir),
                        "spark", "export", "--master", "spark:/no-slashes", "--space", "a={dir}/a.npy:{dir}/a.ids.npy",
                        "--out", "{dir}/out"));
    }

    private static Case merge(String name, String expected, Setup setup, String rows, String anchors) {
        return of(name, expected, setup, "spark", "merge", "--rows", rows, "--anchors", anchors, "--out", "{dir}/atlas.parquet");
    }

    private static Case imports(String name, String expected, String table) {
        return of(name, expected, tables(table), "spark", "import", "--in", "{dir}/" + table + ".parquet", "--out", "{dir}/out");
    }

    /** @return a setup that copies the named template tables ({@code NAME.parquet}) into the case's folder */
    private static SparkSetup tables(String... names) {
        return dir -> {
            for (String name : names) {
                Path from = templates().resolve(name + ".parquet");
                try (Stream<Path> walk = Files.walk(from)) {
                    for (Path p : walk.toList()) {
                        Path to = dir.resolve(templates().relativize(p).toString());
                        if (Files.isDirectory(p)) {
                            Files.createDirectories(to);
                        } else {
                            Files.copy(p, to);
                        }
                    }
                }
            }
        };
    }

    private static SparkSetup text(String name, String content) {
        return dir -> Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    /** A setup that can be followed by another. */
    @FunctionalInterface
    private interface SparkSetup extends Setup {
        default SparkSetup and(Setup next) {
            return dir -> {
                prepare(dir);
                next.prepare(dir);
            };
        }
    }

    /** @return the folder of the template tables, written on first use */
    private static synchronized Path templates() {
        if (templates == null) {
            try {
                Path dir = Files.createTempDirectory("spark-bad-input-tables-");
                writeTemplates(SparkSessions.open(SparkSessions.DEFAULT_MASTER, "SparkBadInputTest"), dir);
                templates = dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return templates;
    }

    private static void writeTemplates(SparkSession spark, Path dir) {
        List<Row> rows = new ArrayList<>();
        for (String chart : List.of("a", "b")) {
            for (long id = 0; id < 20; id++) {
                rows.add(row(chart, id, vector(id, chart.hashCode()), (int) (id % 2)));
            }
        }
        List<Row> anchors = new ArrayList<>();
        for (String chart : List.of("a", "b")) {
            for (int j = 0; j < DIM; j++) {
                anchors.add(row(chart, (long) j, vector(j, chart.hashCode()), j));
            }
        }
        write(spark, dir, "rows", ROWS, rows);
        write(spark, dir, "anchors", ANCHORS, anchors);
        corrupted(dir, "rows", "corrupt-footer", bytes -> Arrays.fill(bytes, bytes.length - 60, bytes.length - 8, (byte) 0x7f));
        corrupted(dir, "rows", "corrupt-page", bytes -> Arrays.fill(bytes, 4, bytes.length / 2, (byte) 0x5d));
        write(spark, dir, "no-vector", schema(field("chart", DataTypes.StringType), field("id", DataTypes.LongType),
                field("embedding", DataTypes.createArrayType(DataTypes.FloatType))), List.of(RowFactory.create("a", 0L, vector(0, 1))));
        write(spark, dir, "string-ids", schema(field("chart", DataTypes.StringType), field("id", DataTypes.StringType),
                field("vector", DataTypes.createArrayType(DataTypes.FloatType))), List.of(RowFactory.create("a", "zero", vector(0, 1))));
        write(spark, dir, "string-vector", schema(field("chart", DataTypes.StringType), field("id", DataTypes.LongType),
                field("vector", DataTypes.StringType)), List.of(RowFactory.create("a", 0L, "[1, 2, 3, 4]")));
        write(spark, dir, "string-position", schema(field("chart", DataTypes.StringType), field("id", DataTypes.LongType),
                field("vector", DataTypes.createArrayType(DataTypes.FloatType)), field("position", DataTypes.StringType)),
                List.of(RowFactory.create("a", 0L, vector(0, 1), "first")));
        write(spark, dir, "zero-vector", ROWS, spoiled(rows, 7, row("a", 7L, new float[DIM], 1)));
        write(spark, dir, "narrow-row", ROWS, spoiled(rows, 7, row("a", 7L, new float[] {1, 2, 3}, 1)));
        write(spark, dir, "nan-row", ROWS, spoiled(rows, 7, row("a", 7L, new float[] {1, Float.NaN, 3, 4}, 1)));
        StructType doubles = schema(field("chart", DataTypes.StringType), field("id", DataTypes.LongType),
                field("vector", DataTypes.createArrayType(DataTypes.DoubleType)));
        write(spark, dir, "huge-row", doubles, List.of(RowFactory.create("a", 0L, new double[] {1, 2, 3, 4}),
                RowFactory.create("a", 1L, new double[] {1, 1e300, 3, 4})));
        StructType nullable = schema(field("chart", DataTypes.StringType), field("id", DataTypes.LongType),
                field("vector", DataTypes.createArrayType(DataTypes.FloatType, true)));
        write(spark, dir, "null-id", nullable, List.of(RowFactory.create("a", 0L, vector(0, 1)), RowFactory.create("a", null, vector(1, 1))));
        write(spark, dir, "null-element", nullable, List.of(RowFactory.create("a", 0L, new Float[] {1f, null, 3f, 4f})));
        write(spark, dir, "duplicate-row", ROWS, plus(rows, row("a", 3L, vector(99, 1), 1)));
        write(spark, dir, "empty-rows", ROWS, List.of());
        write(spark, dir, "three-charts", ROWS, plus(rows, row("c", 3L, vector(3, 5), 1)));
        write(spark, dir, "duplicate-anchor", ANCHORS, List.of(row("a", 0L, vector(0, 1), 0), row("a", 1L, vector(1, 1), 1),
                row("a", 0L, vector(0, 1), 2), row("b", 0L, vector(0, 2), 0), row("b", 1L, vector(1, 2), 1), row("b", 0L, vector(0, 2), 2)));
        write(spark, dir, "zero-anchor", ANCHORS, spoiled(anchors, 1, row("a", 1L, new float[DIM], 1)));
        write(spark, dir, "position-gap", ANCHORS, spoiled(anchors, 3, row("a", 3L, vector(3, "a".hashCode()), 5)));
        List<Row> far = new ArrayList<>();
        for (long id = 1000; id < 1010; id++) {
            far.add(row("a", id, vector(id, 3), 0));
        }
        write(spark, dir, "far-ids", ROWS, far);
        write(spark, dir, "far-twice", ROWS, plus(far, row("a", 1003L, vector(1003, 4), 0)));
        ParquetOutput.writeBucketed(spark.createDataFrame(rows, ROWS), dir.resolve("bucketed.parquet").toString(), rows.size());
        bucketed(dir, "bucket-marker-junk", table -> Files.writeString(table.resolve(IdBuckets.MARKER), "buckets=two\n"));
        bucketed(dir, "bucket-file-unnamed", table -> {
            Path file = bucketFile(table, 0);
            Files.move(file, file.resolveSibling("part-0.parquet"));
        });
        bucketed(dir, "bucket-files-swapped", table -> {
            Path zero = bucketFile(table, 0);
            Path one = bucketFile(table, 1);
            // bucket 0's rows named bucket 1 and bucket 1's named bucket 0
            Files.move(zero, table.resolve("x"));
            Files.move(one, table.resolve(one.getFileName().toString().replace("_00001.", "_00000.")));
            Files.move(table.resolve("x"), table.resolve(zero.getFileName().toString().replace("_00000.", "_00001.")));
        });
        for (Object[] bad : new Object[][] {{"bucketed-nan", 7L, Float.NaN}, {"bucketed-infinite", 11L, Float.POSITIVE_INFINITY}}) {
            List<Row> atlas = new ArrayList<>();
            for (long id = 0; id < 20; id++) {
                float[] v = vector(id, 1);
                if (id == (long) bad[1]) {
                    v[2] = (float) bad[2];
                }
                atlas.add(RowFactory.create(id, v, 2));
            }
            ParquetOutput.writeBucketed(spark.createDataFrame(atlas, AtlasTables.ATLAS),
                    dir.resolve(bad[0] + ".parquet").toString(), atlas.size());
        }
        write(spark, dir, "atlas", AtlasTables.ATLAS, List.of(RowFactory.create(0L, vector(0, 1), 2), RowFactory.create(1L, vector(1, 1), 2)));
        for (String[] named : new String[][] {{"chart-parent", "../x"}, {"chart-absolute", "/tmp/x"}, {"chart-slash", "a/b"},
            {"chart-dot-dot", ".."}, {"chart-empty", ""}, {"chart-control", "a\u0000\u001b[31m"}}) {
            write(spark, dir, named[0], ROWS, List.of(row(named[1], 0L, vector(0, 1), 0), row(named[1], 1L, vector(1, 1), 1)));
        }
        write(spark, dir, "chart-collision", ROWS, List.of(row("a", 0L, vector(0, 1), 0), row("a.ids", 0L, vector(0, 2), 0)));
        write(spark, dir, "huge-label", schema(field("chart", DataTypes.StringType), field("id", DataTypes.LongType),
                field("vector", DataTypes.createArrayType(DataTypes.FloatType)), field("label", DataTypes.LongType)),
                List.of(RowFactory.create("a", 0L, vector(0, 1), 1L), RowFactory.create("a", 1L, vector(1, 1), 1L << 40)));
        write(spark, dir, "partial-label", ROWS, List.of(RowFactory.create("a", 0L, vector(0, 1), 3),
                RowFactory.create("a", 1L, vector(1, 1), null)));
        write(spark, dir, "string-coverage", schema(field("id", DataTypes.LongType),
                field("vector", DataTypes.createArrayType(DataTypes.FloatType)), field("coverage", DataTypes.StringType)),
                List.of(RowFactory.create(0L, vector(0, 1), "two")));
    }

    private static void write(SparkSession spark, Path dir, String name, StructType schema, List<Row> rows) {
        spark.createDataFrame(rows, schema).coalesce(1).write().parquet(dir.resolve(name + ".parquet").toString());
    }

    /** A change to a copy of a table. */
    @FunctionalInterface
    private interface Spoil {
        void apply(Path table) throws IOException;
    }

    /** Writes {@code NAME.parquet}: a copy of the bucketed rows (2 id buckets, no checksum files), spoiled. */
    private static void bucketed(Path dir, String name, Spoil spoil) {
        try (Stream<Path> files = Files.list(dir.resolve("bucketed.parquet"))) {
            Path table = Files.createDirectories(dir.resolve(name + ".parquet"));
            for (Path file : files.filter(p -> !p.getFileName().toString().endsWith(".crc")).toList()) {
                Files.copy(file, table.resolve(file.getFileName()));
            }
            spoil.apply(table);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the data file of a bucket of a bucketed table */
    private static Path bucketFile(Path table, int bucket) throws IOException {
        try (Stream<Path> files = Files.list(table)) {
            String suffix = String.format("_%05d.", bucket);
            return files.filter(p -> p.getFileName().toString().contains(suffix)).findFirst().orElseThrow();
        }
    }

    /** Writes {@code NAME.parquet/part-0.parquet}: the data file of table {@code from}, its bytes spoiled. */
    private static void corrupted(Path dir, String from, String name, Consumer<byte[]> spoil) {
        try (Stream<Path> files = Files.list(dir.resolve(from + ".parquet"))) {
            Path data = files.filter(p -> p.getFileName().toString().matches("part-.*\\.parquet")).findFirst().orElseThrow();
            byte[] bytes = Files.readAllBytes(data);
            spoil.accept(bytes);
            Files.createDirectories(dir.resolve(name + ".parquet"));
            Files.write(dir.resolve(name + ".parquet/part-0.parquet"), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Row row(String chart, long id, float[] vector, int last) {
        return RowFactory.create(chart, id, vector, last);
    }

    /** @return a deterministic non-zero vector */
    private static float[] vector(long id, int seed) {
        float[] v = new float[DIM];
        for (int j = 0; j < DIM; j++) {
            v[j] = (float) Math.sin(1 + id * 0.7 + j * 1.3 + seed % 97) + (j == id % DIM ? 2 : 0);
        }
        return v;
    }

    private static List<Row> spoiled(List<Row> rows, int index, Row replacement) {
        List<Row> out = new ArrayList<>(rows);
        out.set(index, replacement);
        return out;
    }

    private static List<Row> plus(List<Row> rows, Row extra) {
        List<Row> out = new ArrayList<>(rows);
        out.add(extra);
        return out;
    }

    private static StructType schema(StructField... fields) {
        return new StructType(fields);
    }

    private static StructField field(String name, DataType type) {
        return DataTypes.createStructField(name, type, true);
    }
}
