package latentatlas.experiment;

import latentatlas.evaluation.ChartBank;
import latentatlas.evaluation.ChartKind;
import latentatlas.evaluation.ChartOutputs;
import latentatlas.evaluation.EvaluationSet;
import latentatlas.evaluation.Membership;
import latentatlas.evaluation.SpaceBuilder;

import latentatlas.analyses.SpaceScores;
import latentatlas.atlas.Aggregation;
import latentatlas.charts.ChartStore;
import latentatlas.charts.ProgressListener;
import latentatlas.charts.SmallCnn;
import latentatlas.dataset.Dataset;
import latentatlas.dataset.DatasetStatus;
import latentatlas.dataset.Datasets;
import latentatlas.dataset.Samples;
import latentatlas.space.LatentSpace;
import latentatlas.stitching.StitchedChart;
import latentatlas.stitching.StitchedHead;
import latentatlas.stitching.Stitching;
import latentatlas.tasks.DatasetLabels;
import latentatlas.tasks.DisjointPlanner;
import latentatlas.tasks.SharedClassesPlanner;
import latentatlas.tasks.TaskPlan;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The runner end to end, through {@link Experiment}, on real Fashion-MNIST images (the first 3,000
 * training and 1,000 test images, so that it takes about a minute): shared classes S = 4, N = 2, quick
 * profile, deterministic. The log lines are read from the standard error stream, where the tests'
 * slf4j-simple writes them (the module's surefire configuration sets the runner's and the chart bank's
 * loggers to INFO).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("real-data")
class ExperimentRunnerTest {
    private static final SharedClassesPlanner PLANNER = new SharedClassesPlanner(4, 2, 64);
    private static final DatasetStatus FASHION_MNIST = Datasets.status("fashion-mnist");

    @TempDir
    static Path dir;
    private Dataset data;
    private RunResults first;
    private String firstLog;

    @BeforeAll
    void runOnce() {
        if (!FASHION_MNIST.found()) {
            return;  // every test is skipped with the reason, by assumeFashionMnist
        }
        Dataset full = Datasets.open("fashion-mnist");
        data = new Dataset(full.name(), full.classes(), full.train().select(LongStream.range(0, 3000).toArray()),
                full.test().select(LongStream.range(60000, 61000).toArray()), java.util.Map.of(),
                full.fingerprint() + "|first 3000 train, 1000 test", java.util.Map.of());
        StringBuilder log = new StringBuilder();
        first = run(log);
        firstLog = log.toString();
    }

    /** Per test, not in {@code @BeforeAll}: a skip there would hide the tests from the counts. */
    @BeforeEach
    void assumeFashionMnist() {
        assumeTrue(FASHION_MNIST.found(), FASHION_MNIST.reason());
    }

    private RunResults run(StringBuilder log) {
        ChartKind kind = new ChartKind("small-cnn", data, SmallCnn.factory());
        Experiment experiment = Experiment.builder().setDataset(data).setSetting(PLANNER).optSeed(42)
                .optProfile(Profile.QUICK).optDeterministic(true).optMemberships(Membership.DEFAULT)
                .optChartKinds(kind, List.of(kind)).optEndToEndStore(dir.resolve("e2e")).build();
        return logged(log, () -> experiment.run(dir.resolve("run")));
    }

