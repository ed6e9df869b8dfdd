package latentatlas.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import latentatlas.InvalidInputException;
import latentatlas.analyses.SpaceAnalyses;
import latentatlas.analyses.SubsetScores;
import latentatlas.anchors.AnchorFeatures;
import latentatlas.anchors.AnchorStrategy;
import latentatlas.charts.ProgressListener;
import latentatlas.dataset.Dataset;
import latentatlas.dataset.InputFeatures;
import latentatlas.evaluation.ChartKind;
import latentatlas.evaluation.EvaluatedSpace;
import latentatlas.evaluation.EvaluationSet;
import latentatlas.evaluation.Membership;
import latentatlas.evaluation.SpaceBuilder;
import latentatlas.io.AtomicFiles;
import latentatlas.io.OutputFolder;
import latentatlas.io.Reasons;
import latentatlas.report.Document;
import latentatlas.report.Figures;
import latentatlas.report.Table;
import latentatlas.tasks.DatasetLabels;
import latentatlas.tasks.SharedClassesPlanner;
import latentatlas.tasks.Task;
import latentatlas.tasks.TaskPlan;
import latentatlas.tasks.TaskPlanJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs an anchor sweep (docs/method.md §10): the charts of one shared-classes plan trained once, then for
 * every (strategy, count) the plan with those anchors (same tasks), the atlas under the first membership
 * mode, its probe and its CKA with the end-to-end relative space on the same anchors.
 *
 * <p>Folder: {@code plan.json} (the tasks, with random anchors of the largest count), {@code charts/},
 * {@code spaces/} (as a run's), {@code points/STRATEGY-COUNT.json} (each point, reused on a rerun when its
 * plan and analysis configuration match), {@code results.json}, {@code figures/probe.png} and
 * {@code figures/cka.png}, {@code report.md}, {@code report.html}.
 */
