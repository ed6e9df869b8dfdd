package latentatlas.spark;

import latentatlas.InvalidInputException;
import latentatlas.metrics.LinearCka;
import latentatlas.space.LatentSpace;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.unsafe.hash.Murmur3_x86_32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The distributed comparison against hand-computed values and atlas-core's single-machine CKA. */
@Tag("real-data")
class CompareJobTest {
    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void open() {
        spark = SparkSessions.open("local[2]", "CompareJobTest");
    }

    @AfterAll
    static void close() {
        spark.stop();
    }

    /**
     * Class 0 = (0,0), (2,0): centroid (1,0), mean distance 1; class 1 = (10,0), (10,2): centroid
     * (10,1), mean distance 1. Separability = ||(9,1)|| / ((1 + 1) / 2) = sqrt(82). A space against
     * itself has CKA 1.
     */
    @Test
    void handComputedSeparabilityAndCka() {
        LatentSpace space = LatentSpace.of("a", new long[] {1, 2, 3, 4}, new float[] {0, 0, 2, 0, 10, 0, 10, 2}, 2,
                new int[] {0, 0, 1, 1});
        Comparison result = compare(space, space.withLabels(null));
        assertEquals(4, result.rows());
        assertEquals(1.0, result.linearCka(), 1e-6);
        assertEquals(Math.sqrt(82), result.separabilityA(), 1e-6);
        assertEquals(Math.sqrt(82), result.separabilityB(), 1e-6);
        assertEquals(2, result.classes().size());
        assertEquals(1.0, result.classes().get(0).meanDistanceA(), 1e-9);
        assertEquals(Math.sqrt(101), result.classes().get(1).centroidNormA(), 1e-9);
    }

    @Test
    void equalsTheSingleMachineCkaAndSeparability() {
        Random random = new Random(3);
        int n = 3_000;
        int p = 10;
        int q = 7;
        long[] ids = new long[n];
        int[] labels = new int[n];
        float[] x = new float[n * p];
        float[] y = new float[n * q];
        for (int i = 0; i < n; i++) {
            ids[i] = 5L * i + 1;
            labels[i] = random.nextInt(4);
            for (int j = 0; j < p; j++) {
                x[i * p + j] = (float) (random.nextGaussian() + labels[i] * (j % 3) + 100);
            }
            for (int j = 0; j < q; j++) {
                y[i * q + j] = (float) (0.5 * x[i * p + j] - x[i * p + j + 1] + 0.3 * random.nextGaussian());
            }
        }
        LatentSpace a = LatentSpace.of("a", ids, x, p, labels);
        LatentSpace b = LatentSpace.of("b", ids.clone(), y, q, null);
        // B also holds ids that A lacks: the join keeps the common ones only.
        Comparison result = compare(a, b);

        assertEquals(n, result.rows());
        assertEquals(LinearCka.of(a, b), result.linearCka(), 1e-6);
        assertEquals(separability(a), result.separabilityA(), 1e-6);
        assertEquals(separability(b.withLabels(labels)), result.separabilityB(), 1e-6);
        assertTrue(result.linearCka() > 0.3 && result.linearCka() < 1, "CKA " + result.linearCka());
    }

