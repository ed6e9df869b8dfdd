package latentatlas.atlas;

import latentatlas.InvalidInputException;
import latentatlas.TestSpaces;
import latentatlas.io.Npy;
import latentatlas.space.LatentSpace;
import latentatlas.space.LatentSpaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The deployable atlas and the aggregations against fixtures/model/make_model.py (numpy and scipy, float64,
 * from the definitions of docs/method.md §2 and §9): three charts a (width 6), b (width 6), c (width 4)
 * over overlapping ids, 20 anchors in shuffled column order. Tolerance: {@code 1e-5 max(1, |expected|)}
 * per value (float32 inputs and outputs).
 */
class AtlasModelTest {
    private static final double TOLERANCE = 1e-5;

    private static LatentSpace chart(String name) {
        Path dir = TestSpaces.fixture("model");
        return LatentSpaces.load(dir.resolve(name + ".npy"), dir.resolve(name + ".ids.npy"), null);
    }

    private static long[] anchors() {
        return Npy.readLongs(TestSpaces.fixture("model/anchors.npy"));
    }

    private static AtlasBuilder builder(Aggregation aggregation, String... charts) {
        AtlasBuilder b = AtlasBuilder.builder().setAnchors(anchors()).optAggregation(aggregation);
        for (String c : charts) {
            b.addChart(c, chart(c));
        }
        return b;
    }

    private static void assertClose(String fixture, float[] got) {
        Npy.Matrix expected = TestSpaces.matrix("model/" + fixture);
        assertEquals(expected.data().length, got.length, fixture + " size");
        double worst = 0;
        for (int i = 0; i < got.length; i++) {
            double e = expected.data()[i];
            worst = Math.max(worst, Math.abs(got[i] - e) / Math.max(1, Math.abs(e)));
        }
        assertTrue(worst < TOLERANCE, fixture + ": max error " + worst);
    }

    private static List<ChartSpace> inputs(String... charts) {
        return java.util.Arrays.stream(charts).map(c -> new ChartSpace(c, chart(c))).toList();
    }

    /** The acceptance check: new vectors of a chart get numpy's cosine relative projection on its anchors. */
    @Test
    void newVectorsOfAChartGetNumpysCosineProjection(@TempDir Path dir) {
        builder(Aggregation.MEAN, "a", "b", "c").fit().model().save(dir.resolve("model"));
        AtlasModel model = AtlasModel.load(dir.resolve("model"));
        Npy.Matrix fresh = TestSpaces.matrix("model/new_a.npy");
        LatentSpace rows = LatentSpace.of("new", java.util.stream.LongStream.range(0, fresh.rows()).toArray(),
                fresh.data(), fresh.cols(), null);
        LatentSpace rel = model.transform("a", rows);
        assertEquals(20, rel.dim());
        assertClose("new_a_relative.npy", rel.rawVectors());
        // one chart through the merge: its relative coordinates, rows in the given order
        Atlas one = model.transform(List.of(new ChartSpace("a", rows)));
        assertArrayEquals(rel.rawVectors(), one.space().rawVectors());
        assertArrayEquals(rows.ids(), one.space().ids());
    }

    @Test
    void everyAggregationMatchesItsNumpyReference() {
        long[] ids = Npy.readLongs(TestSpaces.fixture("model/mean.ids.npy"));
        Atlas mean = builder(Aggregation.MEAN, "a", "b", "c").build();
        assertArrayEquals(ids, mean.space().ids());
        assertClose("mean.npy", mean.space().rawVectors());

        FittedAtlas shifted = builder(Aggregation.SHIFTED_MEAN, "a", "b", "c").fit();
        for (String c : List.of("a", "b", "c")) {
            assertClose("shift_" + c + ".npy", shifted.model().shift(c));
        }
        assertEquals(30, shifted.model().shiftIdCount());
        assertArrayEquals(ids, shifted.merge().space().ids());
        assertClose("shifted-mean.npy", shifted.merge().space().rawVectors());

        Atlas procrustes = builder(Aggregation.PROCRUSTES, "a", "b").build();
        assertArrayEquals(Npy.readLongs(TestSpaces.fixture("model/procrustes.ids.npy")), procrustes.space().ids());
        assertEquals(6, procrustes.space().dim());
        assertClose("procrustes.npy", procrustes.space().rawVectors());

        Atlas lstsq = builder(Aggregation.LSTSQ, "a", "b", "c").build();
        assertArrayEquals(ids, lstsq.space().ids());
        assertClose("lstsq.npy", lstsq.space().rawVectors());

        // 5 anchors for a 6-wide chart: numpy's minimum-norm solution
        Atlas few = AtlasBuilder.builder().setAnchors(Npy.readLongs(TestSpaces.fixture("model/few_anchors.npy")))
                .optAggregation(Aggregation.LSTSQ).addChart("a", chart("a")).addChart("b", chart("b")).build();
        assertClose("lstsq_few.npy", few.space().rawVectors());
    }

