package latentatlas.evaluation;

import latentatlas.atlas.Aggregation;
import latentatlas.atlas.AtlasBuilder;
import latentatlas.atlas.ChartSpace;
import latentatlas.atlas.FittedAtlas;
import latentatlas.atlas.NaiveUnion;
import latentatlas.membership.ChartPredictions;
import latentatlas.membership.MembershipWeights;
import latentatlas.membership.RoutingQuality;
import latentatlas.relative.Normalization;
import latentatlas.relative.RelativeProjector;
import latentatlas.relative.Similarity;
import latentatlas.space.LatentSpace;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Builds the spaces of docs/method.md §5 from the charts' cached outputs: the end-to-end model's absolute
 * and relative spaces, and for every membership rule the atlas ({@code atlas(x) = sum_t w_t(x)
 * rel_t(x) / sum_t w_t(x)}, relative = cosine to the anchors embedded by the same chart) and the naive
 * union of absolute rows; in the disjoint setting also the absolute embedding of the sample's chart
 * concatenated with a one-hot task id (oracle routing, as the reference does); the runner derives the
 * learned-task-embedding baseline from it ({@link latentatlas.probe.TaskEmbedding}).
 *
 * <p>A rule is applied to the training samples and, separately, to the test samples, from the charts'
 * classifier outputs on those samples only; the oracle rule reads the plan's task contents instead.
 * A label-free rule therefore never sees a test label.
 *
 * <p>Deterministic (a space asked again has the same rows) and safe to use from several threads at once.
 */
public final class SpaceBuilder {
    private final EvaluationSet eval;
    private final ChartOutputs endToEnd;
    private final List<ChartOutputs> charts;
    private final List<String> names = new ArrayList<>();
    private final List<LatentSpace> absTrain = new ArrayList<>();
    private final List<LatentSpace> absTest = new ArrayList<>();
    private final FittedAtlas relTrain;
    private final FittedAtlas relTest;
    /** The translated atlases' fits (they depend on the anchors alone, not on the membership), by aggregation. */
    private final Map<Aggregation, FittedAtlas> translated = new EnumMap<>(Aggregation.class);
    /** The relative projection of every space: cosine to the anchors, no normalization (the paper's). */
    private static final Similarity SIMILARITY = Similarity.COSINE;
    private static final Normalization NORMALIZATION = Normalization.NONE;

    /**
     * @param eval the evaluation samples
     * @param endToEnd the end-to-end chart's outputs
     * @param charts the task charts' outputs, in task order
     */
    public SpaceBuilder(EvaluationSet eval, ChartOutputs endToEnd, List<ChartOutputs> charts) {
        this.eval = eval;
        this.endToEnd = endToEnd;
        this.charts = List.copyOf(charts);
        AtlasBuilder trainAtlas = atlasBuilder();
        AtlasBuilder testAtlas = atlasBuilder();
        for (ChartOutputs c : charts) {
            LatentSpace train = c.embeddings().select(c.name() + " train", eval.trainIds());
            LatentSpace test = c.embeddings().select(c.name() + " test", eval.testIds());
            names.add(c.name());
            absTrain.add(train);
            absTest.add(test);
            trainAtlas.addChart(c.name(), train, c.embeddings());
            testAtlas.addChart(c.name(), test, c.embeddings());
        }
        relTrain = trainAtlas.fit();
        relTest = testAtlas.fit();
    }

    /** @return the end-to-end absolute and relative spaces */
    public List<EvaluatedSpace> endToEnd() {
        LatentSpace train = endToEnd.embeddings().select("end-to-end train", eval.trainIds());
        LatentSpace test = endToEnd.embeddings().select("end-to-end test", eval.testIds());
        RelativeProjector p = AtlasBuilder.fitChart("end-to-end", eval.anchorIds(), endToEnd.embeddings(),
                SIMILARITY, NORMALIZATION);
        return List.of(new EvaluatedSpace(SpaceKind.END_TO_END_ABS, null, train, test, null, null, null),
                new EvaluatedSpace(SpaceKind.END_TO_END_REL, null, p.apply(train), p.apply(test), null, null, null));
    }

