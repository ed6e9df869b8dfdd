package latentatlas.experiment;

import latentatlas.analyses.SpaceAnalyses;
import latentatlas.analyses.SpaceScores;
import latentatlas.analyses.SubsetScores;
import latentatlas.evaluation.SpaceKind;
import latentatlas.report.Document;
import latentatlas.report.Table;
import latentatlas.tasks.Setting;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import static latentatlas.report.Table.number;

/**
 * The report of one experiment ({@code report.md} and {@code report.html} in the run folder): the verdict
 * ({@link Verdicts}: a summary under the paper's and the best label-free membership, the claims matrix
 * of this setting), the charts, a table of every space x membership mode (probe accuracy total / shared /
 * novel under both protocols, centroid and k-NN accuracy, separability, clustering; the best of each
 * column in bold), a table of CKA with the end-to-end spaces (linear, debiased linear, RBF), the routing
 * quality of the label-free rules, the pictures (PCA and t-SNE side by side), the notes and the
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
        Map<String, RunResults> runs = Map.of(results.setting().externalName(), results);
        List<Claim> claims = new ArrayList<>();
        results.provenance().memberships().forEach(m -> claims.addAll(PaperClaims.evaluate(runs, m)));
        doc.add(Verdicts.summary(runs, claims));
        doc.add(Verdicts.singleSeed(results.provenance().seed()));
        if (!claims.isEmpty()) {
            doc.heading(3, "The paper's claims");
            doc.table(Verdicts.claimsMatrix(claims));
        }
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
        doc.paragraph("Accuracies and separability on the test samples; bold: the best of a column.");
        doc.table(spaces(results));
        doc.heading(3, "Similarity with the end-to-end model (CKA, test samples)");
        doc.paragraph("Linear CKA, debiased linear CKA (unbiased HSIC: near 0 for unrelated spaces) and RBF CKA"
                + " (median bandwidth, on a seeded subsample of at most " + SpaceAnalyses.RBF_CKA_SAMPLES
                + " samples) with the end-to-end relative (rel) and absolute (abs) spaces. A naive space, with"
                + " several rows per sample, has none.");
        doc.table(cka(results));
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
        doc.image("2-D t-SNE of " + RunFigures.TSNE_POINTS + " test samples (a seeded subsample, the same in every"
                + " panel), coloured by class: t-SNE keeps neighbourhoods, not distances", figures + RunFigures.TSNE);
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

    /** @return the space x membership table; the best of each score column in bold */
    public static Table spaces(RunResults results) {
        boolean shared = results.setting() == Setting.SHARED_CLASSES;
        Table t = shared
                ? new Table("space", "label-free", "probe total", "probe shared", "probe novel", "probe (paper) total",
                        "centroid", "10-NN", "separability (novel)", "V-measure", "silhouette")
                : new Table("space", "label-free", "probe total", "centroid", "10-NN", "separability", "V-measure",
                        "silhouette");
        for (String column : shared
                ? List.of("probe total", "probe shared", "probe novel", "probe (paper) total", "centroid", "10-NN",
                        "separability (novel)", "V-measure", "silhouette")
                : List.of("probe total", "centroid", "10-NN", "separability", "V-measure", "silhouette")) {
            t.best(column, Table.Best.HIGHEST);
        }
        t.caption("Every space and membership mode");
        for (SpaceScores s : results.spaces()) {
            String free = s.labelFree() == null ? "yes" : s.labelFree() ? "yes" : "no";
            if (shared) {
                t.row(s.label(), free, number(s.probe().total()), number(s.probe().shared()), number(s.probe().novel()),
                        number(part(s.probePaper(), SubsetScores::total)), number(s.centroid().total()),
                        number(s.knn().total()), number(s.separability()), number(s.clustering().vMeasure()),
                        number(s.clustering().silhouette()));
            } else {
                t.row(s.label(), free, number(s.probe().total()), number(s.centroid().total()),
                        number(s.knn().total()), number(s.separability()), number(s.clustering().vMeasure()),
                        number(s.clustering().silhouette()));
            }
        }
        return t;
    }

    /** @return CKA of every space with the end-to-end spaces: linear, debiased, RBF (and the task charts' abs) */
    public static Table cka(RunResults results) {
        boolean shared = results.setting() == Setting.SHARED_CLASSES;
        List<String> header = new ArrayList<>(List.of("space", "linear rel"));
        if (shared) {
            header.addAll(List.of("linear rel shared", "linear rel novel"));
        }
        header.addAll(List.of("debiased rel", "RBF rel", "linear abs", "debiased abs", "RBF abs"));
        if (!shared) {
            header.add("linear vs task abs");
        }
        Table t = new Table(header.toArray(String[]::new)).caption("CKA with the end-to-end spaces");
        for (SpaceScores s : results.spaces()) {
            List<String> row = new ArrayList<>(List.of(s.label(), number(part(s.ckaVsEndToEndRel(), SubsetScores::total))));
            if (shared) {
                row.add(number(part(s.ckaVsEndToEndRel(), SubsetScores::shared)));
                row.add(number(part(s.ckaVsEndToEndRel(), SubsetScores::novel)));
            }
            row.add(number(part(s.ckaDebiasedVsEndToEndRel(), SubsetScores::total)));
            row.add(number(part(s.ckaRbfVsEndToEndRel(), SubsetScores::total)));
            row.add(number(part(s.ckaVsEndToEndAbs(), SubsetScores::total)));
            row.add(number(part(s.ckaDebiasedVsEndToEndAbs(), SubsetScores::total)));
            row.add(number(part(s.ckaRbfVsEndToEndAbs(), SubsetScores::total)));
            if (!shared) {
                row.add(number(part(s.ckaVsTaskAbs(), SubsetScores::total)));
            }
            t.row(row.toArray(String[]::new));
        }
        return t;
    }

    /** @return {@code part} of {@code scores}, or {@code null} when the scores are absent */
    private static Double part(SubsetScores scores, Function<SubsetScores, Double> part) {
        return scores == null ? null : part.apply(scores);
    }
}