    /** The shift's defining properties: it sums to 0 over the charts, so a row every chart holds keeps its mean. */
    @Test
    void shiftsSumToZeroAndKeepTheSharedRows() {
        FittedAtlas fitted = builder(Aggregation.MEAN, "a", "b", "c").fit();
        Map<String, float[]> shifts = fitted.shifts(anchors());
        for (int j = 0; j < 20; j++) {
            double sum = 0;
            for (float[] s : shifts.values()) {
                sum += s[j];
            }
            assertEquals(0, sum, 1e-6);
        }
        Atlas mean = fitted.merge();
        Atlas shifted = builder(Aggregation.SHIFTED_MEAN, "a", "b", "c").optShiftIds(anchors()).fit().merge();
        int row = mean.space().rowOf(anchors()[0]);
        assertArrayEquals(mean.space().row(row), shifted.space().row(row), 1e-6f);
        assertFalse(fitted.model().hasShifts());
        assertThrows(InvalidInputException.class, () -> fitted.model().shift("a"));
    }

    /** Charts whose rows share no id: the shifts fall back to the anchors, which every chart embeds. */
    @Test
    void disjointRowsShiftOnTheAnchors() {
        long[] a = java.util.stream.LongStream.range(0, 15).toArray();
        long[] b = java.util.stream.LongStream.range(45, 60).toArray();
        FittedAtlas fitted = AtlasBuilder.builder().setAnchors(anchors()).optAggregation(Aggregation.SHIFTED_MEAN)
                .addChart("a", chart("a").select("a rows", a), chart("a"))
                .addChart("b", chart("b").select("b rows", b), chart("b")).fit();
        assertEquals(20, fitted.model().shiftIdCount());
        Map<String, float[]> onAnchors = AtlasBuilder.builder().setAnchors(anchors()).addChart("a", chart("a"))
                .addChart("b", chart("b")).fit().shifts(anchors());
        assertArrayEquals(onAnchors.get("b"), fitted.model().shift("b"), 1e-7f);
    }

    /** The model's transform of the fitted rows is the fitted merge, value for value, under every aggregation. */
    @Test
    void transformingTheFittedRowsReproducesTheMerge(@TempDir Path dir) {
        for (Aggregation aggregation : Aggregation.values()) {
            String[] charts = aggregation == Aggregation.PROCRUSTES ? new String[] {"a", "b"} : new String[] {"a", "b", "c"};
            FittedAtlas fitted = builder(aggregation, charts).fit();
            Atlas merged = fitted.merge();
            Path folder = dir.resolve(aggregation.toString());
            fitted.model().save(folder, Map.of("test", "AtlasModelTest"));
            for (AtlasModel model : List.of(fitted.model(), AtlasModel.load(folder))) {
                Atlas again = model.transform(inputs(charts));
                assertArrayEquals(merged.space().ids(), again.space().ids(), aggregation.toString());
                assertArrayEquals(merged.space().rawVectors(), again.space().rawVectors(), aggregation.toString());
                assertArrayEquals(merged.coverage(), again.coverage(), aggregation.toString());
                assertEquals(aggregation, model.aggregation());
                assertEquals(List.of(charts), model.charts());
                assertArrayEquals(anchors(), model.anchorIds());
            }
        }
    }

    @Test
    void theReferenceChartIsTheFirstUnlessNamed() {
        AtlasModel first = builder(Aggregation.LSTSQ, "a", "b", "c").fit().model();
        assertEquals("a", first.reference().orElseThrow());
        assertEquals(Translation.Kind.IDENTITY, first.translation("a").kind());
        AtlasModel intoC = builder(Aggregation.LSTSQ, "a", "b", "c").optReference("c").fit().model();
        assertEquals(4, intoC.outputWidth());
        String unknown = assertThrows(InvalidInputException.class,
                () -> builder(Aggregation.LSTSQ, "a", "b").optReference("z").fit()).getMessage();
        assertEquals("reference chart 'z': expected one of the charts [a, b]", unknown);
        String widths = assertThrows(InvalidInputException.class, () -> builder(Aggregation.PROCRUSTES, "a", "c").fit())
                .getMessage();
        assertTrue(widths.startsWith("procrustes: width 4 of ") && widths.endsWith("use lstsq"), widths);
    }

