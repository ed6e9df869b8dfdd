package latentatlas.experiment;

import latentatlas.stitching.ClassAccuracy;
import latentatlas.stitching.StitchedChart;
import latentatlas.stitching.StitchedHead;
import latentatlas.stitching.StitchingResults;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The deployable and stitching tables on the shared-classes fixture (README beside it), whose label-free
 * spaces have probe totals 0.706 ... 0.838 (naive [exclusive-claim] highest) and whose end-to-end
 * absolute space has 0.825, with hand-made stitching results added (which also read back from JSON).
 */
class DeployableReportTest {
    private static RunResults withStitching(double endToEndClassifier, double chartAccuracy) throws Exception {
        RunResults r = RunResults.read(Path.of(DeployableReportTest.class.getResource("results-shared-classes.json").toURI()));
        ClassAccuracy e2e = new ClassAccuracy(endToEndClassifier, endToEndClassifier, null, 1000);
        StitchedChart endToEnd = new StitchedChart("task-0", new int[] {0, 1, 2}, null,
                new ClassAccuracy(0.7, 0.7, null, 1000), new ClassAccuracy(0.75, 0.75, null, 1000), 3000, 0.2);
        StitchedChart one = new StitchedChart("task-1", new int[] {0, 1}, new ClassAccuracy(0.5, 0.9, 0.0, 1000),
                new ClassAccuracy(chartAccuracy, 0.9, 0.3, 1000), null, 0, null);
        StitchedChart two = new StitchedChart("task-2", new int[] {0, 2}, new ClassAccuracy(0.5, 0.9, 0.0, 1000),
                new ClassAccuracy(0.4, 0.8, 0.1, 1000), new ClassAccuracy(0.45, 0.8, 0.2, 1000), 1500, 0.1);
        StitchingResults s = new StitchingResults(e2e, List.of(new StitchedHead("all",
                new ClassAccuracy(0.714, 0.714, null, 1000), List.of(one, two), endToEnd)));
        RunResults copy = new RunResults(r.format(), r.setting(), r.provenance(), r.charts(), r.spaces(), s, r.timings(),
                r.notes());
        Path file = java.nio.file.Files.createTempFile("results", ".json");
        copy.write(file);
        RunResults read = RunResults.read(file);
        java.nio.file.Files.delete(file);
        assertEquals(RunResults.toJson(copy), RunResults.toJson(read), "stitching reads back");
        return read;
    }

    @Test
    void picksTheBestLabelFreeSpaceAndChartAndComparesWithBothEndToEndNumbers() throws Exception {
        RunResults r = withStitching(0.85, 0.6);
        assertEquals(new DeployableReport.Best("naive [exclusive-claim]", 0.8376550169109357), DeployableReport.bestSpace(r));
        assertEquals(new DeployableReport.Best("task-1 behind head on atlas [all]", 0.6),
                DeployableReport.bestStitched(r.stitching()));
        // the shifted variant lacks task-1's shift, so only the unshifted mean (0.6 + 0.4) / 2 counts
        assertEquals(0.5, DeployableReport.bestMeanStitched(r.stitching()).accuracy(), 1e-12);
        String md = DeployableReport.table(Map.of("shared-classes", r)).markdown();
        assertTrue(md.contains("| 0.825 | 0.850 | naive [exclusive-claim] | 0.838 |") && md.endsWith("| no |\n"),
                "0.838 is above 0.825 but not 0.85: " + md);
        assertTrue(DeployableReport.table(Map.of("s", withStitching(0.83, 0.6))).markdown().endsWith("| yes |\n"),
                "the naive space's 0.838 is above 0.825 and 0.83");
        assertTrue(DeployableReport.table(Map.of("s", withStitching(0.85, 0.86))).markdown().endsWith("| yes |\n"),
                "a stitched chart's 0.86 is above 0.825 and 0.85");
        String stitching = StitchingReport.table(r.stitching()).markdown();
        assertTrue(stitching.contains("| atlas [all] | 0.714 | task-1 | 0 1 | 0.500 / 0.900 | 0.600 | 0.900 | 0.300 | - | - | - | no shared sample |"),
                stitching);
    }
}
