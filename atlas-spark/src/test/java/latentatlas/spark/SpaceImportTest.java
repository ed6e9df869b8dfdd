package latentatlas.spark;

import latentatlas.space.LatentSpace;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SpaceImport: tables of rows in any order and partitioning come back as spaces by ascending id, every row intact. */
@Tag("real-data")
class SpaceImportTest {
    private static SparkSession spark;

    @BeforeAll
    static void open() {
        spark = SparkSessions.open("local[2,2]", "SpaceImportTest");
    }

    @AfterAll
    static void close() {
        spark.stop();
    }

    /** 3,000 ids (negative and positive, 3 apart) in 7 partitions of a random order; vector and coverage functions of the id. */
    @Test
    void anAtlasInAnyOrderComesBackByAscendingId() {
        SpaceImport.ImportedAtlas atlas = SpaceImport.atlas(spark.sql("SELECT (id - 1500) * 3 AS id,"
                + " array(float(id), float(-id), float(id % 7)) AS vector, cast(id % 5 AS int) AS coverage"
                + " FROM range(3000)").repartition(7).sortWithinPartitions(org.apache.spark.sql.functions.rand(11)), "shuffled");
        LatentSpace space = atlas.space();
        assertEquals(3000, space.size());
        for (int i = 0; i < space.size(); i++) {
            long k = i; // the i-th smallest id is (k - 1500) * 3
            assertEquals((k - 1500) * 3, space.id(i));
            assertArrayEquals(new float[] {k, -k, k % 7}, space.row(i));
            assertEquals((int) (k % 5), atlas.coverage()[i]);
        }
    }

    @Test
    void chartsComeBackByAscendingIdWithTheirLabels() {
        Map<String, LatentSpace> charts = SpaceImport.charts(spark.sql("SELECT IF(id % 2 = 0, 'a', 'b') AS chart,"
                + " 1000 - id AS id, array(float(id), 1F) AS vector, cast(id AS int) AS label FROM range(500)")
                .repartition(5), "charts");
        assertEquals(java.util.List.of("a", "b"), java.util.List.copyOf(charts.keySet()));
        for (LatentSpace space : charts.values()) {
            assertEquals(250, space.size());
            for (int i = 0; i < space.size(); i++) {
                long source = 1000 - space.id(i);
                if (i > 0) {
                    assertTrue(space.id(i - 1) < space.id(i), "ascending ids");
                }
                assertArrayEquals(new float[] {source, 1}, space.row(i));
                assertEquals((int) source, space.labels()[i]);
            }
        }
        assertFalse(SpaceImport.charts(spark.sql("SELECT 'a' AS chart, id, array(1F) AS vector FROM range(3)"), "unlabelled")
                .get("a").hasLabels());
    }
}