final class AnchorSweepRunner {
    private static final Logger LOG = LoggerFactory.getLogger(AnchorSweepRunner.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Changes whenever a point computes something new, so that older cached points are redone. */
    private static final String POINT_VERSION = "anchor sweep point 1";

    private final ExperimentConfig config;
    private final ProgressListener listener;

    AnchorSweepRunner(ExperimentConfig config, ProgressListener listener) {
        this.config = config;
        this.listener = listener;
    }

    AnchorSweepResults run(Dataset dataset, ChartKind endToEnd, List<ChartKind> chartKinds, AnchorSweep sweep) {
        if (!(config.planner() instanceof SharedClassesPlanner base)) {
            throw new InvalidInputException(List.of("setting"), "the anchor sweep keeps one plan's charts for every"
                    + " anchor choice, which only the shared-classes setting allows (its anchors stay inside the tasks);"
                    + " setting " + config.planner().setting() + " holds its anchors out of the tasks, so each choice"
                    + " would change the tasks and the charts: use the shared-classes setting");
        }
        Path out = config.out();
        DatasetLabels labels = DatasetLabels.of(dataset);
        AnchorFeatures features = InputFeatures.of(endToEnd.data());
        int largest = sweep.counts().stream().mapToInt(Integer::intValue).max().orElseThrow();
        TaskPlan tasks = new SharedClassesPlanner(base.shared(), base.novel(), 1).plan(labels, config.seed());
        long pool = Arrays.stream(tasks.sharedClasses()).mapToLong(c -> labels.trainIdsByClass()[c].length).sum();
        if (largest > pool) {
            throw new InvalidInputException(List.of("counts"), "anchor count " + largest + " exceeds the " + pool
                    + " training samples of the " + base.shared() + " shared classes of " + dataset.name()
                    + ": lower the counts or raise the shared classes");
        }
        TaskPlan plan = new SharedClassesPlanner(base.shared(), base.novel(), largest).plan(labels, config.seed());
        OutputFolder.removeLeftovers(out);
        OutputFolder.removeLeftovers(config.endToEndStore());
        TaskPlanJson.write(plan, out.resolve("plan.json"));
        ExperimentRunner.Charts charts = ExperimentRunner.charts(config, listener, plan, endToEnd, chartKinds);
        Membership membership = config.memberships().get(0);
        SpaceAnalyses.AnalysisConfig analysis = config.analysis(false);
        List<AnchorSweepResults.Point> points = new ArrayList<>();
        for (AnchorStrategy strategy : sweep.strategies()) {
            for (int count : sweep.counts().stream().sorted().toList()) {
                points.add(point(labels, features, base, strategy, count, plan, charts, membership, analysis));
            }
        }
        List<RunResults.ChartSummary> summaries = new ArrayList<>();
        summaries.add(ExperimentRunner.summary(charts.endToEnd(), plan.endToEnd()));
        for (int i = 0; i < charts.tasks().size(); i++) {
            summaries.add(ExperimentRunner.summary(charts.tasks().get(i), plan.chartTasks().get(i)));
        }
        AnchorSweepResults results = new AnchorSweepResults(AnchorSweepResults.FORMAT, membership.name(),
                membership.labelFree(), summaries, points,
                ExperimentRunner.provenance(config, dataset, plan, endToEnd, chartKinds));
        results.write(out.resolve("results.json"));
        report(out, results, sweep);
        return results;
    }

    private AnchorSweepResults.Point point(DatasetLabels labels, AnchorFeatures features, SharedClassesPlanner base,
                                           AnchorStrategy strategy, int count, TaskPlan tasks,
                                           ExperimentRunner.Charts charts, Membership membership,
                                           SpaceAnalyses.AnalysisConfig analysis) {
        long t0 = System.nanoTime();
        TaskPlan plan = new SharedClassesPlanner(base.shared(), base.novel(), count, strategy)
                .plan(labels, features, config.seed());
        double selectSeconds = (System.nanoTime() - t0) / 1e9;
        for (int t = 0; t < tasks.tasks().size(); t++) {
            Task a = tasks.tasks().get(t);
            Task b = plan.tasks().get(t);
            if (!Arrays.equals(a.trainIds(), b.trainIds()) || !Arrays.equals(a.testIds(), b.testIds())) {
                throw new IllegalStateException("the anchors changed task " + t + " of the sweep's plan");
            }
        }
        String planSha = ExperimentRunner.sha256(TaskPlanJson.toJson(plan));
        String key = ExperimentRunner.sha256(POINT_VERSION + "|" + planSha + "|" + membership.name() + "|" + analysis
                + "|" + charts.endToEnd().kind() + "|" + charts.tasks().stream().map(c -> c.kind()).toList());
        Path file = config.out().resolve("points").resolve(strategy.externalName() + "-" + count + ".json");
        AnchorSweepResults.Point cached = cached(file, key);
        if (cached != null) {
            LOG.info("anchors {} x {}: reused", strategy, count);
            return cached;
        }
        EvaluationSet eval = EvaluationSet.of(plan);
        SpaceBuilder builder = new SpaceBuilder(eval, charts.endToEnd(), charts.tasks());
        List<EvaluatedSpace> endToEnd = builder.endToEnd();
        EvaluatedSpace atlas = builder.atlas(membership);
        SpaceAnalyses analyses = new SpaceAnalyses(eval, endToEnd.get(0).test(), endToEnd.get(1).test(), null,
                analysis, listener);
        SubsetScores probe = analyses.probe(atlas);
        SubsetScores cka = analyses.ckaWithEndToEndRelative(atlas);
        AnchorSweepResults.Point point = new AnchorSweepResults.Point(strategy.externalName(), count, probe, cka,
                planSha, selectSeconds);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("key", key);
        json.put("point", point);
        AtomicFiles.writeString(file, RunResults.toJson(json));
        LOG.info(String.format(Locale.ROOT, "anchors %s x %d: probe %.4f (shared %s, novel %s), CKA %.4f; chosen in %.1f s",
                strategy, count, probe.total(), Table.number(probe.shared()), Table.number(probe.novel()),
                cka.total(), selectSeconds));
        return point;
    }

    private static AnchorSweepResults.Point cached(Path file, String key) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            var node = JSON.readTree(file.toFile());
            if (!key.equals(node.path("key").asText())) {
                return null;
            }
            AnchorSweepResults.Point p = JSON.treeToValue(node.path("point"), AnchorSweepResults.Point.class);
            if (p == null || p.probe() == null || p.cka() == null) {
                throw new IllegalArgumentException("no scores in it");
            }
            return p;
        } catch (java.io.IOException | RuntimeException e) {
            LOG.warn("anchor sweep point {} unreadable ({}), recomputing", file, Reasons.of(e));
            return null;
        }
    }

    /** The table of every point, and the probe and CKA against the count, one line per strategy. */
    private static void report(Path out, AnchorSweepResults results, AnchorSweep sweep) {
        Map<String, Map<Double, Double>> probe = new LinkedHashMap<>();
        Map<String, Map<Double, Double>> cka = new LinkedHashMap<>();
        for (AnchorSweepResults.Point p : results.points()) {
            probe.computeIfAbsent(p.strategy(), s -> new LinkedHashMap<>()).put((double) p.count(), p.probe().total());
            cka.computeIfAbsent(p.strategy(), s -> new LinkedHashMap<>()).put((double) p.count(), p.cka().total());
        }
        Figures.lines(out.resolve("figures").resolve("probe.png"), "Probe accuracy on the atlas ("
                + results.membership() + ")", "anchors", "accuracy", probe, true);
        Figures.lines(out.resolve("figures").resolve("cka.png"), "Linear CKA, atlas vs end-to-end relative",
                "anchors", "CKA", cka, true);
        Provenance p = results.provenance();
        Document doc = new Document("latent-atlas anchor sweep: " + p.dataset() + ", " + p.setting());
        doc.paragraph(String.format(Locale.ROOT, "Setting %s %s (the anchors vary; the tasks and charts are fixed),"
                        + " seed %d, profile %s, dataset %s (fingerprint %.12s); charts %s, end-to-end %s."
                        + " Strategies %s, counts %s. Atlas membership: %s (%s).", p.setting(), p.parameters(),
                p.seed(), p.profile(), p.dataset(), p.datasetFingerprint(), p.charts(), p.endToEndChart(),
                sweep.strategies(), sweep.counts(), results.membership(),
                results.labelFree() ? "label-free" : "label-derived oracle: the task plan decides which charts embed a sample"));
        Table charts = new Table("task", "kind", "classes", "test accuracy");
        for (RunResults.ChartSummary c : results.charts()) {
            charts.row(c.task() == 0 ? "0 (end-to-end)" : String.valueOf(c.task()), c.kind(), String.valueOf(c.classes()),
                    Table.number(c.testAccuracy()));
        }
        doc.heading(2, "Charts").table(charts);
        doc.heading(2, "Anchors").paragraph("Probe: trained on the atlas's training rows, measured on its test rows"
                + " (profile's probe). CKA: linear, on the test samples, against the end-to-end chart's relative space"
                + " on the same anchors.").table(results.table());
        doc.image("Probe accuracy against the number of anchors, one line per strategy", "figures/probe.png");
        doc.image("CKA against the number of anchors, one line per strategy", "figures/cka.png");
        doc.write(out);
    }
}
