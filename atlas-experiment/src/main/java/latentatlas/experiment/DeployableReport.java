package latentatlas.experiment;

import latentatlas.analyses.SpaceScores;
import latentatlas.evaluation.SpaceKind;
import latentatlas.report.Document;
import latentatlas.report.Table;
import latentatlas.stitching.ClassAccuracy;
import latentatlas.stitching.StitchedChart;
import latentatlas.stitching.StitchedHead;
import latentatlas.stitching.StitchingResults;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static latentatlas.report.Table.number;

/**
 * The "deployable" table of the reports: per setting, the best label-free space (every analysed space
 * whose test vectors were built without a label: the label-free atlas modes, their naive unions, the
 * label-free aggregations) by probe accuracy, and the best atlas head behind a single chart (stitching,
 * unshifted or shifted), beside the end-to-end model: its absolute space under the same probe, and its own
 * classifier. "beats end-to-end" says whether either deployable number exceeds both end-to-end numbers.
 * Every number is read from {@link RunResults}.
 */
final class DeployableReport {
    private DeployableReport() {
    }

    /** A candidate: what it is and its accuracy on all test samples. */
    record Best(String what, double accuracy) {
    }

    /**
     * Appends the section for one run (one row).
     *
     * @param doc the document
     * @param setting the run's setting, as the row's name
     * @param results the run's results
     */
    static void append(Document doc, String setting, RunResults results) {
        doc.heading(3, "Deployable: the best label-free space beside end-to-end");
        doc.paragraph(EXPLANATION);
        doc.table(table(Map.of(setting, results)));
    }

    /**
     * Appends the section for several settings, one row each (the paper report).
     *
     * @param doc the document
     * @param runs setting -> its results, in report order
     */
    static void appendAll(Document doc, Map<String, RunResults> runs) {
        doc.heading(2, "Deployable: the best label-free space per setting");
        doc.paragraph(EXPLANATION);
        doc.table(table(runs));
    }

    private static final String EXPLANATION = "Label-free: no label enters a test vector, so the space works on"
            + " tomorrow's samples. Best space: the label-free space (any membership rule but oracle) of highest"
            + " probe accuracy; best stitched: the atlas head (trained on oracle or all training rows) behind the"
            + " single chart that scores highest on every test sample. End-to-end: the probe on its absolute"
            + " space, and its own classifier. Beats end-to-end: a deployable number above both.";

    /** @return one row per setting */
    static Table table(Map<String, RunResults> runs) {
        Table t = new Table("setting", "end-to-end abs (probe)", "end-to-end classifier", "best label-free space",
                "its probe", "best stitched (one chart)", "its accuracy", "stitched, mean over charts",
                "beats end-to-end");
        runs.forEach((setting, r) -> {
            SpaceScores e2e = r.spaces().stream().filter(s -> s.space() == SpaceKind.END_TO_END_ABS).findFirst()
                    .orElse(null);
            Double e2eProbe = e2e == null ? null : e2e.probe().total();
            Double e2eClassifier = r.stitching() == null ? null : r.stitching().endToEndClassifier().all();
            Best space = bestSpace(r);
            Best stitched = bestStitched(r.stitching());
            Best mean = bestMeanStitched(r.stitching());
            double bar = Math.max(e2eProbe == null ? 0 : e2eProbe, e2eClassifier == null ? 0 : e2eClassifier);
            boolean beats = (space != null && space.accuracy() > bar) || (stitched != null && stitched.accuracy() > bar);
            t.row(setting, number(e2eProbe), number(e2eClassifier), space == null ? "–" : space.what(),
                    space == null ? "–" : number(space.accuracy()), stitched == null ? "–" : stitched.what(),
                    stitched == null ? "–" : number(stitched.accuracy()),
                    mean == null ? "–" : number(mean.accuracy()) + " (" + mean.what() + ")", beats ? "yes" : "no");
        });
        return t;
    }

    /** @return the label-free space of highest probe total, or {@code null} when there is none */
    static Best bestSpace(RunResults r) {
        Best best = null;
        for (SpaceScores s : r.spaces()) {
            if (Boolean.TRUE.equals(s.labelFree()) && (best == null || s.probe().total() > best.accuracy())) {
                best = new Best(s.label(), s.probe().total());
            }
        }
        return best;
    }

    /** @return the single chart behind a head, unshifted or shifted, of highest accuracy on all test samples */
    static Best bestStitched(StitchingResults s) {
        Best best = null;
        for (Variant v : variants(s)) {
            for (StitchedChart c : v.head().charts()) {
                ClassAccuracy a = v.part().apply(c);
                if (a != null && (best == null || a.all() > best.accuracy())) {
                    best = new Best(c.chart() + " behind " + v.name(), a.all());
                }
            }
        }
        return best;
    }

    /** @return the head and variant whose mean over the task charts is highest */
    static Best bestMeanStitched(StitchingResults s) {
        Best best = null;
        for (Variant v : variants(s)) {
            List<StitchedChart> charts = v.head().charts();
            if (charts.isEmpty() || charts.stream().anyMatch(c -> v.part().apply(c) == null)) {
                continue;
            }
            double mean = charts.stream().mapToDouble(c -> v.part().apply(c).all()).average().orElseThrow();
            if (best == null || mean > best.accuracy()) {
                best = new Best(v.name(), mean);
            }
        }
        return best;
    }

    /** A head with the unshifted or the shifted accuracies. */
    private record Variant(StitchedHead head, String name, Function<StitchedChart, ClassAccuracy> part) {
    }

    private static List<Variant> variants(StitchingResults s) {
        List<Variant> out = new ArrayList<>();
        if (s == null) {
            return out;
        }
        for (StitchedHead h : s.heads()) {
            out.add(new Variant(h, "head on atlas [" + h.membership() + "]", StitchedChart::stitched));
            out.add(new Variant(h, "head on atlas [" + h.membership() + "], shifted", StitchedChart::shifted));
        }
        return out;
    }
}
