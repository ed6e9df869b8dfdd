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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two 2-D charts, the second a 90-degree rotation of the first: anchors (ids 1, 2) are the unit axes,
 * sample 3 is (3, 4) so its cosines are (0.6, 0.8) in both charts (by hand); sample 4 is only in chart b.
 */
class MergeCommandTest {
    private static int run(StringWriter out, StringWriter err, String... args) {
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void mergesTwoRotatedChartsIntoTheSameAtlas(@TempDir Path dir) throws Exception {
        Npy.writeMatrix(dir.resolve("a.npy"), new float[] {1, 0, 0, 1, 3, 4}, 3, 2);
        Npy.writeLongs(dir.resolve("a.ids.npy"), new long[] {1, 2, 3});
        // rotation by 90 degrees: (x, y) -> (-y, x), and a scale of 2
        Npy.writeMatrix(dir.resolve("b.npy"), new float[] {-8, 6, 0, 2, -2, 0, 0, 2}, 4, 2);
        Npy.writeLongs(dir.resolve("b.ids.npy"), new long[] {3, 1, 2, 4});
        Npy.writeLongs(dir.resolve("anchors.npy"), new long[] {1, 2});
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = run(out, err, "merge", "--space", "a=" + dir.resolve("a.npy") + ":" + dir.resolve("a.ids.npy"),
                "--space", "b=" + dir.resolve("b.npy") + ":" + dir.resolve("b.ids.npy"),
                "--anchors", dir.resolve("anchors.npy").toString(), "--out", dir.resolve("atlas").toString());
        assertEquals(0, status, err.toString());
        Path atlas = dir.resolve("atlas");
        assertArrayEquals(new long[] {1, 2, 3, 4}, Npy.readLongs(atlas.resolve("atlas.ids.npy")));
        // id 4 = (0, 2) in chart b, where anchor 1 is (0, 2) and anchor 2 is (-2, 0): cosines (1, 0)
        assertArrayEquals(new float[] {1, 0, 0, 1, 0.6f, 0.8f, 1, 0}, Npy.readMatrix(atlas.resolve("atlas.npy")).data(), 1e-6f);
        assertArrayEquals(new long[] {2, 2, 2, 1}, Npy.readLongs(atlas.resolve("atlas.coverage.npy")));
        JsonNode summary = new ObjectMapper().readTree(atlas.resolve("summary.json").toFile());
        assertEquals("cosine", summary.at("/configuration/similarity").asText());
        assertEquals(3, summary.at("/atlas/coverageHistogram/2").asInt());
        assertEquals(1, summary.at("/atlas/coverageHistogram/1").asInt());
        assertTrue(summary.at("/versions/engine").asText().startsWith("PyTorch"), summary.toString());
        assertTrue(out.toString().contains("4 ids x 2 anchors from 2 spaces"), out.toString());
    }

    /** --block-rows streams the same merge (atlas-core's OutOfCoreMerge): the same files and summary. */
    @Test
    void mergesOutOfCoreLikeInMemory(@TempDir Path dir) throws Exception {
        Npy.writeMatrix(dir.resolve("a.npy"), new float[] {1, 0, 0, 1, 3, 4}, 3, 2);
        Npy.writeLongs(dir.resolve("a.ids.npy"), new long[] {1, 2, 3});
        Npy.writeMatrix(dir.resolve("b.npy"), new float[] {-8, 6, 0, 2, -2, 0, 0, 2}, 4, 2);
        Npy.writeLongs(dir.resolve("b.ids.npy"), new long[] {3, 1, 2, 4});
        Npy.writeLongs(dir.resolve("anchors.npy"), new long[] {1, 2});
        String[] common = {"merge", "--space", "a=" + dir.resolve("a.npy") + ":" + dir.resolve("a.ids.npy"),
            "--space", "b=" + dir.resolve("b.npy") + ":" + dir.resolve("b.ids.npy"),
            "--anchors", dir.resolve("anchors.npy").toString()};
        StringWriter err = new StringWriter();
        assertEquals(0, run(new StringWriter(), err, concat(common, "--out", dir.resolve("memory").toString())),
                err.toString());
        StringWriter out = new StringWriter();
        assertEquals(0, run(out, err, concat(common, "--block-rows", "1", "--out", dir.resolve("streamed").toString())),
                err.toString());
        assertTrue(out.toString().contains("4 ids x 2 anchors from 2 spaces (ids covered by: 1 in 1, 3 in 2)"),
                out.toString());
        for (String file : new String[] {"atlas.ids.npy", "atlas.coverage.npy"}) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("memory").resolve(file)),
                    Files.readAllBytes(dir.resolve("streamed").resolve(file)), file);
        }
        assertArrayEquals(Npy.readMatrix(dir.resolve("memory").resolve("atlas.npy")).data(),
                Npy.readMatrix(dir.resolve("streamed").resolve("atlas.npy")).data(), 1e-6f);
        JsonNode summary = new ObjectMapper().readTree(dir.resolve("streamed").resolve("summary.json").toFile());
        assertEquals(1, summary.at("/blockRows").asInt());
        assertEquals(4, summary.at("/spaces/1/rows").asInt());
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

    @Test
    void selectAnchorsChoosesAmongTheCommonIdsInTheReferenceAndWritesThem(@TempDir Path dir) throws Exception {
        // a: ids 0..39 on a line (x = id); b: ids 20..59, the same points scaled by 5
        float[] a = new float[40 * 2];
        float[] b = new float[40 * 2];
        for (int i = 0; i < 40; i++) {
            a[2 * i] = i;
            a[2 * i + 1] = 1;
            b[2 * i] = 5 * (i + 20);
            b[2 * i + 1] = 5;
        }
        Npy.writeMatrix(dir.resolve("a.npy"), a, 40, 2);
        Npy.writeLongs(dir.resolve("a.ids.npy"), java.util.stream.LongStream.range(0, 40).toArray());
        Npy.writeMatrix(dir.resolve("b.npy"), b, 40, 2);
        Npy.writeLongs(dir.resolve("b.ids.npy"), java.util.stream.LongStream.range(20, 60).toArray());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = run(out, err, "merge", "--space", "a=" + dir.resolve("a.npy") + ":" + dir.resolve("a.ids.npy"),
                "--space", "b=" + dir.resolve("b.npy") + ":" + dir.resolve("b.ids.npy"), "--select-anchors", "3",
                "--strategy", "farthest", "--reference", "b", "--anchor-seed", "7", "--out", dir.resolve("atlas").toString());
        assertEquals(0, status, err.toString());
        long[] anchors = Npy.readLongs(dir.resolve("atlas").resolve("anchors.ids.npy"));
        latentatlas.space.LatentSpace spaceA = latentatlas.space.LatentSpaces.load(dir.resolve("a.npy"),
                dir.resolve("a.ids.npy"), null);
        latentatlas.space.LatentSpace spaceB = latentatlas.space.LatentSpaces.load(dir.resolve("b.npy"),
                dir.resolve("b.ids.npy"), null);
        assertArrayEquals(latentatlas.anchors.AnchorSelection.amongCommonIds(latentatlas.anchors.AnchorStrategy.FARTHEST,
                java.util.List.of(spaceA, spaceB), spaceB, 3, 7), anchors, "the library's choice, measured in b");
        for (long id : anchors) {
            assertTrue(id >= 20 && id < 40, "anchor " + id + " is not in both spaces");
        }
        JsonNode summary = new ObjectMapper().readTree(dir.resolve("atlas").resolve("summary.json").toFile());
        assertEquals("farthest", summary.at("/anchors/selection/strategy").asText());
        assertEquals("b", summary.at("/anchors/selection/reference").asText());
        assertEquals(7, summary.at("/anchors/selection/seed").asLong());
        assertTrue(out.toString().contains("60 ids x 3 anchors from 2 spaces"), out.toString());
    }

    @Test
    void aMissingAnchorIsAOneLineErrorWithStatus2(@TempDir Path dir) {
        Npy.writeMatrix(dir.resolve("a.npy"), new float[] {1, 0, 0, 1}, 2, 2);
        Npy.writeLongs(dir.resolve("a.ids.npy"), new long[] {1, 2});
        Npy.writeLongs(dir.resolve("anchors.npy"), new long[] {1, 5});
        StringWriter err = new StringWriter();
        int status = run(new StringWriter(), err, "merge", "--space", "a=" + dir.resolve("a.npy") + ":"
                + dir.resolve("a.ids.npy"), "--anchors", dir.resolve("anchors.npy").toString(), "--similarity", "ANGULAR",
                "--out", dir.resolve("atlas").toString());
        assertEquals(Main.USER_ERROR, status);
        assertTrue(err.toString().contains("anchor id 5 is not among its 2 ids"), err.toString());
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        assertFalse(Files.exists(dir.resolve("atlas").resolve("atlas.npy")));
    }

    @Test
    void libraryErrorsGetTheFlagName(@TempDir Path dir) {
        Npy.writeMatrix(dir.resolve("a.npy"), new float[] {1, 0, 0, 1}, 2, 2);
        Npy.writeLongs(dir.resolve("a.ids.npy"), new long[] {1, 2});
        Npy.writeLongs(dir.resolve("twice.npy"), new long[] {1, 2, 1});
        Npy.writeLongs(dir.resolve("anchors.npy"), new long[] {1, 2});
        String space = "a=" + dir.resolve("a.npy") + ":" + dir.resolve("a.ids.npy");
        StringWriter err = new StringWriter();
        assertEquals(Main.USER_ERROR, run(new StringWriter(), err, "merge", "--space", space, "--anchors",
                dir.resolve("twice.npy").toString(), "--out", dir.resolve("atlas").toString()));
        assertEquals("atlas merge: --anchors " + dir.resolve("twice.npy") + ": anchor id 1 appears twice: anchor ids"
                + " must be unique", err.toString().strip());
        err = new StringWriter();
        assertEquals(Main.USER_ERROR, run(new StringWriter(), err, "merge", "--space", space, "--space", space,
                "--anchors", dir.resolve("anchors.npy").toString(), "--out", dir.resolve("atlas").toString()));
        assertEquals("atlas merge: --space: chart name 'a' is given twice: name every chart once", err.toString().strip());
    }
}