    /**
     * @param membership a membership mode
     * @return the naive union of the charts' absolute rows under that mode (one row per sample and chart
     *     that embeds it)
     */
    public EvaluatedSpace naive(Membership membership) {
        MembershipWeights wTrain = trainWeights(membership);
        MembershipWeights wTest = testWeights(membership);
        NaiveUnion naiveTest = NaiveUnion.of(names, absTest, wTest);
        NaiveUnion naiveTrain = NaiveUnion.of(names, absTrain, wTrain);
        return new EvaluatedSpace(SpaceKind.NAIVE, membership, naiveTrain.space(), naiveTest.space(),
                naiveTrain.sampleIds(), naiveTest.sampleIds(), routing(membership, wTest));
    }

    /**
     * @param membership a membership mode
     * @return {@link SpaceKind#TASK_ONE_HOT} under that mode: each sample's absolute row in the chart of its
     *     largest weight, followed by that chart's one-hot task id (the disjoint setting's baseline)
     */
    public EvaluatedSpace taskOneHot(Membership membership) {
        MembershipWeights wTrain = trainWeights(membership);
        MembershipWeights wTest = testWeights(membership);
        return new EvaluatedSpace(SpaceKind.TASK_ONE_HOT, membership, withTaskOneHot(absTrain, wTrain),
                withTaskOneHot(absTest, wTest), null, null, routing(membership, wTest));
    }

    /**
     * The atlas of another aggregation (docs/method.md §9), fitted on the training rows alone and applied to
     * the test rows through its {@link latentatlas.atlas.AtlasModel}: a translation
     * ({@link Aggregation#PROCRUSTES}, {@link Aggregation#LSTSQ}) maps each chart's absolute rows into the
     * first chart's space by a map fitted on the anchors; {@link Aggregation#SHIFTED_MEAN} adds each chart's
     * shift, fitted on {@link #sharedTrainIds} of the mode. Then the mode's weighted mean, as for the atlas.
     *
     * @param membership a membership mode
     * @param aggregation an aggregation that averages
     * @return the atlas of that mode and aggregation, or {@code null} for {@link Aggregation#SHIFTED_MEAN}
     *     when the mode gives no training sample to every chart (no shift is defined)
     * @throws IllegalArgumentException for {@link Aggregation#FIRST}
     */
    public EvaluatedSpace atlas(Membership membership, Aggregation aggregation) {
        SpaceKind kind = SpaceKind.atlasOf(aggregation);
        if (aggregation == Aggregation.MEAN) {
            return atlas(membership);
        }
        MembershipWeights wTrain = trainWeights(membership);
        FittedAtlas fitted;
        if (aggregation == Aggregation.SHIFTED_MEAN) {
            long[] shared = sharedIds(wTrain);
            if (shared.length == 0) {
                return null;
            }
            fitted = fitOnTraining(aggregation, shared);
        } else {
            synchronized (translated) {
                fitted = translated.computeIfAbsent(aggregation, a -> fitOnTraining(a, null));
            }
        }
        MembershipWeights wTest = testWeights(membership);
        List<ChartSpace> test = new ArrayList<>();
        for (int t = 0; t < names.size(); t++) {
            test.add(new ChartSpace(names.get(t), absTest.get(t)));
        }
        return new EvaluatedSpace(kind, membership, fitted.merge(wTrain).space(),
                fitted.model().transform(test, wTest).space(), null, null, routing(membership, wTest));
    }

    /** The charts' training rows fitted under {@code aggregation} (shifts over {@code shiftIds} when given). */
    private FittedAtlas fitOnTraining(Aggregation aggregation, long[] shiftIds) {
        AtlasBuilder b = atlasBuilder().optAggregation(aggregation);
        if (shiftIds != null) {
            b.optShiftIds(shiftIds);
        }
        for (int t = 0; t < names.size(); t++) {
            b.addChart(names.get(t), absTrain.get(t), charts.get(t).embeddings());
        }
        return b.fit();
    }

    /**
     * The set S of the per-chart shifts (docs/method.md §9): the training samples that the mode gives to
     * every chart (under {@code oracle} in the shared-classes setting, those of the shared classes; under
     * {@code all}, every one). Only training rows and the training membership take part.
     *
     * @param membership a membership mode
     * @return those training ids, in {@link EvaluationSet#trainIds()} order; empty when there is none
     */
    public long[] sharedTrainIds(Membership membership) {
        return sharedIds(trainWeights(membership));
    }

    private long[] sharedIds(MembershipWeights w) {
        return IntStream.range(0, w.ids().length).filter(i -> w.coverage(i) == charts.size())
                .mapToLong(i -> w.ids()[i]).toArray();
    }

