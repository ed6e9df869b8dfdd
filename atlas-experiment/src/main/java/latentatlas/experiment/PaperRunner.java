package latentatlas.experiment;

import latentatlas.InvalidInputException;
import latentatlas.analyses.SpaceScores;
import latentatlas.analyses.SubsetScores;
import latentatlas.charts.TrainingSchedule;
import latentatlas.evaluation.ChartBank;
import latentatlas.evaluation.ChartRequest;
import latentatlas.evaluation.Membership;
import latentatlas.io.OutputNames;
import latentatlas.io.RunLock;
import latentatlas.report.Document;
import latentatlas.report.Table;
import latentatlas.tasks.DisjointPlanner;
import latentatlas.tasks.DisjointSamplesPlanner;
import latentatlas.tasks.Setting;
import latentatlas.tasks.SharedClassesPlanner;
import latentatlas.tasks.TaskPlanner;
import latentatlas.anchors.AnchorStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reproduces the paper's three experiments on one dataset (docs/method.md §3, §7): shared classes, disjoint
 * samples and disjoint classes, each a full {@link Experiment} run in {@code OUT/SETTING/}, the
 * end-to-end chart trained once in {@code OUT/end-to-end/} and shared. Writes {@code OUT/results.json}
 * (every run and the claims) and one combined report that sets each claim of the paper beside ours,
 * under the paper's oracle membership and under the label-free modes.
 *
 * <pre>{@code
 * PaperResults paper = PaperRunner.run(Experiment.builder().setDataset(Datasets.open("fashion-mnist"))
 *         .optDeterministic(true), Path.of("runs/paper"));
 * List<Claim> claims = paper.claims(); // each claim of the paper, whether it holds here
 * }</pre>
 */
public final class PaperRunner {
    private static final Logger LOG = LoggerFactory.getLogger(PaperRunner.class);

    private PaperRunner() {
    }

    /**
     * The settings with their defaults. Below 100 classes: shared-classes with S = 40% and N = 20% of
     * the classes (S = 4, N = 2 on a 10-class dataset, as in docs/method.md §8), disjoint-samples with 2
     * partitions and the default mixture, disjoint with 2 partitions. From 100 classes on, a grid like
     * the paper's CIFAR-100 one: shared classes S = 2C/3 and C/3 (100 and 50 on CLINC150) with N = 10 and
     * 25 novel classes per task (kept when they give at least 2 tasks), disjoint samples with 2
     * partitions, and disjoint with 2 and 5 partitions.
     *
     * @param classes the dataset's number of classes
     * @return run name to planner, e.g. {@code shared-classes-s100-n10}
     */
    public static Map<String, TaskPlanner> defaultSettings(int classes) {
        return defaultSettings(classes, AnchorStrategy.DEFAULT);
    }

    /**
     * @param classes the dataset's number of classes
     * @param anchorSelection how every setting chooses its anchors
     * @return {@link #defaultSettings(int)} with the anchors chosen by {@code anchorSelection}
     */
    public static Map<String, TaskPlanner> defaultSettings(int classes, AnchorStrategy anchorSelection) {
        Map<String, TaskPlanner> chosen = new LinkedHashMap<>();
        referenceSettings(classes).forEach((name, planner) -> chosen.put(name, planner.withAnchorSelection(anchorSelection)));
        return chosen;
    }

