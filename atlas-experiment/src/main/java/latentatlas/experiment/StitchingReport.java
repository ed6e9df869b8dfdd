package latentatlas.experiment;

import latentatlas.report.Document;
import latentatlas.report.Table;
import latentatlas.stitching.ClassAccuracy;
import latentatlas.stitching.StitchedChart;
import latentatlas.stitching.StitchedHead;
import latentatlas.stitching.StitchingResults;

import java.util.Arrays;
import java.util.stream.Collectors;

import static latentatlas.report.Table.number;

/**
 * The stitching section of the run report: for every atlas head (trained on the atlas' training rows of
 * one membership mode) and every chart behind it, the accuracy on all test samples, on the chart's own
 * classes and on the classes it never saw, unshifted and shifted, beside the chart's own classifier and
 * the end-to-end model. Every number is read from {@link RunResults#stitching()}.
 */
final class StitchingReport {
    private StitchingReport() {
    }

    /**
     * Appends the section; nothing when the results have no stitching (files of earlier versions).
     *
     * @param doc the document
     * @param results the results
     */
    static void append(Document doc, RunResults results) {
        StitchingResults s = results.stitching();
        if (s == null) {
            return;
        }
        doc.heading(3, "Stitching: the atlas head behind one chart");
        doc.paragraph("A head (the probe) is trained on the atlas training rows of a membership mode, then placed"
                + " behind each chart alone and scored on every test sample: h(rel_t(x)), and h(rel_t(x) + s_t) with"
                + " s_t the mean over the shared training samples of atlas(i) - rel_t(i). The test vectors come from"
                + " the one chart's embedding of the sample, so every stitched and shifted number is label-free"
                + " (deployable with that single chart); the membership names only the head's training rows ('head on"
                + " its atlas' is the head on that mode's own atlas test rows, under oracle built from the labels). own:"
                + " the chart's classes; unseen: the classes its task never had. End-to-end classifier on the same"
                + " samples: " + number(s.endToEndClassifier().all()) + ".");
        doc.table(table(s));
    }

    /** @return one row per head and chart, the end-to-end chart first */
    static Table table(StitchingResults s) {
        Table t = new Table("head", "head on its atlas", "chart", "classes", "own classifier (all / own)",
                "stitched all", "stitched own", "stitched unseen", "shifted all", "shifted own", "shifted unseen",
                "shift over");
        for (StitchedHead h : s.heads()) {
            row(t, h, h.endToEnd(), s.endToEndClassifier());
            for (StitchedChart c : h.charts()) {
                row(t, h, c, c.ownClassifier());
            }
        }
        return t;
    }

    private static void row(Table t, StitchedHead h, StitchedChart c, ClassAccuracy own) {
        boolean e2e = c.ownClassifier() == null;
        ClassAccuracy shifted = c.shifted();
        t.row("atlas [" + h.membership() + "]", number(h.headOnAtlas().all()),
                e2e ? c.chart() + " (end-to-end)" : c.chart(),
                Arrays.stream(c.classes()).mapToObj(String::valueOf).collect(Collectors.joining(" ")),
                number(own.all()) + " / " + number(own.own()), number(c.stitched().all()), number(c.stitched().own()),
                number(c.stitched().unseen()), shifted == null ? "-" : number(shifted.all()),
                shifted == null ? "-" : number(shifted.own()), shifted == null ? "-" : number(shifted.unseen()),
                shifted == null ? "no shared sample" : c.shiftSamples() + " samples");
    }
}
