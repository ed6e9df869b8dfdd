package latentatlas.spark;

import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** AtlasTables.open: the schema it reads from a footer is the one Spark's inference gives. */
@Tag("real-data")
class AtlasTablesTest {
    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void open() {
        spark = SparkSessions.open("local[2,2]", "AtlasTablesTest");
    }

    @AfterAll
    static void close() {
        spark.stop();
    }

    @Test
    void theSchemaOfASparkTableIsTheOneSparkInfers() {
        String rows = dir.resolve("rows.parquet").toString();
        // non-null columns (Spark reads every column of a file as nullable), a nested array, a map
        ParquetOutput.write(spark.sql("SELECT 'c' AS chart, id, array(float(id), 2F) AS vector, cast(id AS int) AS label,"
                + " map('k', id) AS extra FROM range(100)").repartition(3), rows);
        StructType inferred = spark.read().parquet(rows).schema();
        assertEquals(inferred, AtlasTables.open(spark, List.of(rows)).schema());
        // more than one path is left to Spark
        String other = dir.resolve("other.parquet").toString();
        ParquetOutput.write(spark.sql("SELECT id, array(1F) AS vector FROM range(5)"), other);
        assertEquals(spark.read().parquet(rows, other).schema(), AtlasTables.open(spark, List.of(rows, other)).schema());
    }
}
