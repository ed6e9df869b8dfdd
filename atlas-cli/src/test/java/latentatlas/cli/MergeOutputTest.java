package latentatlas.cli;

import latentatlas.io.Npy;
import latentatlas.io.OutputFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code atlas merge --out}: the output folder is swapped in whole, so no file of an older merge survives. */
class MergeOutputTest {
    @TempDir
    Path dir;

    private int merge(boolean labelled) {
        String labels = labelled ? ":" + dir.resolve("a.labels.npy") : "";
        StringWriter err = new StringWriter();
        int status = Main.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), "merge",
                "--space", "a=" + dir.resolve("a.npy") + ":" + dir.resolve("a.ids.npy") + labels,
                "--anchors", dir.resolve("anchors.npy").toString(), "--out", dir.resolve("out").toString());
        assertEquals("", err.toString());
        return status;
    }

    private List<String> entries(Path folder) throws Exception {
        try (Stream<Path> list = Files.list(folder)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aSecondMergeWithoutLabelsLeavesNoOlderLabels() throws Exception {
        Npy.writeMatrix(dir.resolve("a.npy"), new float[] {1, 0, 0, 1, 3, 4}, 3, 2);
        Npy.writeLongs(dir.resolve("a.ids.npy"), new long[] {1, 2, 3});
        Npy.writeInts(dir.resolve("a.labels.npy"), new int[] {0, 1, 1});
        Npy.writeLongs(dir.resolve("anchors.npy"), new long[] {1, 2});
        assertEquals(0, merge(true));
        Path out = dir.resolve("out");
        assertTrue(Files.isRegularFile(out.resolve("atlas.labels.npy")));
        assertEquals(0, merge(false));
        assertFalse(Files.exists(out.resolve("atlas.labels.npy")), "the older labels would lie next to the new atlas");
        assertEquals(List.of(OutputFolder.MARKER, "atlas.coverage.npy", "atlas.ids.npy", "atlas.npy", "summary.json"),
                entries(out));
        assertEquals(List.of("a.ids.npy", "a.labels.npy", "a.npy", "anchors.npy", "out"), entries(dir),
                "nothing left beside the output");
        // an output of an older version, without the marker, is recognised by its files and replaced
        Files.delete(out.resolve(OutputFolder.MARKER));
        assertEquals(0, merge(true));
        assertTrue(Files.isRegularFile(out.resolve("atlas.labels.npy")));
    }
}
