package latentatlas.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import latentatlas.io.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code atlas compare} end to end on files. B holds A's rows in reverse order with their ids, so
 * once joined by id the two spaces are identical: neighbourhoods agree exactly (Jaccard = MRR = 1),
 * and both spaces get the same class metrics. Two tight, far-apart classes make every classifier and
 * k-means perfect; the separability is computed by hand.
 */
class CompareCommandTest {
    @TempDir
    Path dir;

    private static final int N = 40;

    /** Class c = i % 2; row i at (10 c + 0.1 i, 10 c + 0.01 i^2 / 4, 1). */
    private void writeSpaces() {
        float[] a = new float[N * 3];
        float[] b = new float[N * 3];
        long[] ids = new long[N];
        long[] reversed = new long[N];
        int[] labels = new int[N];
        for (int i = 0; i < N; i++) {
            int c = i % 2;
            float[] row = {10 * c + 0.1f * i, 10 * c + 0.0025f * i * i, 1};
            System.arraycopy(row, 0, a, i * 3, 3);
            System.arraycopy(row, 0, b, (N - 1 - i) * 3, 3);
            ids[i] = 100 + i;
            reversed[N - 1 - i] = 100 + i;
            labels[i] = 3 + 4 * c;
        }
        Npy.writeMatrix(dir.resolve("a.npy"), a, N, 3);
        Npy.writeLongs(dir.resolve("a.ids.npy"), ids);
        Npy.writeInts(dir.resolve("a.labels.npy"), labels);
        Npy.writeMatrix(dir.resolve("b.npy"), b, N, 3);
        Npy.writeLongs(dir.resolve("b.ids.npy"), reversed);
    }

    private static double handSeparability() {
        double[][] mean = new double[2][3];
        double[] spread = new double[2];
        for (int i = 0; i < N; i++) {
            int c = i % 2;
            mean[c][0] += (10 * c + 0.1f * i) / (N / 2.0);
            mean[c][1] += (10 * c + 0.0025f * i * i) / (N / 2.0);
            mean[c][2] += 1.0 / (N / 2.0);
        }
        for (int i = 0; i < N; i++) {
            int c = i % 2;
            spread[c] += Math.hypot((10 * c + 0.1f * i) - mean[c][0], (10 * c + 0.0025f * i * i) - mean[c][1])
                    / (N / 2.0);
        }
        return Math.hypot(mean[1][0] - mean[0][0], mean[1][1] - mean[0][1]) / ((spread[0] + spread[1]) / 2);
    }

    @Test
    void identicalSpacesJoinedByIdAgreeEverywhere() throws Exception {
        writeSpaces();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path json = dir.resolve("out/compare.json");
        int status = Main.run(new PrintWriter(out), new PrintWriter(err), "compare",
                dir.resolve("a.npy").toString(), dir.resolve("b.npy").toString(), "--k", "5",
                "--classes", "3", "--json", json.toString());
        assertEquals(0, status, err.toString());
        assertTrue(out.toString().contains("40 common ids"), out.toString());
        JsonNode metrics = new ObjectMapper().readTree(json.toFile()).get("metrics");
        assertEquals(1.0, metrics.get("neighbourhood.jaccard@5").asDouble(), 1e-12);
        assertEquals(1.0, metrics.get("neighbourhood.mrr").asDouble(), 1e-12);
        assertEquals(1.0, metrics.get("cka.linear").asDouble(), 1e-9);
        for (String space : new String[] {"a", "b"}) {
            assertEquals(handSeparability(), metrics.get(space + ".separability").asDouble(), 1e-9);
            assertEquals(1.0, metrics.get(space + ".centroid_accuracy").asDouble(), 0);
            assertEquals(1.0, metrics.get(space + ".centroid_accuracy.classes").asDouble(), 0);
            assertEquals(1.0, metrics.get(space + ".knn_accuracy.other_classes").asDouble(), 0);
            assertEquals(1.0, metrics.get(space + ".kmeans.v_measure").asDouble(), 1e-12);
            assertEquals(Math.log(2), metrics.get(space + ".kmeans.mutual_info").asDouble(), 1e-12);
        }
        assertEquals(metrics.get("a.class_silhouette").asDouble(), metrics.get("b.class_silhouette").asDouble(), 1e-6);
    }

    @Test
    void mismatchedIdsFileIsAOneLineErrorWithStatus2() {
        writeSpaces();
        Npy.writeLongs(dir.resolve("short.ids.npy"), new long[] {1, 2, 3});
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path json = dir.resolve("never.json");
        int status = Main.run(new PrintWriter(out), new PrintWriter(err), "compare",
                dir.resolve("a.npy").toString(), dir.resolve("b.npy").toString(),
                "--ids-b", dir.resolve("short.ids.npy").toString(), "--json", json.toString());
        assertEquals(Main.USER_ERROR, status);
        String message = err.toString().trim();
        assertTrue(message.startsWith("atlas compare: ") && message.contains("3 ids for the 40 rows"), message);
        assertEquals(1, message.lines().count(), message);
        assertFalse(Files.exists(json));
    }

    /**
     * Scaled copies are the same space to every scale-invariant metric: CKA 1, not the 0 that float32
     * Grams of {@code 1e20 x} gave (they overflowed), and not 1.0000001 either (clamped to [0, 1]).
     */
    @Test
    void scaledCopiesHaveCkaOne() throws Exception {
        java.util.Random random = new java.util.Random(3);
        float[] x = new float[N * 5];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        for (double scale : new double[] {1e20, 1e-30, 1}) {
            float[] scaled = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                scaled[i] = (float) (x[i] * scale);
            }
            Npy.writeMatrix(dir.resolve("x.npy"), x, N, 5);
            Npy.writeMatrix(dir.resolve("scaled.npy"), scaled, N, 5);
            Path json = dir.resolve("cka.json");
            CliRun run = CliRun.run("compare", dir.resolve("x.npy").toString(), dir.resolve("scaled.npy").toString(),
                    "--json", json.toString());
            assertEquals(0, run.status(), run.err());
            assertTrue(run.out().matches("(?s).*cka\\.linear\\s+1\\.000000\\n.*"), scale + ": " + run.out());
            double cka = new ObjectMapper().readTree(json.toFile()).get("metrics").get("cka.linear").asDouble();
            assertEquals(1.0, cka, 1e-6, "scale " + scale);
            assertTrue(cka <= 1.0, "CKA in [0, 1]: " + cka);
        }
    }

    /** --block-rows streams linear CKA from the files (atlas-core's OutOfCoreCka): 1 for spaces equal by id. */
    @Test
    void streamsCkaOutOfCore() throws Exception {
        writeSpaces();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), "compare",
                dir.resolve("a.npy").toString(), dir.resolve("b.npy").toString(), "--block-rows", "3",
                "--json", dir.resolve("m.json").toString());
        assertEquals(0, status, err.toString());
        assertTrue(out.toString().contains("out of core, blocks of 3 rows): 40 common ids"), out.toString());
        JsonNode json = new ObjectMapper().readTree(dir.resolve("m.json").toFile());
        assertEquals(1.0, json.at("/metrics/cka.linear").asDouble(), 1e-6);
        assertEquals(3, json.at("/inputs/block_rows").asInt());
        assertFalse(json.at("/metrics").has("neighbourhood.mrr"));
    }
}
