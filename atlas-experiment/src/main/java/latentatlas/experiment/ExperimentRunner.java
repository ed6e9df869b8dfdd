package latentatlas.experiment;

import latentatlas.evaluation.ChartBank;
import latentatlas.evaluation.ChartKind;
import latentatlas.evaluation.ChartOutputs;
import latentatlas.evaluation.ChartRequest;
import latentatlas.evaluation.EvaluatedSpace;
import latentatlas.evaluation.EvaluationSet;
import latentatlas.evaluation.Membership;
import latentatlas.evaluation.SpaceBuilder;
import latentatlas.evaluation.Routing;
import latentatlas.evaluation.SpaceKind;

import com.fasterxml.jackson.databind.ObjectMapper;
import latentatlas.analyses.SpaceAnalyses;
import latentatlas.atlas.Aggregation;
import latentatlas.analyses.SpaceScores;
import latentatlas.charts.ChartStore;
import latentatlas.charts.ProgressListener;
import latentatlas.charts.TrainingSchedule;
import latentatlas.dataset.Dataset;
import latentatlas.dataset.InputFeatures;
import latentatlas.io.AtomicFiles;
import latentatlas.io.OutputFolder;
import latentatlas.io.OutputNames;
import latentatlas.io.Reasons;
import latentatlas.probe.TaskEmbedding;
import latentatlas.space.LatentSpace;
import latentatlas.space.LatentSpaces;
import latentatlas.stitching.StitchedHead;
import latentatlas.stitching.Stitching;
import latentatlas.stitching.StitchingResults;
import latentatlas.tasks.DatasetLabels;
import latentatlas.tasks.Setting;
import latentatlas.tasks.Task;
import latentatlas.tasks.TaskPlan;
import latentatlas.tasks.TaskPlanJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Runs one experiment (docs/method.md §3-§6): plan, charts (the end-to-end chart in a store that other
 * settings share), every chart's outputs on all samples, the spaces of every membership rule, their
 * analyses, figures, {@code results.json} and the report. Every stage is saved in the run folder and
 * reused on a rerun: charts and their outputs by configuration hash, analyses by a hash of the space's
 * data and the analysis configuration, so a killed run resumes and gives the same results.
 *
 * <p>Run folder: {@code plan.json}, {@code charts/task-N/}, {@code spaces/task-N/},
 * {@code atlas/MODE/{train,test}.npy}, {@code analyses/*.json}, {@code figures/*.png},
 * {@code results.json}, {@code report.md}, {@code report.html}.
 *
 * <p>Logs one INFO line per stage and per analysed space. The entry point is {@link Experiment}.
 */
final class ExperimentRunner {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Changes whenever the analyses compute something new, so that older cached analyses are redone. */
    private static final String ANALYSES_VERSION = "analyses 5";
    private static final Logger LOG = LoggerFactory.getLogger(ExperimentRunner.class);
    /** The membership modes of the atlas training rows that train a stitching head each (docs/method.md §9). */
    private static final List<Membership> STITCHING_HEADS = List.of(Membership.ORACLE, Membership.ALL);

    /** The files of {@code RUN/atlas/MODE/}, written as one set. */
    private static final Set<String> ATLAS_FILES = Set.of("train.npy", "train.ids.npy", "train.labels.npy",
            "test.npy", "test.ids.npy", "test.labels.npy");

    private final ExperimentConfig config;
    private final ProgressListener listener;

    /**
     * @param config what to run
     * @param listener receives training progress
     */
    ExperimentRunner(ExperimentConfig config, ProgressListener listener) {
        this.config = config;
        this.listener = listener;
    }

    /**
     * @param dataset the dataset (its fingerprint is recorded)
     * @param endToEnd the end-to-end chart's kind
     * @param chartKinds the task charts' kinds, cycled over the tasks
     * @return the results (also written to the run folder)
     */
    public RunResults run(Dataset dataset, ChartKind endToEnd, List<ChartKind> chartKinds) {
        Map<String, Double> timings = new LinkedHashMap<>();
        Path out = config.out();
        long t0 = System.nanoTime();
        TaskPlan plan = plan(config, dataset, endToEnd);
        OutputFolder.removeLeftovers(out); // what killed runs left (a live run's temporaries are kept)
        OutputFolder.removeLeftovers(config.endToEndStore());
        TaskPlanJson.write(plan, out.resolve("plan.json"));
        stage("plan", t0, timings);

        t0 = System.nanoTime();
        Charts trained = charts(config, listener, plan, endToEnd, chartKinds);
        ChartOutputs e2e = trained.endToEnd();
        List<ChartOutputs> charts = trained.tasks();
        boolean shared = plan.setting() == Setting.SHARED_CLASSES;
        stage("charts", t0, timings);

        t0 = System.nanoTime();
        EvaluationSet eval = EvaluationSet.of(plan);
        SpaceBuilder builder = new SpaceBuilder(eval, e2e, charts);
        SpaceAnalyses.AnalysisConfig analysis = config.analysis(shared);
        String context = analysis + "|shared " + java.util.Arrays.toString(eval.sharedClasses()) + "|novel "
                + java.util.Arrays.toString(eval.novelClasses()) + "|classes " + java.util.Arrays.toString(eval.classes());
        List<EvaluatedSpace> endToEndSpaces = builder.endToEnd(); // kept: every space is compared with their test rows
        // every space is built once here to key its rows (and the atlas saved), at most one per core at once
        List<Supplier<PlannedSpace>> planned = new ArrayList<>();
        for (EvaluatedSpace s : endToEndSpaces) {
            planned.add(() -> PlannedSpace.of(s, () -> s, context));
        }
        for (Membership membership : config.memberships()) {
            planned.add(() -> {
                EvaluatedSpace atlas = builder.atlas(membership);
                Path atlasDir = out.resolve("atlas").resolve(OutputNames.check("membership mode", membership.name()));
                OutputFolder.write(atlasDir, ATLAS_FILES, dir -> {
                    LatentSpaces.save(atlas.train(), dir, "train");
                    LatentSpaces.save(atlas.test(), dir, "test");
                });
                return PlannedSpace.of(atlas, () -> builder.atlas(membership), context);
            });
            planned.add(() -> PlannedSpace.of(builder.naive(membership), () -> builder.naive(membership), context));
            boolean oneHot = plan.setting() == Setting.DISJOINT && membership instanceof Membership.Oracle;
            if (oneHot) {
                planned.add(() -> PlannedSpace.of(builder.taskOneHot(membership), () -> builder.taskOneHot(membership), context));
            }
            for (Aggregation aggregation : config.aggregations()) {
                if (aggregation == Aggregation.MEAN) {
                    continue; // the atlas above
                }
                planned.add(() -> {
                    EvaluatedSpace other = builder.atlas(membership, aggregation);
                    if (other == null) {
                        LOG.info("atlas of {} [{}]: no training sample is in every chart, so there is no shift; left out",
                                aggregation, membership.name());
                        return null;
                    }
                    return PlannedSpace.of(other, () -> builder.atlas(membership, aggregation), context);
                });
            }
            if (oneHot) {
                planned.add(() -> {
                    EvaluatedSpace taskOneHot = builder.taskOneHot(membership);
                    float[] e = TaskEmbedding.learn(taskOneHot.train(), charts.size(),
                            config.profile().probe(config.seed(), config.deterministic()), listener);
                    return PlannedSpace.of(withTaskEmbedding(taskOneHot, charts.size(), e),
                            () -> withTaskEmbedding(builder.taskOneHot(membership), charts.size(), e), context);
                });
            }
        }
        List<PlannedSpace> spaces = TrainingSchedule.perCore().run(planned).stream().filter(p -> p != null).toList();
        stage("spaces", t0, timings);

        t0 = System.nanoTime();
        LatentSpace taskAbs = shared ? null : builder.naive(Membership.ORACLE).testBySample();
        SpaceAnalyses analyses = new SpaceAnalyses(eval, endToEndSpaces.get(0).test(), endToEndSpaces.get(1).test(), taskAbs, analysis,
                ProgressListener.oneAtATime(listener));
        // the spaces whose rows differ are analysed once each, all at once on one PyTorch thread each
        // (the probes' configuration says so), each built again by the job that analyses it, so that only
        // those being analysed are in memory; a space with the rows of an earlier one gets its scores
        // (e.g. naive [weighted-...] = naive [all]: every chart has a positive weight, so the rows are identical)
        Map<String, PlannedSpace> firstByData = new LinkedHashMap<>();
        for (PlannedSpace s : spaces) {
            firstByData.putIfAbsent(s.dataKey(), s);
        }
        // the largest first (a naive union of every chart holds a row per chart), so that none runs alone at the end
        List<PlannedSpace> distinct = firstByData.values().stream()
                .sorted(java.util.Comparator.comparingLong(PlannedSpace::values).reversed()).toList();
        List<SpaceScores> computed = TrainingSchedule.perCore().run(distinct.stream()
                .map(s -> (Supplier<SpaceScores>) () -> cachedAnalysis(s, analyses)).toList());
        List<SpaceScores> scores = new ArrayList<>();
        for (PlannedSpace s : spaces) {
            PlannedSpace first = firstByData.get(s.dataKey());
            SpaceScores same = computed.get(distinct.indexOf(first));
            if (first != s) {
                LOG.info("analyses of {}: its rows are identical to those of {}, scores copied", s.label(), same.label());
                same = same.copiedFor(s.kind(), s.membership(), s.routing());
            }
            scores.add(same);
        }
        stage("analyses", t0, timings);

        t0 = System.nanoTime();
        StitchingResults stitching = new Stitching(eval, builder).evaluate(STITCHING_HEADS,
                config.profile().probe(config.seed(), config.deterministic()), listener);
        logStitching(stitching);
        stage("stitching", t0, timings);

        List<RunResults.ChartSummary> summaries = new ArrayList<>();
        summaries.add(summary(e2e, plan.endToEnd()));
        for (int i = 0; i < charts.size(); i++) {
            summaries.add(summary(charts.get(i), plan.chartTasks().get(i)));
        }
        t0 = System.nanoTime();
        RunFigures.draw(out.resolve("figures"), dataset, spaces.stream().filter(s -> RunFigures.pictured(s.kind(), s.membership()))
                .map(s -> s.rows().get()).toList(), scores, config.seed());
        stage("figures", t0, timings);
        RunResults results = new RunResults(RunResults.FORMAT, plan.setting(),
                provenance(config, dataset, plan, endToEnd, chartKinds), summaries, scores, stitching, timings,
                notes(plan, config.aggregations()));
        results.write(out.resolve("results.json"));
        RunReport.write(out, results);
        return results;
    }

    /** The end-to-end chart's outputs and those of each chart task. */
    record Charts(ChartOutputs endToEnd, List<ChartOutputs> tasks) {
    }

    /**
     * Trains (or reuses) the end-to-end chart in the end-to-end store and each task's chart in the run
     * folder, the kinds cycled over the tasks, all at once on a {@link TrainingSchedule} with one worker
     * per core ({@link ChartBank#obtainAll}).
     */
    static Charts charts(ExperimentConfig config, ProgressListener listener, TaskPlan plan, ChartKind endToEnd,
                         List<ChartKind> chartKinds) {
        List<ChartOutputs> all = new ChartBank(listener).obtainAll(chartRequests(config, plan, endToEnd, chartKinds),
                TrainingSchedule.perCore());
        return new Charts(all.get(0), List.copyOf(all.subList(1, all.size())));
    }

    /**
     * @return the charts of {@code plan}: the end-to-end chart (in the end-to-end store) first, then each
     *     chart task's (in the run folder), the kinds cycled over the tasks
     */
    static List<ChartRequest> chartRequests(ExperimentConfig config, TaskPlan plan, ChartKind endToEnd,
                                            List<ChartKind> chartKinds) {
        List<ChartRequest> requests = new ArrayList<>();
        requests.add(new ChartRequest(new ChartStore(config.endToEndStore()), plan.endToEnd(), endToEnd,
                config.profile().charts(true, config.seed(), plan.endToEnd().trainIds().length)));
        boolean shared = plan.setting() == Setting.SHARED_CLASSES;
        ChartStore store = new ChartStore(config.out());
        for (Task task : plan.chartTasks()) {
            ChartKind kind = chartKinds.get((task.index() - 1) % chartKinds.size());
            requests.add(new ChartRequest(store, task, kind, config.profile().charts(shared, config.seed(),
                    task.trainIds().length)));
        }
        return requests;
    }

    /** @return the task plan of {@code config} on {@code dataset} (the same for every call) */
    static TaskPlan plan(ExperimentConfig config, Dataset dataset, ChartKind endToEnd) {
        // the distance strategies measure what the end-to-end chart reads: pixels, or its encoder's vectors
        return config.planner().plan(DatasetLabels.of(dataset), InputFeatures.of(endToEnd.data()), config.seed());
    }

    /**
     * The setting-3 baseline "absolute + learned task embedding": the one-hot task id of {@code oneHot}
     * replaced by the task vectors {@code e}, learned jointly with a probe on its training rows
     * ({@link TaskEmbedding#learn}).
     */
    private static EvaluatedSpace withTaskEmbedding(EvaluatedSpace oneHot, int tasks, float[] e) {
        String name = SpaceKind.TASK_EMBEDDING.externalName();
        return new EvaluatedSpace(SpaceKind.TASK_EMBEDDING, oneHot.membership(),
                TaskEmbedding.apply(name, oneHot.train(), tasks, e),
                TaskEmbedding.apply(name, oneHot.test(), tasks, e), null, null, oneHot.routing());
    }

    /**
     * A space of the run without its rows: its kind, membership and routing, the key of its rows and how
     * to build them again (the same rows every time: {@link SpaceBuilder} is deterministic). The spaces of a
     * run are built once to be keyed, then again by whoever needs their rows, so that they are not all in
     * memory at once (the spaces of one setting on Fashion-MNIST are about 650 MB).
     *
     * @param dataKey the SHA-256 of the rows and the analysis context ({@link #key}): equal keys, equal rows
     * @param values the values of its training and test rows, what its analyses' work grows with
     */
    record PlannedSpace(SpaceKind kind, Membership membership, Routing routing, String dataKey, long values,
                        Supplier<EvaluatedSpace> rows) {
        static PlannedSpace of(EvaluatedSpace built, Supplier<EvaluatedSpace> rows, String context) {
            return new PlannedSpace(built.space(), built.membership(), built.routing(), key(built, context),
                    (long) (built.train().size() + built.test().size()) * built.train().dim(), rows);
        }

        String label() {
            return EvaluatedSpace.label(kind, membership);
        }
    }

    /**
     * The analyses of a space, from the cache when its key matches. The end-to-end spaces are cached in
     * the shared end-to-end store: settings with the same evaluation samples (e.g. disjoint samples and
     * disjoint classes) then analyse them once.
     */
    private SpaceScores cachedAnalysis(PlannedSpace s, SpaceAnalyses analyses) {
        String key = sha256(ANALYSES_VERSION + "|" + s.label() + "|" + s.dataKey());
        Path folder = s.membership() == null ? config.endToEndStore().resolve("analyses") : config.out().resolve("analyses");
        Path file = folder.resolve(OutputNames.slug(s.label()) + "-" + key.substring(0, 12) + ".json");
        if (Files.isRegularFile(file)) {
            try {
                var node = JSON.readTree(file.toFile());
                if (key.equals(node.path("key").asText())) {
                    SpaceScores cached = JSON.treeToValue(node.path("scores"), SpaceScores.class);
                    if (cached == null || cached.probe() == null) {
                        throw new IllegalArgumentException("no scores in it");
                    }
                    LOG.info("analyses of {}: reused", s.label());
                    return cached;
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("analyses of {}: cached file {} unreadable ({}), recomputing", s.label(), file, Reasons.of(e));
            }
        }
        SpaceScores scores = analyses.analyse(s.rows().get());
        Map<String, Object> cached = new LinkedHashMap<>();
        cached.put("key", key);
        cached.put("scores", scores);
        AtomicFiles.writeString(file, RunResults.toJson(cached));
        LOG.info(String.format(Locale.ROOT, "analyses of %s: probe %.4f, %.1f s (%s)", s.label(), scores.probe().total(),
                scores.seconds().get("total"), secondsPerAnalysis(scores.seconds())));
        LOG.debug("analyses of {}: cached in {}", s.label(), file);
        return scores;
    }

    /**
     * SHA-256 over the analyses' version, the space's kind, its train and test rows (ids, labels, values)
     * and the context (analysis configuration and class subsets).
     */
    private static String key(EvaluatedSpace s, String context) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((ANALYSES_VERSION + "|" + s.space().externalName() + "|" + context).getBytes(StandardCharsets.UTF_8));
            ByteBuffer b = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN); // streamed, not the whole space at once
            for (LatentSpace space : new LatentSpace[] {s.train(), s.test()}) {
                for (int i = 0; i < space.size(); i++) {
                    b.putLong(space.id(i));
                    drainWhenFull(sha, b, Long.BYTES);
                }
                for (int i = 0; i < space.size(); i++) {
                    b.putInt(space.label(i));
                    drainWhenFull(sha, b, Integer.BYTES);
                }
                for (float v : space.rawVectors()) {
                    b.putFloat(v);
                    drainWhenFull(sha, b, Float.BYTES);
                }
                drainWhenFull(sha, b, b.capacity());
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Hashes and empties {@code b} when fewer than {@code room} bytes are left in it. */
    private static void drainWhenFull(MessageDigest sha, ByteBuffer b, int room) {
        if (b.remaining() < room) {
            b.flip();
            sha.update(b);
            b.clear();
        }
    }

    /** One INFO line per head: the mean over the task charts of the stitched accuracy, unshifted and shifted. */
    private static void logStitching(StitchingResults r) {
        for (StitchedHead h : r.heads()) {
            double plain = h.charts().stream().mapToDouble(c -> c.stitched().all()).average().orElse(Double.NaN);
            String shifted = h.charts().stream().allMatch(c -> c.shifted() != null)
                    ? String.format(Locale.ROOT, "%.4f", h.charts().stream().mapToDouble(c -> c.shifted().all()).average()
                            .orElse(Double.NaN))
                    : "n/a (a chart shares no training sample)";
            LOG.info(String.format(Locale.ROOT, "stitching, head on atlas [%s]: behind one chart %.4f (mean over the"
                    + " charts), shifted %s; end-to-end classifier %.4f", h.membership(), plain, shifted,
                    r.endToEndClassifier().all()));
        }
    }

    /** @return e.g. {@code probe 3.1, knn 0.4}: the analyses' seconds except the total */
    private static String secondsPerAnalysis(Map<String, Double> seconds) {
        StringBuilder b = new StringBuilder();
        seconds.forEach((name, value) -> {
            if (!"total".equals(name)) {
                b.append(b.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%s %.1f", name, value));
            }
        });
        return b.toString();
    }

    static RunResults.ChartSummary summary(ChartOutputs c, Task task) {
        return new RunResults.ChartSummary(task.index(), c.kind(), task.classCount(), c.testAccuracy(), c.epochs(),
                c.trainSeconds());
    }

    /** @return the provenance of results computed under {@code config} on {@code plan} */
    static Provenance provenance(ExperimentConfig config, Dataset dataset, TaskPlan plan, ChartKind endToEnd,
                                 List<ChartKind> kinds) {
        return new Provenance(dataset.name(), dataset.fingerprint(), plan.setting(), plan.parameters(),
                plan.anchorSelection().externalName(),
                sha256(TaskPlanJson.toJson(plan)), config.seed(), config.profile().label(), config.deterministic(),
                config.memberships().stream().map(Membership::name).toList(),
                config.aggregations().stream().map(Aggregation::toString).toList(), endToEnd.name(),
                kinds.stream().map(ChartKind::name).toList(),
                config.profile().charts(plan.setting() == Setting.SHARED_CLASSES, config.seed(),
                        plan.chartTasks().get(0).trainIds().length).toString(),
                config.profile().charts(true, config.seed(), plan.endToEnd().trainIds().length).toString(),
                config.profile().probe(config.seed(), config.deterministic()).toString(),
                config.profile().knnReferenceRows() == Integer.MAX_VALUE ? "all training rows"
                        : "the rows of a seeded sample of at most " + config.profile().knnReferenceRows()
                        + " training samples",
                "cosine similarity to the plan's anchors, no normalisation", Provenance.Environment.current());
    }

    private static List<String> notes(TaskPlan plan, List<Aggregation> aggregations) {
        List<String> notes = new ArrayList<>();
        notes.add("Membership 'oracle' is the paper's: which charts embed a sample (test samples included) is"
                + " decided by the task plan, that is by the sample's label. Every other mode decides from the"
                + " charts' classifier outputs only, so it is deployable.");
        if (plan.setting() == Setting.DISJOINT) {
            notes.add("Disjoint setting: under 'oracle' each test sample is routed to the chart of the task that owns"
                    + " its class (the reference's oracle routing); '" + SpaceKind.TASK_ONE_HOT + "' and '"
                    + SpaceKind.TASK_EMBEDDING + "' use the same routing.");
        }
        if (plan.setting() == Setting.SHARED_CLASSES) {
            notes.add("probe_paper: the reference's protocol, a 70/15/15 split of the test embeddings;"
                    + " probe: trained on the training embeddings, measured on the test embeddings.");
        }
        if (aggregations.size() > 1) {
            notes.add("Aggregations: every atlas other than 'atlas' (the mean of relative vectors) is fitted on the"
                    + " training rows and applied to the test rows unchanged: 'atlas-procrustes' and 'atlas-lstsq' map"
                    + " each chart's absolute space into task 1's by a map fitted on the anchors, then average;"
                    + " 'atlas-shifted-mean' adds to each chart's relative vectors its shift, fitted on the training"
                    + " samples the mode gives to every chart (absent when there is none). Each is label-free"
                    + " exactly when its membership mode is.");
        }
        notes.add("Stitching: the test vectors behind a head are one chart's own relative vectors, so every"
                + " stitched number is label-free whichever membership the head was trained under.");
        return notes;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void stage(String name, long start, Map<String, Double> timings) {
        double s = (System.nanoTime() - start) / 1e9;
        timings.put(name, s);
        LOG.info(String.format(Locale.ROOT, "stage %s: %.1f s", name, s));
    }
}