    private static Map<String, TaskPlanner> referenceSettings(int classes) {
        Map<String, TaskPlanner> settings = new LinkedHashMap<>();
        if (classes < 100) {
            int shared = Math.max(1, (int) Math.round(classes * 0.4));
            int novel = Math.max(1, (int) Math.round(classes * 0.2));
            settings.put(Setting.SHARED_CLASSES.externalName(), new SharedClassesPlanner(shared, novel, SharedClassesPlanner.DEFAULT_ANCHORS));
        } else {
            for (int shared : new int[] {Math.round(classes * 2 / 3f), Math.round(classes / 3f)}) {
                for (int novel : new int[] {10, 25}) {
                    if ((classes - shared) / novel >= 2) {
                        settings.put(Setting.SHARED_CLASSES.externalName() + "-s" + shared + "-n" + novel,
                                new SharedClassesPlanner(shared, novel, SharedClassesPlanner.DEFAULT_ANCHORS));
                    }
                }
            }
        }
        settings.put(Setting.DISJOINT_SAMPLES.externalName(), DisjointSamplesPlanner.withDefaultMixture(DisjointPlanner.DEFAULT_ANCHORS,
                DisjointPlanner.DEFAULT_PARTITIONS));
        settings.put(Setting.DISJOINT.externalName(), new DisjointPlanner(DisjointPlanner.DEFAULT_PARTITIONS, DisjointPlanner.DEFAULT_ANCHORS));
        if (classes >= 100) {
            settings.put(Setting.DISJOINT.externalName() + "-p5", new DisjointPlanner(5, DisjointPlanner.DEFAULT_ANCHORS));
        }
        return settings;
    }

    /**
     * Runs the paper's settings for the template's dataset ({@link #defaultSettings}).
     *
     * @param template dataset, seed, profile, determinism, memberships, chart kinds and listener (the
     *                 setting and the end-to-end store are chosen here; the template is not changed)
     * @param out the paper folder
     * @return the combined results
     */
    public static PaperResults run(Experiment.Builder template, Path out) {
        return run(template, defaultSettings(template.requireDataset().classCount()), out);
    }

    /**
     * @param template dataset, seed, profile, determinism, memberships, chart kinds and listener (the
     *                 setting and the end-to-end store are chosen here; the template is not changed)
     * @param settings run name to planner (see {@link #defaultSettings})
     * @param out the paper folder, locked while the paper runs ({@link RunLock})
     * @return the combined results
     * @throws InvalidInputException when another run holds the folder
     */
    public static PaperResults run(Experiment.Builder template, Map<String, TaskPlanner> settings, Path out) {
        if (settings.isEmpty()) {
            throw new InvalidInputException(List.of("settings"), "paper settings: expected at least one, found none");
        }
        settings.keySet().forEach(name -> OutputNames.check("setting", name)); // each names a folder of out
        try (RunLock lock = RunLock.acquire(out)) {
            return runSettings(template, settings, out);
        }
    }

    private static PaperResults runSettings(Experiment.Builder template, Map<String, TaskPlanner> settings, Path out) {
        Experiment.Builder b = template.withChartKinds(out.resolve("encoders")).optEndToEndStore(out.resolve("end-to-end"));
        Map<String, Experiment> experiments = new LinkedHashMap<>();
        settings.forEach((name, planner) -> experiments.put(name, b.setSetting(planner).build()));
        trainCharts(experiments, out);
        Map<String, RunResults> runs = new LinkedHashMap<>();
        Experiment experiment = null;
        for (Map.Entry<String, Experiment> s : experiments.entrySet()) {
            LOG.info("== {} ==", s.getKey());
            experiment = s.getValue();
            runs.put(s.getKey(), experiment.run(out.resolve(s.getKey())));
        }
        List<Claim> claims = new ArrayList<>();
        for (Membership membership : experiment.memberships()) {
            claims.addAll(PaperClaims.evaluate(runs, membership.name()));
        }
        PaperResults results = new PaperResults(PaperResults.FORMAT, experiment.dataset().name(), runs, claims);
        results.write(out.resolve("results.json"));
        report(results).write(out);
        return results;
    }

