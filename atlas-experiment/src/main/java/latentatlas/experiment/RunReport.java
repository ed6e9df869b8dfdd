package latentatlas.experiment;

import latentatlas.analyses.SpaceScores;
import latentatlas.analyses.SubsetScores;
import latentatlas.evaluation.SpaceKind;
import latentatlas.report.Document;
import latentatlas.report.Table;
import latentatlas.tasks.Setting;

import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Function;

import static latentatlas.report.Table.number;

/**
 * The report of one experiment ({@code report.md} and {@code report.html} in the run folder): the
 * charts, one table of every space x membership mode (probe accuracy total / shared / novel under
 * both protocols, centroid and k-NN accuracy, separability, CKA with the end-to-end relative space,
 * clustering), the routing quality of the label-free rules, the pictures, the notes and the
 * provenance. Every number is read from {@link RunResults}, so the report and {@code results.json}
 * agree.
 */
public final class RunReport {
    private RunReport() {
    }

    /**
     * @param dir the run folder
     * @param results the results
     */
    public static void write(Path dir, RunResults results) {
        Document doc = new Document("latent-atlas: " + results.provenance().dataset() + ", " + results.setting());
        append(doc, results, "figures/");
        doc.write(dir);
    }

    /**
     * Appends the sections of one experiment to a document.
     *
     * @param doc the document
     * @param results the results
     * @param figures the figures folder relative to the document
     */
    public static void append(Document doc, RunResults results, String figures) {
        Provenance p = results.provenance();
        doc.paragraph(String.format(Locale.ROOT, "Setting %s %s, anchors chosen %s, seed %s, profile %s; dataset %s (fingerprint %.12s).",
                results.setting(), p.parameters(), p.anchorSelection() == null ? "random" : p.anchorSelection(), p.seed(), p.profile(), p.dataset(),
                String.valueOf(p.datasetFingerprint())));
        results.notes().forEach(doc::paragraph);
        doc.heading(3, "Charts");
        Table charts = new Table("task", "kind", "classes", "test accuracy", "epochs", "train s");
        for (RunResults.ChartSummary c : results.charts()) {
            charts.row(c.task() == 0 ? "0 (end-to-end)" : String.valueOf(c.task()), c.kind(), String.valueOf(c.classes()),
                    number(c.testAccuracy()), String.valueOf(c.epochs()), String.format(Locale.ROOT, "%.0f", c.trainSeconds()));
        }
        doc.table(charts);
        doc.heading(3, "Spaces");
        doc.table(spaces(results));
        Table routing = new Table("membership", "recall", "top-1", "charts per sample");
        for (SpaceScores s : results.spaces()) {
            if (s.routing() != null && s.space() == SpaceKind.ATLAS) {
                routing.row(s.membership(), number(s.routing().recall()), number(s.routing().top1()),
                        number(s.routing().charts()));
            }
        }
        if (routing.size() > 0) {
            doc.heading(3, "Routing of the label-free rules (test samples)");
            doc.paragraph("recall: the chosen charts include one that has the sample's class; top-1: the most weighted"
                    + " chart has it.");
            doc.table(routing);
        }
        AggregationReport.append(doc, results);
        StitchingReport.append(doc, results);
        DeployableReport.append(doc, String.valueOf(results.setting()), results);
        doc.heading(3, "Pictures");
        doc.image("2-D PCA of the test samples, coloured by class", figures + RunFigures.PCA);
        doc.image("Cosine self-similarity of test samples, sorted by class", figures + RunFigures.SIMILARITY);
        doc.image("2-D PCA of the class prototypes (mean test vector of each class)", figures + RunFigures.PROTOTYPES);
        doc.image("Probe accuracy per space", figures + RunFigures.PROBE);
        doc.image("Separability per space", figures + RunFigures.SEPARABILITY);
        doc.heading(3, "Timings and provenance");
        doc.paragraph("Seconds per stage: " + results.timings().entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s %.1f", e.getKey(), e.getValue())).toList()
                + ". Environment: " + p.environment() + ". Chart training: " + p.chartTraining()
                + ". Probe: " + p.probeTraining() + ".");
    }

    /** @return the space x membership table */
    public static Table spaces(RunResults results) {
        boolean shared = results.setting() == Setting.SHARED_CLASSES;
        Table t = shared
                ? new Table("space", "label-free", "probe total", "probe shared", "probe novel", "probe (paper) total",
                        "centroid", "10-NN", "separability (novel)", "CKA vs e2e rel", "CKA shared", "CKA novel",
                        "V-measure", "silhouette")
                : new Table("space", "label-free", "probe total", "centroid", "10-NN", "separability", "CKA vs e2e rel",
                        "CKA vs e2e abs", "CKA vs task abs", "V-measure", "silhouette");
        for (SpaceScores s : results.spaces()) {
            String free = s.labelFree() == null ? "yes" : s.labelFree() ? "yes" : "no";
            SubsetScores cka = s.ckaVsEndToEndRel();
            if (shared) {
                t.row(s.label(), free, number(s.probe().total()), number(s.probe().shared()), number(s.probe().novel()),
                        number(part(s.probePaper(), SubsetScores::total)), number(s.centroid().total()),
                        number(s.knn().total()), number(s.separability()), number(part(cka, SubsetScores::total)),
                        number(part(cka, SubsetScores::shared)), number(part(cka, SubsetScores::novel)),
                        number(s.clustering().vMeasure()), number(s.clustering().silhouette()));
            } else {
                t.row(s.label(), free, number(s.probe().total()), number(s.centroid().total()),
                        number(s.knn().total()), number(s.separability()), number(part(cka, SubsetScores::total)),
                        number(part(s.ckaVsEndToEndAbs(), SubsetScores::total)),
                        number(part(s.ckaVsTaskAbs(), SubsetScores::total)),
                        number(s.clustering().vMeasure()),
                        number(s.clustering().silhouette()));
            }
        }
        return t;
    }

    /** @return {@code part} of {@code scores}, or {@code null} when the scores are absent */
    private static Double part(SubsetScores scores, Function<SubsetScores, Double> part) {
        return scores == null ? null : part.apply(scores);
    }
}
