package latentatlas.experiment;

import latentatlas.analyses.SpaceScores;
import latentatlas.evaluation.SpaceKind;
import latentatlas.tasks.Setting;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** results.json written before the typed records (fixtures: see the README beside them) reads and writes back unchanged. */
class RunResultsTest {
    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(RunResultsTest.class.getResource(name).toURI());
    }

    @Test
    void aSharedClassesFileWrittenBeforeRoundTripsByteForByte() throws Exception {
        Path file = fixture("results-shared-classes.json");
        RunResults r = RunResults.read(file);
        assertEquals(Files.readString(file), RunResults.toJson(r));
        assertEquals(Setting.SHARED_CLASSES, r.setting());
        assertEquals(Setting.SHARED_CLASSES, r.provenance().setting());
        assertEquals(42, r.provenance().seed());
        SpaceScores atlas = r.space("atlas [oracle]");
        assertEquals(SpaceKind.ATLAS, atlas.space());
        assertEquals(0.848, atlas.probe().total(), 0.0);
        assertEquals(0.8969072164948454, atlas.probe().shared(), 0.0);
        assertEquals(0.8169934640522876, atlas.probe().novel(), 0.0);
        assertEquals(3000, atlas.rows().train());
        assertNull(atlas.routing(), "the oracle has no routing");
        assertEquals(0.596, r.space("atlas [all]").routing().top1(), 0.0);
        assertEquals(1.774, r.space("atlas [exclusive-claim]").routing().charts(), 0.0);
    }

    @Test
    void aDisjointFileWrittenBeforeRoundTripsByteForByte() throws Exception {
        Path file = fixture("results-disjoint.json");
        RunResults r = RunResults.read(file);
        assertEquals(Files.readString(file), RunResults.toJson(r));
        assertEquals(Setting.DISJOINT, r.setting());
        SpaceScores oneHot = r.space("abs+task-onehot [oracle]");
        assertEquals(SpaceKind.TASK_ONE_HOT, oneHot.space());
        assertNull(oneHot.probe().shared(), "no shared classes in the disjoint setting");
        assertNull(oneHot.probePaper());
    }
}