    /**
     * Trains the charts of every setting on one {@link TrainingSchedule} (the end-to-end chart, which the
     * settings share, once), the largest first, so that the workers stay busy across settings; each
     * setting's run then finds its charts and their outputs in its folder. Each setting's folder is
     * locked meanwhile, as its run locks it.
     */
    private static void trainCharts(Map<String, Experiment> experiments, Path out) {
        Map<Path, ChartRequest> requests = new LinkedHashMap<>();
        List<RunLock> locks = new ArrayList<>();
        try {
            for (Map.Entry<String, Experiment> e : experiments.entrySet()) {
                Path dir = out.resolve(e.getKey());
                locks.add(RunLock.acquire(dir));
                for (ChartRequest r : e.getValue().chartRequests(dir)) {
                    requests.putIfAbsent(r.store().chartDir(r.task().index()).toAbsolutePath().normalize(), r);
                }
            }
            TrainingSchedule schedule = TrainingSchedule.perCore();
            LOG.info("== charts of every setting: {}, {} at once ==", requests.size(),
                    Math.min(schedule.workers(), requests.size()));
            long start = System.nanoTime();
            new ChartBank(experiments.values().iterator().next().listener()).prepareAll(List.copyOf(requests.values()), schedule);
            LOG.info(String.format(Locale.ROOT, "charts of every setting: %.1f s", (System.nanoTime() - start) / 1e9));
        } finally {
            for (RunLock lock : locks) {
                lock.close();
            }
        }
    }

    /**
     * The combined report: the verdict (a summary per setting under the paper's and the best label-free
     * membership, the claim counts), the single-seed note, the claims matrix, probe accuracy by membership
     * mode, then each setting's sections ({@link RunReport#append}).
     */
    private static Document report(PaperResults results) {
        Document doc = new Document("latent-atlas: the paper's experiments on " + results.dataset());
        doc.add(Verdicts.summary(results.runs(), results.claims()));
        results.runs().values().stream().findFirst().ifPresent(r -> doc.add(Verdicts.singleSeed(r.provenance().seed())));
        doc.paragraph("Crisostomi et al. 2023, \"From charts to atlas\": three task settings, one chart per task, the"
                + " atlas = mean of the charts' relative spaces. Our numbers beside the paper's claims (docs/method.md §7),"
                + " under the paper's membership (oracle: test samples are embedded by the charts their label"
                + " assigns) and under label-free membership (deployable: no label is used to build a test vector).");
        doc.heading(2, "The paper's claims");
        doc.table(Verdicts.claimsMatrix(results.claims()));
        doc.heading(2, "Probe accuracy by membership mode");
        doc.paragraph("Holdout probe accuracy on the test samples; bold: the best of a setting.");
        doc.table(byMembership(results));
        DeployableReport.appendAll(doc, results.runs());
        for (Map.Entry<String, RunResults> run : results.runs().entrySet()) {
            doc.heading(2, "Setting " + run.getKey());
            RunReport.append(doc, run.getValue(), run.getKey() + "/figures/");
        }
        return doc;
    }

    /**
     * Probe accuracy per setting of every space that any setting has (atlas and naive per membership
     * mode, end-to-end for reference, the disjoint setting's task baselines).
     */
    private static Table byMembership(PaperResults results) {
        List<String> header = new ArrayList<>(List.of("space"));
        header.addAll(results.runs().keySet());
        Table t = new Table(header.toArray(String[]::new)).caption("Probe accuracy of every space, per setting");
        results.runs().keySet().forEach(name -> t.best(name, Table.Best.HIGHEST));
        Set<String> labels = new LinkedHashSet<>();
        results.runs().values().forEach(r -> r.spaces().forEach(s -> labels.add(s.label())));
        for (String label : labels) {
            List<String> row = new ArrayList<>(List.of(label));
            for (RunResults r : results.runs().values()) {
                SpaceScores same = r.space(label);
                row.add(same == null ? "–" : describe(same));
            }
            t.row(row.toArray(String[]::new));
        }
        return t;
    }

    private static String describe(SpaceScores s) {
        SubsetScores p = s.probe();
        return p.novel() != null
                ? String.format(Locale.ROOT, "%.3f (shared %.3f, novel %.3f)", p.total(), p.shared(), p.novel())
                : Table.number(p.total());
    }
}