    /**
     * Partially overlapping spaces, B in reverse order, with more rows per partition than one block of
     * the join: the CKA of the common ids equals the single-machine CKA of those ids, and B's labels
     * stand in for A's where A has none.
     */
    @Test
    void partialOverlapOverSeveralBlocksEqualsTheSingleMachineCka() {
        Random random = new Random(11);
        int n = 200_000;
        int shift = 30_000;
        int p = 4;
        int q = 3;
        float[] z = new float[(n + shift) * p];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) random.nextGaussian();
        }
        long[] idsA = new long[n];
        float[] x = new float[n * p];
        for (int i = 0; i < n; i++) {
            idsA[i] = i;
            System.arraycopy(z, i * p, x, i * p, p);
        }
        long[] idsB = new long[n];
        float[] y = new float[n * q];
        int[] labelsB = new int[n];
        for (int r = 0; r < n; r++) {
            int i = shift + n - 1 - r; // ids shift .. shift + n - 1, descending
            idsB[r] = i;
            labelsB[r] = i % 3;
            for (int j = 0; j < q; j++) {
                y[r * q + j] = (float) (z[i * p + j] - 2 * z[i * p + j + 1] + 0.5 * random.nextGaussian());
            }
        }
        int common = n - shift;
        long[] commonIds = new long[common];
        for (int k = 0; k < common; k++) {
            commonIds[k] = shift + k;
        }
        LatentSpace a = LatentSpace.of("a", idsA, x, p, null);
        LatentSpace b = LatentSpace.of("b", idsB, y, q, labelsB);
        Comparison result = compare(a, b);
        int partitions = IdJoin.partitions(AtlasTables.readSpace(spark, dir.resolve("a.parquet").toString(), null),
                AtlasTables.readSpace(spark, dir.resolve("b.parquet").toString(), null));
        assertTrue(common / partitions > IdJoin.BLOCK_ROWS, partitions + " partitions: under a block of pairs each");

        assertEquals(common, result.rows());
        assertEquals(LinearCka.of(a.select("a", commonIds), b.select("b", commonIds)), result.linearCka(), 1e-6);
        assertEquals(3, result.classes().size());
        assertEquals(0, result.classes().get(0).label());
        assertEquals(56_667, result.classes().get(0).count()); // ids 30,000, 30,003, ..., 199,998
    }

    /**
     * An id twice in B is refused also in a partition where A has no row (the join meets none of B's
     * rows there): A's one id and B's duplicated one are chosen to fall in different partitions for
     * every partition count the join could use (Spark's hash partitioning: pmod(murmur3(id, 42), n)).
     */
    @Test
    void anIdTwiceInBIsRefusedWhereAHasNoRows() {
        long a = 1;
        long b = 2;
        while (!apartForAnyPartitions(a, b)) {
            b++;
        }
        List<Row> rowsA = List.of(RowFactory.create("a", a, new float[] {1, 2}, null));
        float[] v = {3, 4};
        List<Row> rowsB = List.of(RowFactory.create("b", b, v, null), RowFactory.create("b", b, v, null));
        String message = refusal(rowsA, rowsB, "a", "b");
        assertTrue(message.startsWith("compare: in space B, id " + b + " appears twice"), message);
    }

    /** A second row of B with an id of A (found in the index both sides share) is refused as B's. */
    @Test
    void anIdTwiceInBIsRefusedWhereAHasIt() {
        List<Row> rowsA = new ArrayList<>();
        List<Row> rowsB = new ArrayList<>();
        for (long id = 0; id < 20; id++) {
            rowsA.add(RowFactory.create("a", id, new float[] {id, 1}, null));
            rowsB.add(RowFactory.create("b", id, new float[] {1, id * id}, null));
        }
        rowsB.add(RowFactory.create("b", 7L, new float[] {5, 6}, null));
        String message = refusal(rowsA, rowsB, "a20", "b20");
        assertTrue(message.startsWith("compare: in space B, id 7 appears twice"), message);
    }

    /** @return the message of the compare's refusal of two spaces of chart rows, written as NAME_A, NAME_B */
    private String refusal(List<Row> rowsA, List<Row> rowsB, String nameA, String nameB) {
        String pathA = dir.resolve(nameA + ".parquet").toString();
        String pathB = dir.resolve(nameB + ".parquet").toString();
        ParquetOutput.write(spark.createDataFrame(rowsA, AtlasTables.ROWS), pathA);
        ParquetOutput.write(spark.createDataFrame(rowsB, AtlasTables.ROWS), pathB);
        return assertThrows(InvalidInputException.class, () -> SparkErrors.unwrapped(() ->
                CompareJob.compare(AtlasTables.readSpace(spark, pathA, null), AtlasTables.readSpace(spark, pathB, null),
                        PartitionHook.NONE))).getMessage();
    }

    private static boolean apartForAnyPartitions(long a, long b) {
        for (int n = 2; n <= 64; n++) {
            if (Math.floorMod(Murmur3_x86_32.hashLong(a, 42), n) == Math.floorMod(Murmur3_x86_32.hashLong(b, 42), n)) {
                return false;
            }
        }
        return true;
    }

    private Comparison compare(LatentSpace a, LatentSpace b) {
        String pathA = dir.resolve("a.parquet").toString();
        String pathB = dir.resolve("b.parquet").toString();
        ParquetOutput.write(SpaceExport.chartRows(spark, Map.of("a", a)), pathA);
        ParquetOutput.write(SpaceExport.chartRows(spark, Map.of("b", b)), pathB);
        return CompareJob.compare(AtlasTables.readSpace(spark, pathA, null), AtlasTables.readSpace(spark, pathB, null),
                PartitionHook.NONE);
    }

    /** docs/method.md §6, straight from the definition, in double. */
    private static double separability(LatentSpace space) {
        int classes = 4;
        int d = space.dim();
        double[][] centroid = new double[classes][d];
        int[] count = new int[classes];
        for (int i = 0; i < space.size(); i++) {
            count[space.label(i)]++;
            for (int j = 0; j < d; j++) {
                centroid[space.label(i)][j] += space.rawVectors()[i * d + j];
            }
        }
        double[] spread = new double[classes];
        for (int c = 0; c < classes; c++) {
            for (int j = 0; j < d; j++) {
                centroid[c][j] /= count[c];
            }
        }
        for (int i = 0; i < space.size(); i++) {
            spread[space.label(i)] += distance(space.row(i), centroid[space.label(i)]) / count[space.label(i)];
        }
        double total = 0;
        int pairs = 0;
        for (int c1 = 0; c1 < classes; c1++) {
            for (int c2 = c1 + 1; c2 < classes; c2++) {
                double between = 0;
                for (int j = 0; j < d; j++) {
                    between += (centroid[c1][j] - centroid[c2][j]) * (centroid[c1][j] - centroid[c2][j]);
                }
                total += Math.sqrt(between) / ((spread[c1] + spread[c2]) / 2);
                pairs++;
            }
        }
        return total / pairs;
    }

    private static double distance(float[] v, double[] c) {
        double sq = 0;
        for (int j = 0; j < v.length; j++) {
            sq += (v[j] - c[j]) * (v[j] - c[j]);
        }
        return Math.sqrt(sq);
    }
}