    /**
     * @param ids the set S, training ids (e.g. {@link #sharedTrainIds})
     * @return per task chart, in task order, its shift {@code s_t = mean over S of (mean_u rel_u(i) - rel_t(i))}
     *     ({@link FittedAtlas#shifts})
     */
    public Map<String, float[]> shifts(long[] ids) {
        return relTrain.shifts(ids);
    }

    /**
     * @param membership a membership mode
     * @return the atlas under that mode: the weighted mean of the charts' relative rows
     */
    public EvaluatedSpace atlas(Membership membership) {
        MembershipWeights wTest = testWeights(membership);
        return atlas(membership, trainWeights(membership), wTest, routing(membership, wTest));
    }

    private EvaluatedSpace atlas(Membership membership, MembershipWeights wTrain, MembershipWeights wTest,
                                 Routing routing) {
        return new EvaluatedSpace(SpaceKind.ATLAS, membership, relTrain.merge(wTrain).space(),
                relTest.merge(wTest).space(), null, null, routing);
    }

    private MembershipWeights testWeights(Membership membership) {
        return membership.on(eval.oracleTest()).assign(predictions(eval.testIds()));
    }

    /**
     * @param membership a membership mode
     * @return its weights on the training samples ({@link EvaluationSet#trainIds()}), one column per chart
     *     in task order: from the plan's task contents for the oracle, from the charts' predictions otherwise
     */
    public MembershipWeights trainWeights(Membership membership) {
        return membership.on(eval.oracleTrain()).assign(predictions(eval.trainIds()));
    }

    /** @return the task charts' outputs, in task order */
    public List<ChartOutputs> charts() {
        return charts;
    }

    /** @return the end-to-end chart's outputs */
    public ChartOutputs endToEndOutputs() {
        return endToEnd;
    }

    /**
     * @param chart a task chart's position (0 = task 1)
     * @return its relative space {@code rel_t} on every test sample: the chart alone embeds each of them,
     *     so no label and no membership decision enters these rows
     */
    public LatentSpace chartRelativeTest(int chart) {
        return relTest.relativeSpaces().get(chart).space();
    }

    /** @return the routing quality of a rule that decides from predictions; {@code null} for the oracle */
    private Routing routing(Membership membership, MembershipWeights w) {
        if (membership instanceof Membership.Oracle) {
            return null;
        }
        int[] labels = endToEnd.embeddings().select("labels", eval.testIds()).labels();
        double[] q = RoutingQuality.of(w, eval.chartClasses(), labels);
        double members = 0;
        for (int i = 0; i < w.ids().length; i++) {
            members += w.coverage(i);
        }
        return new Routing(q[0], q[1], members / w.ids().length);
    }

    /** {@code [e_t*(x), onehot(t*)]} with {@code t*} the chart of largest weight for x. */
    private static LatentSpace withTaskOneHot(List<LatentSpace> abs, MembershipWeights w) {
        int charts = abs.size();
        int d = abs.get(0).dim();
        int width = d + charts;
        long[] ids = w.ids();
        float[] v = new float[ids.length * width];
        int[] labels = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            int top = 0;
            for (int t = 1; t < charts; t++) {
                if (w.weight(i, t) > w.weight(i, top)) {
                    top = t;
                }
            }
            LatentSpace s = abs.get(top);
            int row = s.rowOf(ids[i]);
            System.arraycopy(s.rawVectors(), row * d, v, i * width, d);
            v[i * width + d + top] = 1;
            labels[i] = s.label(row);
        }
        return LatentSpace.of(SpaceKind.TASK_ONE_HOT.externalName(), ids, v, width, labels);
    }

    private List<ChartPredictions> predictions(long[] ids) {
        List<ChartPredictions> out = new ArrayList<>();
        for (ChartOutputs c : charts) {
            int k = c.classes().length;
            float[] p = new float[ids.length * k];
            LatentSpace all = c.embeddings();
            for (int i = 0; i < ids.length; i++) {
                System.arraycopy(c.probabilities(), all.rowOf(ids[i]) * k, p, i * k, k);
            }
            out.add(new ChartPredictions(c.classes(), ids, p));
        }
        return out;
    }

    /** The atlas recipe of docs/method.md §2 on the plan's anchors, each chart fitted on its own anchor rows. */
    private AtlasBuilder atlasBuilder() {
        return AtlasBuilder.builder().setAnchors(eval.anchorIds()).optSimilarity(SIMILARITY)
                .optNormalization(NORMALIZATION);
    }
}
