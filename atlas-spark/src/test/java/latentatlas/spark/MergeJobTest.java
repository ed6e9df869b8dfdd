package latentatlas.spark;

import latentatlas.InvalidInputException;
import latentatlas.atlas.Aggregation;
import latentatlas.atlas.Atlas;
import latentatlas.relative.Normalization;
import latentatlas.relative.RelativeProjection;
import latentatlas.relative.RelativeSpace;
import latentatlas.relative.Similarity;
import latentatlas.space.LatentSpace;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The distributed merge against hand-computed values and against atlas-core's single-machine merge. */
@Tag("real-data")
class MergeJobTest {
    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void open() {
        spark = SparkSessions.open("local[2,2]", "MergeJobTest");
    }

    @AfterAll
    static void close() {
        spark.stop();
    }

    /**
     * Two charts in 2-D with anchors 100, 101. Chart a: anchors (1,0), (0,1); id 1 = (3,4) -> cosines
     * (0.6, 0.8); id 2 = (1,1) -> (1/sqrt2, 1/sqrt2). Chart b (rotated by 90 degrees): anchors (0,1),
     * (-1,0); id 1 = (0,5) -> (1, 0). Atlas: id 1 = mean = (0.8, 0.4), coverage 2; id 2 = (0.7071068,
     * 0.7071068), coverage 1.
     */
    @Test
    void handComputedAtlas() {
        Map<String, LatentSpace> charts = new LinkedHashMap<>();
        charts.put("a", LatentSpace.of("a", new long[] {1, 2}, new float[] {3, 4, 1, 1}, 2, null));
        charts.put("b", LatentSpace.of("b", new long[] {1}, new float[] {0, 5}, 2, null));
        Map<String, LatentSpace> anchors = new LinkedHashMap<>();
        anchors.put("a", LatentSpace.of("a", new long[] {100, 101}, new float[] {1, 0, 0, 1}, 2, null));
        anchors.put("b", LatentSpace.of("b", new long[] {100, 101}, new float[] {0, 1, -1, 0}, 2, null));

        SpaceImport.ImportedAtlas atlas = mergeThroughParquet(charts, anchors, PartitionHook.NONE);

        assertArrayEquals(new long[] {1, 2}, atlas.space().ids());
        assertArrayEquals(new int[] {2, 1}, atlas.coverage());
        assertArrayEquals(new float[] {0.8f, 0.4f, 0.70710677f, 0.70710677f}, atlas.space().rawVectors(), 1e-6f);
    }

    @Test
    void equalsTheSingleMachineMerge() {
        Fixture fixture = Fixture.random(3, 600, 12, 8, 11);
        SpaceImport.ImportedAtlas distributed = mergeThroughParquet(fixture.charts, fixture.anchors, PartitionHook.NONE);
        assertSameAtlas(fixture.singleMachine(), distributed);
    }

    @Test
    void aTaskThatFailsOnceIsRetriedAndTheOutputIsUnchanged() throws IOException {
        Fixture fixture = Fixture.random(3, 400, 6, 5, 5);
        Path failed = dir.resolve("failed-once");
        Path retried = dir.resolve("retried");
        PartitionHook failOnce = new FailOnce(failed.toString(), retried.toString());

        SpaceImport.ImportedAtlas distributed = mergeThroughParquet(fixture.charts, fixture.anchors, failOnce);

        assertTrue(Files.exists(failed), "the injected failure ran");
        assertTrue(Files.exists(retried), "Spark retried the failed task");
        assertSameAtlas(fixture.singleMachine(), distributed);
    }