    @Test
    void transformRefusesUnknownChartsWrongWidthsAndRepeats() {
        AtlasModel model = builder(Aggregation.MEAN, "a", "b").fit().model();
        assertEquals("chart 'c': expected one of [a, b], found no chart of that name",
                assertThrows(InvalidInputException.class, () -> model.transform("c", chart("c"))).getMessage());
        assertEquals("chart b: expected vectors of width 6 (the width it was fitted with), found width 4",
                assertThrows(InvalidInputException.class, () -> model.transform(List.of(new ChartSpace("b", chart("c")))))
                        .getMessage());
        assertEquals("chart 'a' is given twice: give each chart's vectors once",
                assertThrows(InvalidInputException.class, () -> model.transform(inputs("a", "a"))).getMessage());
    }

    @Test
    void aDamagedOrHostileModelFolderIsOneLine(@TempDir Path dir) throws IOException {
        Path folder = dir.resolve("model");
        builder(Aggregation.SHIFTED_MEAN, "a", "b").fit().model().save(folder);
        String json = Files.readString(folder.resolve("model.json"));

        assertLoadFails(dir.resolve("none"), "no such folder");
        Files.writeString(folder.resolve("model.json"), "{ not json");
        assertLoadFails(folder, "model.json is not valid JSON");
        Files.writeString(folder.resolve("model.json"), json.replace("\"latent-atlas model\"", "\"other\""));
        assertLoadFails(folder, "format: expected 'latent-atlas model', found 'other'");
        Files.writeString(folder.resolve("model.json"), json.replace("\"name\" : \"b\"", "\"name\" : \"../b\""));
        assertLoadFails(folder, "chart name '../b' cannot be a file name");
        Files.writeString(folder.resolve("model.json"), json.replace("\"aggregation\" : \"shifted-mean\"",
                "\"aggregation\" : \"median\""));
        assertLoadFails(folder, "aggregation: expected one of mean, first, shifted-mean, procrustes, lstsq, found 'median'");
        Files.writeString(folder.resolve("model.json"), json);

        byte[] anchorsB = Files.readAllBytes(folder.resolve("b.anchors.npy"));
        Files.write(folder.resolve("b.anchors.npy"), java.util.Arrays.copyOf(anchorsB, anchorsB.length - 4));
        assertLoadFails(folder, "b.anchors.npy does not match its SHA-256 in model.json");
        Files.delete(folder.resolve("b.anchors.npy"));
        assertLoadFails(folder, "b.anchors.npy is missing");

        // a well-formed file of the wrong shape, its fingerprint updated: the shape check names it
        Npy.writeMatrix(folder.resolve("b.anchors.npy"), new float[20 * 5], 20, 5);
        String sha = AtlasModel.sha256(folder.resolve("b.anchors.npy"));
        String patched = json.replaceAll("(\"file\" : \"b\\.anchors\\.npy\",\\s*\"sha256\" : \")[0-9a-f]+", "$1" + sha);
        assertFalse(patched.equals(json));
        Files.writeString(folder.resolve("model.json"), patched);
        assertLoadFails(folder, "b.anchors.npy: expected shape (20, 6) (anchors x the chart's width), found (20, 5)");
    }

    private static void assertLoadFails(Path folder, String part) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> AtlasModel.load(folder));
        assertTrue(e.getMessage().startsWith("model " + folder + ": ") && e.getMessage().contains(part), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertEquals(List.of("model"), e.inputs());
    }

    @Test
    void relativeSpacesAloneMergeOnlyByMeanOrFirst() {
        FittedAtlas fitted = builder(Aggregation.MEAN, "a", "b").fit();
        assertEquals("aggregation lstsq of relative spaces alone: expected mean or first (a shift or a translation is"
                + " fitted by AtlasBuilder)", assertThrows(InvalidInputException.class,
                () -> Atlas.merge(fitted.relativeSpaces(), Aggregation.LSTSQ)).getMessage());
        assertArrayEquals(fitted.merge().space().rawVectors(),
                Atlas.merge(fitted.relativeSpaces(), Aggregation.MEAN).space().rawVectors());
    }

    @Test
    void aggregationNamesParseAsTheCommandLineSpellsThem() {
        assertEquals(Aggregation.SHIFTED_MEAN, Aggregation.parse("shifted-mean"));
        assertEquals("mean, first, shifted-mean, procrustes, lstsq", Aggregation.names());
        assertEquals("expected one of mean, first, shifted-mean, procrustes, lstsq, found 'median'",
                assertThrows(InvalidInputException.class, () -> Aggregation.parse("median")).getMessage());
    }
}