    /** Runs {@code run}, appending what it logs (the standard error stream) to {@code log}. */
    private static <T> T logged(StringBuilder log, java.util.function.Supplier<T> run) {
        PrintStream err = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            return run.get();
        } finally {
            System.setErr(err);
            log.append(bytes.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void everySpaceIsAnalysedAndTheFilesAgree() throws Exception {
        // 2 end-to-end spaces + (atlas, naive) per membership mode
        assertEquals(2 + 2 * Membership.DEFAULT.size(), first.spaces().size());
        RunResults read = RunResults.read(dir.resolve("run/results.json"));
        assertEquals(first.space("atlas [oracle]").probe(), read.space("atlas [oracle]").probe());
        String html = Files.readString(dir.resolve("run/report.html"));
        assertTrue(html.contains("atlas [exclusive-claim]") && html.contains("src=\"data:image/png;base64,"), html);
        assertEquals(List.of(), latentatlas.report.SelfContained.references(html), "report.html refers to no other file");
        assertTrue(Files.readString(dir.resolve("run/report.md")).contains("](figures/" + RunFigures.TSNE + ")"));
        for (String png : List.of(RunFigures.PCA, RunFigures.TSNE, RunFigures.SIMILARITY, RunFigures.PROTOTYPES, RunFigures.PROBE,
                RunFigures.SEPARABILITY)) {
            assertNotNull(ImageIO.read(dir.resolve("run/figures").resolve(png).toFile()), png);
        }
        assertTrue(Files.isRegularFile(dir.resolve("run/atlas/oracle/test.npy")));
        assertTrue(Files.isRegularFile(dir.resolve("e2e/charts/task-0/chart.json")), "end-to-end chart in the shared store");
    }

    @Test
    void theReportRendersInABrowser() throws Exception {
        assumeTrue(HeadlessChromium.find().isPresent(), HeadlessChromium.missing());
        Path scratch = Files.createTempDirectory(dir, "browser");
        HeadlessChromium.Seen seen = HeadlessChromium.render(HeadlessChromium.find().get(), dir.resolve("run/report.html"), scratch);
        assertTrue(seen.images() >= 6, "pictures: " + seen);
        assertEquals(seen.images(), seen.decoded(), "every picture decodes: " + seen);
        assertTrue(seen.summaryShown() && seen.summaryOnFirstScreen() && seen.matrixShown(), seen.toString());
    }

    @Test
    void numbersAreInTheirRangesAndSelfComparisonsAreExact() {
        SpaceScores e2e = first.space("end-to-end-abs");
        SpaceScores rel = first.space("end-to-end-rel");
        // 10 classes: chance is 0.1; a 2-epoch small CNN on 3,000 images reaches well above 0.5
        assertTrue(e2e.probe().total() > 0.5, e2e.probe().toString());
        assertTrue(first.space("atlas [oracle]").probe().total() > 0.5);
        assertEquals(1.0, e2e.ckaVsEndToEndAbs().total(), 1e-6, "CKA of a space with itself");
        assertEquals(1.0, rel.ckaVsEndToEndRel().total(), 1e-6);
        assertEquals(1.0, e2e.ckaDebiasedVsEndToEndAbs().total(), 1e-6, "debiased CKA of a space with itself");
        assertEquals(1.0, rel.ckaRbfVsEndToEndRel().total(), 1e-6, "RBF CKA of a space with itself");
        for (SpaceScores s : first.spaces()) {
            if (s.ckaVsEndToEndRel() != null) {
                double debiased = s.ckaDebiasedVsEndToEndRel().total();
                double rbf = s.ckaRbfVsEndToEndRel().total();
                assertTrue(debiased >= -1 && debiased <= 1 && rbf >= 0 && rbf <= 1, s.label() + ": " + debiased + ", " + rbf);
                assertTrue(s.seconds().isEmpty() || s.seconds().containsKey("cka_rbf"), s.label() + " times its RBF CKA");
            }
        }
        assertEquals(1.0, first.space("atlas [all]").routing().recall(), 0.0, "all charts include the owner");
        assertEquals(3.0, first.space("atlas [all]").routing().charts(), 0.0);
        SpaceScores naiveAll = first.space("naive [all]");
        assertEquals(3 * first.space("atlas [all]").rows().train(), naiveAll.rows().train());
        assertTrue(naiveAll.ckaVsEndToEndRel() == null, "naive [all] has 3 rows per sample: no CKA");
        for (SpaceScores s : first.spaces()) {
            for (double v : s.probe().asMap().values()) {
                assertTrue(v >= 0 && v <= 1, s.label() + " " + s.probe());
            }
            assertTrue(s.separability() > 0 && Double.isFinite(s.separability()), s.label());
            assertNotNull(s.probePaper(), "shared-classes runs the paper protocol too");
        }
        for (StitchedHead h : first.stitching().heads()) {
            for (StitchedChart c : h.charts()) {
                assertEquals(0.0, c.ownClassifier().unseen(), 0.0, "a chart's classifier never predicts a class it lacks");
                assertEquals(6, c.classes().length, "S = 4 shared + N = 2 novel");
                assertEquals(1000, c.stitched().samples(), "every test sample behind every chart");
                assertNotNull(c.shifted(), h.membership() + ": the shared classes' samples are in every task");
            }
        }
    }

    @Test
    void aSecondRunReusesEveryStageAndGivesTheSameNumbers() {
        StringBuilder log = new StringBuilder();
        RunResults again = run(log);
        assertTrue(log.toString().contains("task 0 (small-cnn): chart and embeddings reused"), log.toString());
        assertFalse(log.toString().contains("epochs (best"), "nothing retrained: " + log);
        assertTrue(log.toString().contains("analyses of atlas [oracle]: reused"), log.toString());
        for (SpaceScores s : first.spaces()) {
            SpaceScores t = again.space(s.label());
            assertEquals(s.probe(), t.probe(), s.label());
            assertEquals(s.ckaVsEndToEndRel(), t.ckaVsEndToEndRel(), s.label());
        }
        assertTrue(firstLog.contains("epochs (best"), firstLog);
        assertEquals(RunResults.toJson(first.stitching()), RunResults.toJson(again.stitching()),
                "the same seed gives the same stitching numbers");
    }

    @Test
    void disjointSettingReusesTheEndToEndChartAndAddsTheTaskBaselines() {
        StringBuilder log = new StringBuilder();
        ChartKind kind = new ChartKind("small-cnn", data, SmallCnn.factory());
        Experiment disjoint = Experiment.builder().setDataset(data).setSetting(new DisjointPlanner(2, 64)).optSeed(42)
                .optProfile(Profile.QUICK).optDeterministic(true).optMemberships(List.of(Membership.parse("oracle"), Membership.parse("top1-maxprob")))
                .optAggregations(List.of(Aggregation.PROCRUSTES, Aggregation.LSTSQ, Aggregation.SHIFTED_MEAN))
                .optChartKinds(kind, List.of(kind)).optEndToEndStore(dir.resolve("e2e")).build();
        RunResults r = logged(log, () -> disjoint.run(dir.resolve("disjoint")));
        assertTrue(log.toString().contains("task 0 (small-cnn): chart and embeddings reused"), log.toString());
        SpaceScores oneHot = r.space("abs+task-onehot [oracle]");
        assertNotNull(oneHot);
        assertEquals(r.space("naive [oracle]").rows().test(), oneHot.rows().test(),
                "each test sample has one chart in the disjoint setting");
        SpaceScores learned = r.space("abs+task-embedding [oracle]");
        assertEquals(oneHot.rows(), learned.rows());
        assertTrue(learned.probe().total() > 0.5, "abs+task-embedding probe " + learned.probe());
        assertNotNull(r.space("naive [oracle]").ckaVsEndToEndRel(), "one row per sample: CKA applies");
        double ckaTask = r.space("atlas [oracle]").ckaVsTaskAbs().total();
        assertTrue(ckaTask > 0 && ckaTask <= 1, "CKA atlas vs task abs " + ckaTask);
        assertEquals(1.0, r.space("atlas [top1-maxprob]").routing().charts(), 0.0);
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("oracle routing")), r.notes().toString());
        assertEquals(null, r.space("atlas [oracle]").probePaper(), "the paper protocol is the shared-classes setting's");
        // issue 14: the translated atlases under both modes, analysed like the atlas and flagged like their mode;
        // no shifted-mean: in the disjoint setting no training sample is in every chart under either mode
        assertEquals(List.of("mean", "procrustes", "lstsq", "shifted-mean"), r.provenance().aggregations());
        for (String label : List.of("atlas-procrustes [oracle]", "atlas-lstsq [oracle]", "atlas-procrustes [top1-maxprob]",
                "atlas-lstsq [top1-maxprob]")) {
            SpaceScores s = r.space(label);
            assertNotNull(s, label);
            assertEquals(!label.contains("oracle"), s.labelFree(), label);
            assertTrue(s.probe().total() > 0.3 && s.ckaVsEndToEndRel().total() > 0, label + " " + s.probe());
            assertNotNull(s.ckaVsTaskAbs(), label);
        }
        assertNull(r.space("atlas-shifted-mean [oracle]"));
        assertNull(r.space("atlas-shifted-mean [top1-maxprob]"));
        for (StitchedChart c : r.stitching().heads().get(0).charts()) {
            assertNull(c.shifted(), "oracle head, disjoint setting: no shared training sample, no shift");
            assertEquals(0.0, c.ownClassifier().unseen(), 0.0);
        }
    }