    /**
     * Vectors of three repeated values would be dictionary-encoded by Parquet's default (as the chart
     * names are); ParquetOutput writes the vector elements plainly and keeps the other columns' dictionaries.
     */
    @Test
    void vectorElementsAreWrittenWithoutADictionary() throws IOException {
        String out = dir.resolve("repeated.parquet").toString();
        ParquetOutput.write(spark.sql("SELECT 'c' AS chart, id, array(1F, 2F, 3F) AS vector FROM range(1000)"), out);
        Path file;
        try (var files = Files.list(Path.of(out))) {
            file = files.filter(f -> f.toString().endsWith(".parquet")).findFirst().orElseThrow();
        }
        Map<String, String> encodings = new LinkedHashMap<>();
        try (org.apache.parquet.hadoop.ParquetFileReader reader = org.apache.parquet.hadoop.ParquetFileReader.open(
                org.apache.parquet.hadoop.util.HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toString()),
                        new org.apache.hadoop.conf.Configuration()))) {
            reader.getFooter().getBlocks().get(0).getColumns()
                    .forEach(c -> encodings.put(c.getPath().toDotString(), c.getEncodings().toString()));
        }
        assertTrue(encodings.get("chart").contains("DICTIONARY"), encodings.toString());
        assertTrue(!encodings.get("vector.list.element").contains("DICTIONARY"), encodings.toString());
    }

    @Test
    void chartsWithDifferentAnchorsAreRejected() {
        Map<String, LatentSpace> charts = Map.of("a", LatentSpace.of("a", new long[] {1}, new float[] {1, 2}, 2, null));
        Map<String, LatentSpace> anchors = new LinkedHashMap<>();
        anchors.put("a", LatentSpace.of("a", new long[] {100, 101}, new float[] {1, 0, 0, 1}, 2, null));
        anchors.put("b", LatentSpace.of("b", new long[] {100, 102}, new float[] {1, 0, 0, 1}, 2, null));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> mergeThroughParquet(charts, anchors, PartitionHook.NONE));
        assertTrue(e.getMessage().contains("same anchors"), e.getMessage());
    }

    @Test
    void aChartWithoutAnchorsIsRejected() {
        Map<String, LatentSpace> charts = Map.of("c", LatentSpace.of("c", new long[] {1}, new float[] {1, 2}, 2, null));
        Map<String, LatentSpace> anchors = Map.of("a",
                LatentSpace.of("a", new long[] {100, 101}, new float[] {1, 0, 0, 1}, 2, null));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> mergeThroughParquet(charts, anchors, PartitionHook.NONE));
        assertTrue(e.getMessage().contains("[c]"), e.getMessage());
    }

    private SpaceImport.ImportedAtlas mergeThroughParquet(Map<String, LatentSpace> charts,
                                                          Map<String, LatentSpace> anchors, PartitionHook hook) {
        String rows = dir.resolve("rows.parquet").toString();
        String anchorTable = dir.resolve("anchors.parquet").toString();
        String out = dir.resolve("atlas.parquet").toString();
        ParquetOutput.write(SpaceExport.chartRows(spark, charts), rows);
        ParquetOutput.write(SpaceExport.anchorRows(spark, anchors), anchorTable);
        MergeJob job = MergeJob.builder()
                .setRows(AtlasTables.readChartRows(spark, List.of(rows)))
                .setAnchors(AtlasTables.readAnchors(spark, List.of(anchorTable)))
                .optPartitions(4)
                .optPartitionHook(hook)
                .build();
        ParquetOutput.write(job.atlas(), out);
        return SpaceImport.atlas(spark.read().parquet(out), out);
    }

    private static void assertSameAtlas(Atlas expected, SpaceImport.ImportedAtlas actual) {
        LatentSpace space = expected.space();
        int[] coverage = expected.coverage();
        assertEquals(space.size(), actual.space().size());
        for (int row = 0; row < space.size(); row++) {
            int other = actual.space().rowOf(space.id(row));
            assertTrue(other >= 0, "id " + space.id(row) + " is in the distributed atlas");
            assertEquals(coverage[row], actual.coverage()[other], "coverage of id " + space.id(row));
            assertArrayEquals(space.row(row), actual.space().row(other), 1e-6f, "vector of id " + space.id(row));
        }
    }

    /** Fails the first attempt of partition 0 once (marker file), and records any retry. */
    private record FailOnce(String failedMarker, String retriedMarker) implements PartitionHook {
        @Override
        public void start(int partition, int attempt) {
            try {
                if (attempt > 0) {
                    Files.writeString(Path.of(retriedMarker), "attempt " + attempt);
                } else if (partition == 0 && !Files.exists(Path.of(failedMarker))) {
                    Files.writeString(Path.of(failedMarker), "failed");
                    throw new IllegalStateException("injected failure of partition 0, attempt 0");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Random charts with overlapping ids (each id in a random subset of charts) and their anchors. */
    private record Fixture(Map<String, LatentSpace> charts, Map<String, LatentSpace> anchors) {
        static Fixture random(int chartCount, int ids, int dim, int anchorCount, long seed) {
            Random random = new Random(seed);
            Map<String, LatentSpace> charts = new LinkedHashMap<>();
            Map<String, LatentSpace> anchors = new LinkedHashMap<>();
            long[] anchorIds = new long[anchorCount];
            for (int i = 0; i < anchorCount; i++) {
                anchorIds[i] = 1_000_000L + 7L * i;
            }
            for (int t = 0; t < chartCount; t++) {
                List<Long> chosen = new ArrayList<>();
                for (long id = 0; id < ids; id++) {
                    if (t == 0 || random.nextDouble() < 0.6) {
                        chosen.add(id * 3);
                    }
                }
                charts.put("chart" + t, LatentSpace.of("chart" + t, chosen.stream().mapToLong(Long::longValue).toArray(),
                        gaussian(random, chosen.size() * dim), dim, null));
                anchors.put("chart" + t, LatentSpace.of("anchors" + t, anchorIds.clone(),
                        gaussian(random, anchorCount * dim), dim, null));
            }
            return new Fixture(charts, anchors);
        }

        Atlas singleMachine() {
            List<RelativeSpace> relative = new ArrayList<>();
            charts.forEach((chart, space) -> relative.add(RelativeProjection
                    .fit(anchors.get(chart), Similarity.COSINE, Normalization.NONE).relative(chart, space)));
            return Atlas.merge(relative, Aggregation.MEAN);
        }

        private static float[] gaussian(Random random, int count) {
            float[] values = new float[count];
            for (int i = 0; i < count; i++) {
                values[i] = (float) random.nextGaussian();
            }
            return values;
        }
    }
}
