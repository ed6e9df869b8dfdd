package latentatlas.spark;

import latentatlas.InvalidInputException;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link SparkErrors} and the column checks of {@link AtlasTables} on what a real Spark job throws. */
@Tag("real-data")
class SparkErrorsJobTest {
    private static SparkSession spark;
    private static JavaSparkContext context;

    @TempDir
    Path dir;

    @BeforeAll
    static void open() {
        spark = SparkSessions.open("local[2]", "SparkErrorsJobTest");
        context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    }

    @AfterAll
    static void close() {
        spark.stop();
    }

    @Test
    void aMistakeInATaskComesBackWithItsMessage() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SparkErrors.unwrapped(() ->
                context.parallelize(List.of(1, 2, 3), 3).map(i -> {
                    if (i == 2) {
                        throw new InvalidInputException("rows: id " + i + " has zero norm");
                    }
                    return i;
                }).collect()));
        assertEquals("rows: id 2 has zero norm", e.getMessage());
    }

    /** An exception that cannot be serialized reaches the driver as text only: the message is rebuilt from it. */
    @Test
    void aMistakeThatCannotTravelIsRebuiltFromItsText() {
        Runnable job = () -> context.parallelize(List.of(1), 1).map(i -> {
            throw new InvalidInputException("rows: id " + i + " is unusable", new Unserializable());
        }).collect();
        SparkException raw = assertThrows(SparkException.class, job::run);
        for (Throwable cause = raw; cause != null; cause = cause.getCause()) {
            assertFalse(cause instanceof InvalidInputException, "the driver got only the text: " + cause);
        }
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SparkErrors.run(job));
        assertEquals("rows: id 1 is unusable", e.getMessage());
    }

    @Test
    void aFailingColumnCheckIsAMistake() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SparkErrors.unwrapped(() ->
                spark.range(3).select(SparkErrors.fail(lit("table: the row is bad"))).collectAsList()));
        assertEquals("table: the row is bad", e.getMessage());
    }

    @Test
    void aBugInATaskStaysABug() {
        SparkException e = assertThrows(SparkException.class, () -> SparkErrors.unwrapped(() ->
                context.parallelize(List.of(1), 1).map(i -> {
                    throw new IllegalStateException("a bug");
                }).collect()));
        assertTrue(e.getMessage().contains("a bug"));
    }

    @Test
    void aMissingPathAndAFileThatIsNotParquetAreNamed() throws Exception {
        String missing = dir.resolve("none.parquet").toString();
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> AtlasTables.open(spark, List.of(missing)));
        assertTrue(e.getMessage().startsWith("[" + missing + "]: cannot read as a Parquet table: Path does not exist"),
                e.getMessage());
        Path junk = Files.writeString(dir.resolve("junk.parquet"), "id,vector\n");
        e = assertThrows(InvalidInputException.class, () -> AtlasTables.readSpace(spark, junk.toString(), null));
        assertTrue(e.getMessage().contains(junk + " is not a Parquet file"), e.getMessage());
    }

    @Test
    void integerColumnsOfAnyWidthAndFloat64VectorsAreRead() {
        Dataset<Row> table = spark.sql("SELECT CAST(7 AS TINYINT) AS id, array(1.5D, -2D) AS vector,"
                + " CAST(2147483647 AS BIGINT) AS label");
        Row row = table.select(AtlasTables.column(table, "t", AtlasTables.ID), AtlasTables.column(table, "t", AtlasTables.VECTOR),
                AtlasTables.column(table, "t", AtlasTables.LABEL)).first();
        assertEquals(7L, row.getLong(0));
        assertArrayEquals(new Object[] {1.5f, -2f}, row.getList(1).toArray());
        assertEquals(Integer.MAX_VALUE, row.getInt(2));
    }

    @Test
    void valuesBeyondTheirTypeAreMistakesAtTheExactBoundary() {
        Dataset<Row> label = spark.sql("SELECT 3L AS id, CAST(2147483648 AS BIGINT) AS label");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SparkErrors.unwrapped(() ->
                label.select(AtlasTables.column(label, "t", AtlasTables.LABEL)).collectAsList()));
        assertEquals("t: id 3: 'label' 2147483648 is beyond int32", e.getMessage());
        double max = Float.MAX_VALUE;
        Dataset<Row> fits = spark.sql("SELECT 1L AS id, array(" + max + "D, " + (-max) + "D) AS vector");
        assertEquals(Float.MAX_VALUE, (Float) fits.select(AtlasTables.column(fits, "t", AtlasTables.VECTOR)).first()
                .getList(0).get(0));
        Dataset<Row> beyond = spark.sql("SELECT 1L AS id, array(1D, " + Math.nextUp(max) + "D) AS vector");
        e = assertThrows(InvalidInputException.class, () -> SparkErrors.unwrapped(() ->
                beyond.select(AtlasTables.column(beyond, "t", AtlasTables.VECTOR)).collectAsList()));
        assertTrue(e.getMessage().startsWith("t: id 1: the vector has a value beyond float32"), e.getMessage());
    }

    /**
     * Each vector check on float, double and integer elements: a null element, a NaN (also beside a
     * null), an infinity either way; a clean vector passes, as float32.
     */
    @Test
    void everyVectorCheckFiresOnEachElementType() {
        String[][] cases = {
            {"array(1F, CAST(NULL AS FLOAT))", "the vector has a null element"},
            {"array(CAST(NULL AS DOUBLE), 2D)", "the vector has a null element"},
            {"array(1, CAST(NULL AS INT))", "the vector has a null element"},
            {"array(1F, CAST('NaN' AS FLOAT))", "the vector has a NaN"},
            {"array(CAST('NaN' AS DOUBLE), CAST(NULL AS DOUBLE))", "the vector has a NaN"},
            {"array(CAST('Infinity' AS FLOAT), 1F)", "the vector has a value beyond float32"},
            {"array(1F, CAST('-Infinity' AS FLOAT))", "the vector has a value beyond float32"},
            {"array(CAST(NULL AS FLOAT), CAST('Infinity' AS FLOAT))", "the vector has a null element"},
            {"array(1D, CAST('-Infinity' AS DOUBLE))", "the vector has a value beyond float32"},
            {"array(-1e39D, 0D)", "the vector has a value beyond float32"},
        };
        for (String[] c : cases) {
            Dataset<Row> table = spark.sql("SELECT 9L AS id, " + c[0] + " AS vector");
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> SparkErrors.unwrapped(() ->
                    table.select(AtlasTables.column(table, "t", AtlasTables.VECTOR)).collectAsList()), c[0]);
            assertEquals("t: id 9: " + c[1], e.getMessage().substring(0, Math.min(e.getMessage().length(),
                    ("t: id 9: " + c[1]).length())), c[0]);
        }
        for (String clean : List.of("array(1F, -2.5F)", "array(1D, -2.5D)", "array(1L, -2L)", "CAST(array() AS array<float>)")) {
            Dataset<Row> table = spark.sql("SELECT 9L AS id, " + clean + " AS vector");
            List<Object> vector = table.select(AtlasTables.column(table, "t", AtlasTables.VECTOR)).first().getList(0);
            assertEquals(clean.startsWith("CAST") ? List.of() : List.of(1f, clean.contains("2L") ? -2f : -2.5f), vector, clean);
        }
        // the largest float32 magnitudes are values, not infinities
        Dataset<Row> largest = spark.sql("SELECT 9L AS id, array(CAST('3.4028235E38' AS FLOAT), CAST('-3.4028235E38' AS FLOAT)) AS vector");
        assertEquals(List.of(Float.MAX_VALUE, -Float.MAX_VALUE),
                largest.select(AtlasTables.column(largest, "t", AtlasTables.VECTOR)).first().getList(0));
    }

    @Test
    void aColumnOfTheWrongTypeFailsOnTheDriver() {
        Dataset<Row> table = spark.sql("SELECT 1.5D AS id");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> AtlasTables.column(table, "t", AtlasTables.ID));
        assertEquals("t: column 'id' has type double, expected an integer type (int64)", e.getMessage());
        assertInstanceOf(InvalidInputException.class, e);
    }

    /** A cause that Java serialization refuses. */
    private static final class Unserializable extends RuntimeException {
        private static final long serialVersionUID = 1L;
        @SuppressWarnings("unused")
        private final Thread thread = Thread.currentThread();
    }
}