    /**
     * Issue 8: permuting the test labels (and re-planning, so that the oracle's test membership follows
     * them) leaves every label-free test atlas vector unchanged, and changes the oracle's.
     */
    @Test
    void labelFreeTestVectorsDoNotDependOnTestLabels() {
        ChartBank bank = new ChartBank(ProgressListener.NONE);
        TaskPlan plan = PLANNER.plan(DatasetLabels.of(data), 42);
        Dataset permuted = withPermutedTestLabels(data, 7);
        TaskPlan permutedPlan = PLANNER.plan(DatasetLabels.of(permuted), 42);
        for (int t = 0; t < plan.tasks().size(); t++) {
            assertArrayEquals(plan.tasks().get(t).trainIds(), permutedPlan.tasks().get(t).trainIds(),
                    "the training part of the plan does not depend on test labels");
        }
        List<ChartOutputs> charts = new ArrayList<>();
        List<ChartOutputs> permutedCharts = new ArrayList<>();
        ChartKind kind = new ChartKind("small-cnn", data, SmallCnn.factory());
        for (var task : plan.chartTasks()) {
            ChartOutputs c = bank.obtain(new ChartStore(dir.resolve("run")), task, kind,
                    Profile.QUICK.charts(true, 42, task.trainIds().length));
            charts.add(c);
            permutedCharts.add(relabelled(c, permuted));
        }
        SpaceBuilder original = new SpaceBuilder(EvaluationSet.of(plan), charts.get(0), charts);
        SpaceBuilder shuffled = new SpaceBuilder(EvaluationSet.of(permutedPlan), permutedCharts.get(0), permutedCharts);
        for (Membership mode : Membership.DEFAULT) {
            LatentSpace a = original.atlas(mode).test();
            LatentSpace b = shuffled.atlas(mode).test();
            boolean same = Arrays.equals(a.ids(), b.ids()) && Arrays.equals(a.rawVectors(), b.rawVectors());
            if (mode instanceof Membership.Oracle) {
                assertFalse(same, "the oracle's test vectors follow the labels");
            } else {
                assertTrue(same, mode.name() + ": a test atlas vector changed when only test labels changed");
            }
        }
        // issue 14: a stitched head's test vectors (one chart's own relative vectors, shifted by a mean over
        // training rows) do not change either, whichever membership the head was trained under
        Stitching stitching = new Stitching(EvaluationSet.of(plan), original);
        Stitching permutedStitching = new Stitching(EvaluationSet.of(permutedPlan), shuffled);
        for (Membership mode : List.of(Membership.ORACLE, Membership.ALL)) {
            for (int t = 1; t <= charts.size(); t++) {
                for (boolean shifted : new boolean[] {false, true}) {
                    LatentSpace a = stitching.testVectors(mode, "task-" + t, shifted);
                    LatentSpace b = permutedStitching.testVectors(mode, "task-" + t, shifted);
                    assertArrayEquals(a.ids(), b.ids());
                    assertArrayEquals(a.rawVectors(), b.rawVectors(), 0f, mode.name() + " task-" + t + " " + shifted);
                    assertFalse(Arrays.equals(a.labels(), b.labels()), "only the labels carried for scoring differ");
                }
            }
        }
    }

    private static ChartOutputs relabelled(ChartOutputs c, Dataset permuted) {
        LatentSpace e = c.embeddings();
        int[] labels = new int[e.size()];
        for (int i = 0; i < labels.length; i++) {
            Samples split = permuted.splitOf(e.id(i));
            labels[i] = split.labels()[split.rowOf(e.id(i))];
        }
        return new ChartOutputs(c.task(), c.kind(), c.classes(), e.withLabels(labels), c.probabilities(),
                c.testAccuracy(), c.epochs(), c.trainSeconds());
    }

    private static Dataset withPermutedTestLabels(Dataset d, long seed) {
        int[] labels = d.test().labels().clone();
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = labels.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = labels[i];
            labels[i] = labels[j];
            labels[j] = t;
        }
        Samples test = Samples.images(d.test().ids(), labels, d.test().shape(), d.test().pixels());
        return new Dataset(d.name(), d.classes(), d.train(), test, d.extraSplits(), d.fingerprint() + "|permuted",
                d.metadata());
    }
}
