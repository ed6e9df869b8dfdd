package latentatlas.stitching;

import latentatlas.charts.ProgressListener;
import latentatlas.charts.TrainingConfig;
import latentatlas.charts.TrainingSchedule;
import latentatlas.evaluation.ChartOutputs;
import latentatlas.evaluation.EvaluatedSpace;
import latentatlas.evaluation.EvaluationSet;
import latentatlas.evaluation.Membership;
import latentatlas.evaluation.SpaceBuilder;
import latentatlas.atlas.Shifts;
import latentatlas.probe.Probe;
import latentatlas.space.LatentSpace;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Zero-shot stitching behind the atlas (docs/method.md §9; the reference's {@code federated_learning}
 * script). A head {@code h} (the probe of docs/method.md §6) is trained on the atlas' training rows of a
 * membership mode; then each chart {@code t} alone classifies every test sample {@code x} as
 * <pre>
 *     h(rel_t(x))          stitched
 *     h(rel_t(x) + s_t)    shifted,  s_t = (1/|S_t|) sum_{i in S_t} (atlas(i) - rel_t(i))
 * </pre>
 * where {@code rel_t(x)} is the chart's own relative vector (cosine to the chart's embeddings of the
 * anchors) and {@code S_t = S} the shared training samples: those the mode gives to every chart, where the
 * atlas row is the plain mean of the charts' rows (the core's {@link latentatlas.atlas.Shifts}); the
 * end-to-end chart, which is not one of the atlas' charts, gets its offset from the atlas rows over the same S.
 * Only training rows enter {@code h} and {@code s_t}; a test vector is computed from the chart's
 * embedding of that one sample, so no test label (and no membership decision) enters it: the stitched
 * numbers are deployable with a single chart. Each chart is scored on every test sample, also on the
 * classes its task never had, beside its own classifier (which predicts only its classes) and the
 * end-to-end model.
 *
 * <p>Usage:
 * <pre>
 * Stitching stitching = new Stitching(eval, spaceBuilder);
 * StitchingResults r = stitching.evaluate(List.of(Membership.ORACLE, Membership.ALL), TrainingConfig.probe(),
 *         ProgressListener.NONE);
 * LatentSpace vectors = stitching.testVectors(Membership.ALL, "task-1", true);   // rel_1(x) + s_1
 * </pre>
 */
public final class Stitching {
    private final EvaluationSet eval;
    private final SpaceBuilder builder;

    /**
     * @param eval the evaluation samples
     * @param builder the spaces of the same samples (the charts' relative spaces and the atlas)
     */
    public Stitching(EvaluationSet eval, SpaceBuilder builder) {
        this.eval = eval;
        this.builder = builder;
    }

    /** A chart behind the head: its relative rows of the test samples, its classes, its shift ({@code null}: none). */
    private record Behind(ChartOutputs outputs, LatentSpace relTest, int[] classes, float[] shift, int sharedSamples,
                          boolean endToEnd) {
    }

    /**
     * The heads train at once on a {@link TrainingSchedule}, one PyTorch thread each (so the same on every
     * machine).
     *
     * @param memberships the modes whose atlas training rows train a head each (the issue's: oracle and all)
     * @param head the heads' training configuration (the probe's)
     * @param listener receives the heads' training progress
     * @return every head with every chart behind it, and the end-to-end classifier
     */
    public StitchingResults evaluate(List<Membership> memberships, TrainingConfig head, ProgressListener listener) {
        ProgressListener shown = ProgressListener.oneAtATime(listener);
        List<StitchedHead> heads = TrainingSchedule.perCore().run(memberships.stream()
                .map(m -> (Supplier<StitchedHead>) () -> head(m, head, shown)).toList());
        ChartOutputs e2e = builder.endToEndOutputs();
        LatentSpace test = e2e.embeddings().select("end-to-end test", eval.testIds());
        return new StitchingResults(ClassAccuracy.of(test.labels(), classify(e2e, test), eval.classes()), heads);
    }

    /**
     * @param membership the mode of the atlas training rows
     * @param config the head's training configuration
     * @param listener receives its training progress
     * @return the head on its atlas' test rows and behind every chart, with and without the shift
     */
    public StitchedHead head(Membership membership, TrainingConfig config, ProgressListener listener) {
        EvaluatedSpace atlas = builder.atlas(membership);
        List<Behind> behind = behind(membership, atlas.train());
        try (Probe h = Probe.fit(atlas.train(), config, listener)) {
            ClassAccuracy onAtlas = ClassAccuracy.of(atlas.test().labels(), h.predict(atlas.test()), eval.classes());
            List<StitchedChart> charts = new ArrayList<>();
            StitchedChart endToEnd = null;
            for (Behind b : behind) {
                StitchedChart c = stitch(h, b);
                if (b.endToEnd()) {
                    endToEnd = c;
                } else {
                    charts.add(c);
                }
            }
            return new StitchedHead(membership.name(), onAtlas, charts, endToEnd);
        }
    }

