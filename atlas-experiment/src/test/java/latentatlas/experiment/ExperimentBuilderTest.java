package latentatlas.experiment;

import latentatlas.InvalidInputException;
import latentatlas.dataset.Dataset;
import latentatlas.dataset.ImageShape;
import latentatlas.dataset.Samples;
import latentatlas.evaluation.ChartKind;
import latentatlas.evaluation.ChartKinds;
import latentatlas.evaluation.Membership;
import latentatlas.tasks.DisjointPlanner;
import latentatlas.text.EncodingListener;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The checks of {@link Experiment.Builder} and the chart kinds by name (no training: the run is in {@link ExperimentRunnerTest}). */
class ExperimentBuilderTest {
    /** Four 2x2 grey images per split, classes 0 and 1. */
    private static final Dataset TINY = new Dataset("tiny", List.of("a", "b"),
            Samples.images(new long[] {0, 1, 2, 3}, new int[] {0, 1, 0, 1}, new ImageShape(1, 2, 2), new byte[16]),
            Samples.images(new long[] {4, 5, 6, 7}, new int[] {0, 1, 0, 1}, new ImageShape(1, 2, 2), new byte[16]),
            Map.of(), "tiny-fingerprint", Map.of());

    @Test
    void aMissingDatasetOrSettingIsNamed() {
        InvalidInputException noData = assertThrows(InvalidInputException.class,
                () -> Experiment.builder().setSetting(new DisjointPlanner(2, 1)).build());
        assertEquals("experiment: the dataset is missing; expected one set with setDataset, found none", noData.getMessage());
        assertEquals(List.of("dataset"), noData.inputs());
        InvalidInputException noSetting = assertThrows(InvalidInputException.class,
                () -> Experiment.builder().setDataset(TINY).build());
        assertTrue(noSetting.getMessage().startsWith("experiment: the task setting is missing"), noSetting.getMessage());
        assertEquals(List.of("setting"), noSetting.inputs());
    }

    @Test
    void anUnknownMembershipFailsWhenParsedBeforeAnyExperiment() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Membership.parse("top0-maxprob"));
        assertTrue(e.getMessage().startsWith("membership mode 'top0-maxprob' is unknown; expected oracle, all"), e.getMessage());
        assertEquals(List.of("membership"), e.inputs());
    }

    @Test
    void defaultsAreThoseOfTheCommandLine() {
        Experiment e = Experiment.builder().setDataset(TINY).setSetting(new DisjointPlanner(2, 1)).build();
        assertEquals(Membership.DEFAULT, e.memberships());
        assertSame(TINY, e.dataset());
        assertEquals(42, Experiment.DEFAULT_SEED);
    }

    @Test
    void chartKindsByName() {
        assertEquals("small-cnn", ChartKinds.defaultName(TINY));
        List<ChartKind> kinds = ChartKinds.named(TINY, List.of("small-cnn", "small-cnn"), Path.of("unused"),
                EncodingListener.SILENT);
        assertEquals(2, kinds.size());
        assertSame(kinds.get(0), kinds.get(1), "a name given twice is resolved once");
        assertSame(TINY, kinds.get(0).data());
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ChartKinds.named(TINY, List.of("minilm"), Path.of("unused"), EncodingListener.SILENT));
        assertEquals("chart kind 'minilm': image datasets take the architectures small-cnn, resnet, mlp; encoders"
                + " (minilm, bge, e5) are for texts", e.getMessage());
        List<ChartKind> mixed = ChartKinds.named(TINY, List.of("small-cnn", "resnet", "mlp"), Path.of("unused"),
                EncodingListener.SILENT);
        assertEquals(List.of("small-cnn", "resnet", "mlp"), mixed.stream().map(ChartKind::name).toList());
        assertEquals(List.of("small-cnn", "resnet", "mlp"), mixed.stream().map(k -> k.architecture().name()).toList());
        assertThrows(InvalidInputException.class, () -> Experiment.builder().optChartKinds(kinds.get(0), List.of()));
    }
}
