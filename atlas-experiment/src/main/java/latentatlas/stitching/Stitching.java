package latentatlas.stitching;

import latentatlas.charts.ProgressListener;
import latentatlas.charts.TrainingConfig;
import latentatlas.evaluation.ChartOutputs;
import latentatlas.evaluation.EvaluatedSpace;
import latentatlas.evaluation.EvaluationSet;
import latentatlas.evaluation.Membership;
import latentatlas.evaluation.SpaceBuilder;
import latentatlas.membership.MembershipWeights;
import latentatlas.probe.Probe;
import latentatlas.space.LatentSpace;

import java.util.ArrayList;
import java.util.List;

/**
 * Zero-shot stitching behind the atlas (docs/method.md §9; the reference's {@code federated_learning}
 * script). A head {@code h} (the probe of docs/method.md §6) is trained on the atlas' training rows of a
 * membership mode; then each chart {@code t} alone classifies every test sample {@code x} as
 * <pre>
 *     h(rel_t(x))          stitched
 *     h(rel_t(x) + s_t)    shifted,  s_t = (1/|S_t|) sum_{i in S_t} (atlas(i) - rel_t(i))
 * </pre>
 * where {@code rel_t(x)} is the chart's own relative vector (cosine to the chart's embeddings of the
 * anchors) and {@code S_t} the shared training samples: those the mode gives to chart {@code t} and to at
 * least one other chart (for the end-to-end chart, which embeds every sample, all atlas training rows).
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

    /** A chart behind the head: its relative rows on the training and the test samples, and its classes. */
    private record Behind(ChartOutputs outputs, LatentSpace relTrain, LatentSpace relTest, int[] classes,
                          long[] sharedIds, boolean endToEnd) {
    }

    /**
     * @param memberships the modes whose atlas training rows train a head each (the issue's: oracle and all)
     * @param head the heads' training configuration (the probe's)
     * @param listener receives the heads' training progress
     * @return every head with every chart behind it, and the end-to-end classifier
     */
    public StitchingResults evaluate(List<Membership> memberships, TrainingConfig head, ProgressListener listener) {
        List<StitchedHead> heads = new ArrayList<>();
        for (Membership m : memberships) {
            heads.add(head(m, head, listener));
        }
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
        List<Behind> behind = behind(builder.trainWeights(membership));
        try (Probe h = Probe.fit(atlas.train(), config, listener)) {
            ClassAccuracy onAtlas = ClassAccuracy.of(atlas.test().labels(), h.predict(atlas.test()), eval.classes());
            List<StitchedChart> charts = new ArrayList<>();
            StitchedChart endToEnd = null;
            for (Behind b : behind) {
                StitchedChart c = stitch(h, atlas.train(), b);
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
     * @throws IllegalArgumentException when {@code shifted} is asked and the chart shares no training sample
     */
    public LatentSpace testVectors(Membership membership, String chart, boolean shifted) {
        EvaluatedSpace atlas = builder.atlas(membership);
        Behind b = behind(builder.trainWeights(membership)).stream().filter(x -> x.outputs().name().equals(chart))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no chart " + chart));
        if (!shifted) {
            return b.relTest();
        }
        if (b.sharedIds().length == 0) {
            throw new IllegalArgumentException(chart + " shares no training sample under " + membership.name());
        }
        return plus(b.relTest(), shift(atlas.train(), b.relTrain(), b.sharedIds()));
    }

    private StitchedChart stitch(Probe h, LatentSpace atlasTrain, Behind b) {
        int[] truth = b.relTest().labels();
        ClassAccuracy own = b.endToEnd() ? null : ClassAccuracy.of(truth, classify(b.outputs(), b.relTest()), b.classes());
        ClassAccuracy stitched = ClassAccuracy.of(truth, h.predict(b.relTest()), b.classes());
        if (b.sharedIds().length == 0) {
            return new StitchedChart(b.outputs().name(), b.classes(), own, stitched, null, 0, null);
        }
        float[] s = shift(atlasTrain, b.relTrain(), b.sharedIds());
        ClassAccuracy shifted = ClassAccuracy.of(truth, h.predict(plus(b.relTest(), s)), b.classes());
        double norm = 0;
        for (float v : s) {
            norm += (double) v * v;
        }
        return new StitchedChart(b.outputs().name(), b.classes(), own, stitched, shifted, b.sharedIds().length,
                Math.sqrt(norm));
    }

    /** The end-to-end chart first, then the task charts, each with its shared training samples under {@code w}. */
    private List<Behind> behind(MembershipWeights w) {
        List<Behind> out = new ArrayList<>();
        List<EvaluatedSpace> e2e = builder.endToEnd();
        out.add(new Behind(builder.endToEndOutputs(), e2e.get(1).train(), e2e.get(1).test(), eval.classes(), w.ids(),
                true));
        for (int t = 0; t < builder.charts().size(); t++) {
            final int chart = t;
            long[] shared = java.util.stream.IntStream.range(0, w.ids().length)
                    .filter(i -> w.member(i, chart) && w.coverage(i) >= 2).mapToLong(i -> w.ids()[i]).toArray();
            out.add(new Behind(builder.charts().get(t), builder.chartRelativeTrain(t), builder.chartRelativeTest(t),
                    eval.chartClasses().get(t), shared, false));
        }
        return out;
    }

    /**
     * The chart's shift, {@code s_t = (1/|S|) sum_{i in S} (atlas(i) - rel_t(i))}, summed in double.
     *
     * @param atlasTrain the atlas' training rows
     * @param relTrain the chart's relative rows of the training samples
     * @param ids the shared training samples S, each in both
     * @return {@code s_t}, one value per anchor
     */
    static float[] shift(LatentSpace atlasTrain, LatentSpace relTrain, long[] ids) {
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

    /** @return {@code space} with {@code s} added to every row (same ids and labels) */
    private static LatentSpace plus(LatentSpace space, float[] s) {
        float[] v = space.rawVectors().clone();
        for (int i = 0; i < v.length; i++) {
            v[i] += s[i % s.length];
        }
        return LatentSpace.of("shifted relative vectors", space.ids(), v, space.dim(),
                space.hasLabels() ? space.labels() : null);
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
