package latentatlas.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import latentatlas.io.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code atlas fit} and {@code atlas transform} on the charts of atlas-core's fixture
 * {@code fixtures/model/} (make_model.py: numpy and scipy, float64): charts a, b (width 6) and c (width 4),
 * 20 anchors.
 */
class FitTransformCommandTest {
    private static final Path FIXTURE = Path.of(System.getProperty("atlas.repo", "..")).toAbsolutePath()
            .resolve("atlas-core/src/test/resources/fixtures/model");

    private static String space(String name) {
        return name + "=" + FIXTURE.resolve(name + ".npy") + ":" + FIXTURE.resolve(name + ".ids.npy");
    }

    private static List<String> spaces(String... names) {
        List<String> args = new ArrayList<>();
        for (String n : names) {
            args.add("--space");
            args.add(space(n));
        }
        return args;
    }

    private static CliRun atlas(List<String> args) {
        return CliRun.run(args.toArray(String[]::new));
    }

    /** The acceptance check through the command line: new vectors of a chart get numpy's cosine projection. */
    @Test
    void fitThenTransformGivesNumpysCosineProjection(@TempDir Path dir) throws Exception {
        List<String> fit = new ArrayList<>(List.of("fit"));
        fit.addAll(spaces("a", "b", "c"));
        fit.addAll(List.of("--anchors", FIXTURE.resolve("anchors.npy").toString(), "--out", dir.resolve("model").toString()));
        CliRun fitted = atlas(fit);
        assertEquals(0, fitted.status(), fitted.err());
        assertTrue(fitted.out().startsWith("model: 3 charts x 20 anchors, aggregation mean -> "), fitted.out());
        JsonNode json = new ObjectMapper().readTree(dir.resolve("model/model.json").toFile());
        assertEquals("latent-atlas model", json.get("format").asText());
        assertEquals("c", json.at("/charts/2/name").asText());
        assertEquals(4, json.at("/charts/2/width").asInt());
        assertTrue(json.at("/provenance/versions/engine").asText().startsWith("PyTorch"), json.toString());

        CliRun transformed = CliRun.run("transform", "--model", dir.resolve("model").toString(),
                "--space", "a=" + FIXTURE.resolve("new_a.npy"), "--out", dir.resolve("new").toString());
        assertEquals(0, transformed.status(), transformed.err());
        Npy.Matrix got = Npy.readMatrix(dir.resolve("new/atlas.npy"));
        Npy.Matrix expected = Npy.readMatrix(FIXTURE.resolve("new_a_relative.npy"));
        assertEquals(15, got.rows());
        assertEquals(20, got.cols());
        double worst = 0;
        for (int i = 0; i < got.data().length; i++) {
            worst = Math.max(worst, Math.abs(got.data()[i] - expected.data()[i]));
        }
        assertTrue(worst < 1e-5, "max error " + worst);
        assertArrayEquals(LongStream.range(0, 15).toArray(), Npy.readLongs(dir.resolve("new/atlas.ids.npy")));
        assertArrayEquals(new int[15], java.util.Arrays.stream(Npy.readInts(dir.resolve("new/atlas.coverage.npy")))
                .map(c -> c - 1).toArray());
    }

    /** Transforming each chart's own fitted rows writes the files of atlas merge, byte for byte, under every aggregation. */
    @Test
    void transformOfTheFittedRowsIsTheMergeByteForByte(@TempDir Path dir) throws Exception {
        for (String aggregation : List.of("mean", "first", "shifted-mean", "procrustes", "lstsq")) {
            String[] charts = aggregation.equals("procrustes") ? new String[] {"a", "b"} : new String[] {"a", "b", "c"};
            Path d = dir.resolve(aggregation);
            List<String> common = new ArrayList<>(spaces(charts));
            common.addAll(List.of("--anchors", FIXTURE.resolve("anchors.npy").toString(), "--aggregation", aggregation));
            List<String> merge = new ArrayList<>(List.of("merge"));
            merge.addAll(common);
            merge.addAll(List.of("--out", d.resolve("merged").toString()));
            CliRun merged = atlas(merge);
            assertEquals(0, merged.status(), merged.err());
            List<String> fit = new ArrayList<>(List.of("fit"));
            fit.addAll(common);
            fit.addAll(List.of("--out", d.resolve("model").toString()));
            assertEquals(0, atlas(fit).status(), aggregation);
            List<String> transform = new ArrayList<>(List.of("transform", "--model", d.resolve("model").toString()));
            transform.addAll(spaces(charts));
            transform.addAll(List.of("--out", d.resolve("transformed").toString()));
            CliRun transformed = atlas(transform);
            assertEquals(0, transformed.status(), transformed.err());
            for (String file : List.of("atlas.npy", "atlas.ids.npy", "atlas.coverage.npy")) {
                assertArrayEquals(Files.readAllBytes(d.resolve("merged").resolve(file)),
                        Files.readAllBytes(d.resolve("transformed").resolve(file)), aggregation + " " + file);
            }
        }
    }

    @Test
    void anUnknownChartOrAWrongWidthIsOneLineAndStatus2(@TempDir Path dir) {
        List<String> fit = new ArrayList<>(List.of("fit"));
        fit.addAll(spaces("a", "b"));
        fit.addAll(List.of("--anchors", FIXTURE.resolve("anchors.npy").toString(), "--out", dir.resolve("model").toString()));
        assertEquals(0, atlas(fit).status());
        CliRun unknown = CliRun.run("transform", "--model", dir.resolve("model").toString(), "--space", space("c"),
                "--out", dir.resolve("x").toString());
        assertEquals(Main.USER_ERROR, unknown.status());
        assertEquals("atlas transform: --space: chart 'c': expected one of [a, b], found no chart of that name",
                unknown.err().strip());
        CliRun width = CliRun.run("transform", "--model", dir.resolve("model").toString(),
                "--space", "b=" + FIXTURE.resolve("c.npy"), "--out", dir.resolve("x").toString());
        assertEquals(Main.USER_ERROR, width.status());
        assertEquals("atlas transform: --space: chart b: expected vectors of width 6 (the width it was fitted with),"
                + " found width 4", width.err().strip());
    }
}