    /**
     * The test vectors a head of {@code membership} classifies behind one chart: {@code rel_t(x)}, or
     * {@code rel_t(x) + s_t}. They are computed from the chart's embeddings of the test samples and from
     * training rows only; their labels are carried along for scoring and take no part.
     *
     * @param membership the mode of the atlas training rows (it decides the shared training samples)
     * @param chart a chart's name, {@code task-1} ... or {@code task-0} for the end-to-end chart
     * @param shifted add the shift {@code s_t}
     * @return one row per test sample ({@link EvaluationSet#testIds()})
     * @throws IllegalArgumentException when {@code shifted} is asked and the mode has no shared training sample
     */
    public LatentSpace testVectors(Membership membership, String chart, boolean shifted) {
        Behind b = behind(membership, builder.atlas(membership).train()).stream()
                .filter(x -> x.outputs().name().equals(chart)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no chart " + chart));
        if (!shifted) {
            return b.relTest();
        }
        if (b.shift() == null) {
            throw new IllegalArgumentException(chart + ": no training sample is shared under " + membership.name());
        }
        return Shifts.apply(b.relTest(), b.shift());
    }

    private StitchedChart stitch(Probe h, Behind b) {
        int[] truth = b.relTest().labels();
        ClassAccuracy own = b.endToEnd() ? null : ClassAccuracy.of(truth, classify(b.outputs(), b.relTest()), b.classes());
        ClassAccuracy stitched = ClassAccuracy.of(truth, h.predict(b.relTest()), b.classes());
        if (b.shift() == null) {
            return new StitchedChart(b.outputs().name(), b.classes(), own, stitched, null, 0, null);
        }
        ClassAccuracy shifted = ClassAccuracy.of(truth, h.predict(Shifts.apply(b.relTest(), b.shift())), b.classes());
        double norm = 0;
        for (float v : b.shift()) {
            norm += (double) v * v;
        }
        return new StitchedChart(b.outputs().name(), b.classes(), own, stitched, shifted, b.sharedSamples(),
                Math.sqrt(norm));
    }

    /**
     * The end-to-end chart first, then the task charts, each with its shift over the shared training samples
     * S of {@code membership} ({@link SpaceBuilder#sharedTrainIds}), or none when S is empty. A task chart's
     * shift is the core's ({@link SpaceBuilder#shifts}: on S every chart embeds the sample, so the atlas row
     * is the plain mean of the charts' rows); the end-to-end chart, not one of the atlas' charts, is shifted
     * by its offset from the atlas rows over the same S ({@link #offset}).
     */
    private List<Behind> behind(Membership membership, LatentSpace atlasTrain) {
        long[] shared = builder.sharedTrainIds(membership);
        List<Behind> out = new ArrayList<>();
        List<EvaluatedSpace> e2e = builder.endToEnd();
        out.add(new Behind(builder.endToEndOutputs(), e2e.get(1).test(), eval.classes(),
                shared.length == 0 ? null : offset(atlasTrain, e2e.get(1).train(), shared), shared.length, true));
        Map<String, float[]> shifts = shared.length == 0 ? Map.of() : builder.shifts(shared);
        for (int t = 0; t < builder.charts().size(); t++) {
            ChartOutputs c = builder.charts().get(t);
            out.add(new Behind(c, builder.chartRelativeTest(t), eval.chartClasses().get(t), shifts.get(c.name()),
                    shared.length, false));
        }
        return out;
    }

    /**
     * The shift of a chart that is not one of the atlas' charts, {@code s = (1/|S|) sum_{i in S} (atlas(i) -
     * rel(i))}, summed in double: the mean offset of its relative rows from the atlas rows.
     *
     * @param atlasTrain the atlas' training rows
     * @param relTrain the chart's relative rows of the training samples
     * @param ids the shared training samples S, each in both
     * @return {@code s}, one value per anchor
     */
    static float[] offset(LatentSpace atlasTrain, LatentSpace relTrain, long[] ids) {
        int d = atlasTrain.dim();
        double[] sum = new double[d];
        for (long id : ids) {
            float[] a = atlasTrain.row(atlasTrain.rowOf(id));
            float[] r = relTrain.row(relTrain.rowOf(id));
            for (int j = 0; j < d; j++) {
                sum[j] += (double) a[j] - r[j];
            }
        }
        float[] s = new float[d];
        for (int j = 0; j < d; j++) {
            s[j] = (float) (sum[j] / ids.length);
        }
        return s;
    }

    /** @return the class the chart's own classifier gives each row of {@code rows} (the argmax of its softmax) */
    private static int[] classify(ChartOutputs chart, LatentSpace rows) {
        int k = chart.classes().length;
        LatentSpace all = chart.embeddings();
        int[] out = new int[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            int base = all.rowOf(rows.id(i)) * k;
            int best = 0;
            for (int c = 1; c < k; c++) {
                if (chart.probabilities()[base + c] > chart.probabilities()[base + best]) {
                    best = c;
                }
            }
            out[i] = chart.classes()[best];
        }
        return out;
    }
}
