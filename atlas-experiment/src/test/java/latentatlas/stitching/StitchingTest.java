package latentatlas.stitching;

import latentatlas.charts.ProgressListener;
import latentatlas.charts.TrainingConfig;
import latentatlas.evaluation.ChartOutputs;
import latentatlas.evaluation.EvaluationSet;
import latentatlas.evaluation.Membership;
import latentatlas.evaluation.SpaceBuilder;
import latentatlas.space.LatentSpace;
import latentatlas.tasks.DatasetLabels;
import latentatlas.tasks.SharedClassesPlanner;
import latentatlas.tasks.TaskPlan;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.IntUnaryOperator;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stitching on hand-made charts: 6 classes in 8 dimensions (class c around 3 e_c, unit noise), the
 * shared-classes plan S = 2, N = 2 (two task charts), every chart a different random rotation of the same
 * points (cosine relative vectors are invariant to it, so a head trained on the atlas must work behind
 * each chart), each chart's classifier the softmax of minus the squared distance to its own classes' means.
 */
class StitchingTest {
    private static final int CLASSES = 6;
    private static final int DIM = 8;
    private static final int TRAIN_PER_CLASS = 60;
    private static final int TEST_PER_CLASS = 20;
    private static final int TRAIN = CLASSES * TRAIN_PER_CLASS;
    private static final TrainingConfig HEAD = TrainingConfig.probe().withMaxEpochs(20).withSeed(7)
            .withDeterministic(true);

    /**
     * The check: the stitched head's test vectors use no test label. The same charts are given
     * with their test labels permuted, and with every test label 0: every test vector behind every chart
     * (end-to-end included), with and without the shift, under both heads, is bit for bit the same; only
     * the accuracies, which compare predictions with the labels, change. (The plan, and with it which
     * test samples are evaluated, is kept: here it holds every test sample whatever their labels.)
     */
    @Test
    void testVectorsUseNoTestLabel() {
        Random random = new Random(11);
        int[] permutation = shuffled(CLASSES * TEST_PER_CLASS, random);
        Stitching truth = stitching(i -> i);
        Stitching permuted = stitching(i -> i < TRAIN ? i : TRAIN + permutation[i - TRAIN]);
        Stitching zero = stitching(i -> i < TRAIN ? i : -1);
        for (Membership m : List.of(Membership.ORACLE, Membership.ALL)) {
            for (String chart : List.of("task-0", "task-1", "task-2")) {
                for (boolean shifted : new boolean[] {false, true}) {
                    LatentSpace a = truth.testVectors(m, chart, shifted);
                    assertEquals(CLASSES * TEST_PER_CLASS, a.size());
                    for (Stitching other : List.of(permuted, zero)) {
                        LatentSpace b = other.testVectors(m, chart, shifted);
                        assertArrayEquals(a.ids(), b.ids());
                        assertArrayEquals(a.rawVectors(), b.rawVectors(), 0f, m.name() + " " + chart + " " + shifted);
                    }
                }
            }
            LatentSpace plain = truth.testVectors(m, "task-1", false);
            assertTrue(!Arrays.equals(plain.labels(), permuted.testVectors(m, "task-1", false).labels()),
                    "the labels carried for scoring did change");
        }
        StitchedHead right = truth.head(Membership.ALL, HEAD, ProgressListener.NONE);
        StitchedHead wrong = permuted.head(Membership.ALL, HEAD, ProgressListener.NONE);
        for (int t = 0; t < 2; t++) {
            // rotated copies of separable classes: the head works behind each chart; against permuted labels
            // the same predictions score near chance (1/6)
            assertTrue(right.charts().get(t).stitched().all() > 0.8, right.toString());
            assertTrue(wrong.charts().get(t).stitched().all() < 0.4, wrong.toString());
        }
    }

    /**
     * Under {@code all} every training sample is shared, so the shift of task 1 is the mean over all of them
     * of {@code (rel_1(i) + rel_2(i)) / 2 - rel_1(i)}, with the relative vectors recomputed here as the cosine
     * of each chart's embedding with its embeddings of the plan's anchors; the shifted vectors are the plain
     * ones plus that one row. Under the oracle the shared samples are those of the 2 shared classes, every
     * one in both tasks.
     */
    @Test
    void shiftIsTheMeanOffsetOverSharedTrainingSamples() {
        Stitching s = stitching(i -> i);
        List<ChartOutputs> charts = charts(i -> i);
        long[] anchors = plan().anchorIds();
        double[] expected = new double[anchors.length];
        for (int i = 0; i < TRAIN; i++) {
            double[] r1 = cosines(charts.get(1).embeddings(), i, anchors);
            double[] r2 = cosines(charts.get(2).embeddings(), i, anchors);
            for (int k = 0; k < anchors.length; k++) {
                expected[k] += ((r1[k] + r2[k]) / 2 - r1[k]) / TRAIN;
            }
        }
        LatentSpace plain = s.testVectors(Membership.ALL, "task-1", false);
        LatentSpace shifted = s.testVectors(Membership.ALL, "task-1", true);
        for (int i = 0; i < plain.size(); i += 17) {
            for (int k = 0; k < plain.dim(); k++) {
                assertEquals(expected[k], shifted.rawVectors()[i * plain.dim() + k] - plain.rawVectors()[i * plain.dim() + k],
                        1e-5);
            }
        }
        StitchedHead oracle = s.head(Membership.ORACLE, HEAD, ProgressListener.NONE);
        for (StitchedChart c : oracle.charts()) {
            assertEquals(2 * TRAIN_PER_CLASS, c.shiftSamples(), "the shared classes' training samples");
            assertNotNull(c.shifted());
            assertNotNull(c.ownClassifier());
            assertEquals(4, c.classes().length);
            assertNotNull(c.stitched().unseen(), "2 classes each chart never saw");
        }
        assertNull(oracle.endToEnd().ownClassifier(), "the end-to-end classifier is reported once, beside the heads");
        assertEquals(2 * TRAIN_PER_CLASS, oracle.endToEnd().shiftSamples(), "the end-to-end chart: the same S");
    }

    /** @return the cosine of sample {@code id}'s row with each anchor's row of the same space */
    private static double[] cosines(LatentSpace space, long id, long[] anchors) {
        float[] x = space.row(space.rowOf(id));
        double[] out = new double[anchors.length];
        for (int j = 0; j < anchors.length; j++) {
            float[] a = space.row(space.rowOf(anchors[j]));
            double dot = 0;
            double nx = 0;
            double na = 0;
            for (int k = 0; k < x.length; k++) {
                dot += (double) x[k] * a[k];
                nx += (double) x[k] * x[k];
                na += (double) a[k] * a[k];
            }
            out[j] = dot / Math.sqrt(nx * na);
        }
        return out;
    }

    private static Stitching stitching(IntUnaryOperator labelOf) {
        List<ChartOutputs> charts = charts(labelOf);
        EvaluationSet eval = EvaluationSet.of(plan());
        return new Stitching(eval, new SpaceBuilder(eval, charts.get(0), charts.subList(1, 3)));
    }

    /**
     * @param labelOf from a sample's id to the id whose true label it carries (-1: label 0); the plan is
     *     always made from the true labels
     * @return the end-to-end chart, then the two task charts
     */
    private static List<ChartOutputs> charts(IntUnaryOperator labelOf) {
        TaskPlan plan = plan();
        int n = CLASSES * (TRAIN_PER_CLASS + TEST_PER_CLASS);
        float[] points = new float[n * DIM];
        Random noise = new Random(3);
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < DIM; k++) {
                points[i * DIM + k] = (float) noise.nextGaussian() + (k == trueLabel(i) ? 3f : 0f);
            }
        }
        int[] labels = IntStream.range(0, n).map(i -> labelOf.applyAsInt(i) < 0 ? 0 : trueLabel(labelOf.applyAsInt(i)))
                .toArray();
        long[] ids = IntStream.range(0, n).asLongStream().toArray();
        List<ChartOutputs> charts = new ArrayList<>();
        for (int t = 0; t <= 2; t++) {
            int[] classes = t == 0 ? IntStream.range(0, CLASSES).toArray() : plan.chartTasks().get(t - 1).classes();
            float[] rotated = rotate(points, new Random(100 + t));
            charts.add(new ChartOutputs(t, "hand-made", classes, LatentSpace.of("chart " + t, ids, rotated, DIM, labels),
                    softmax(points, classes), 1.0, 1, 0));
        }
        return charts;
    }

    /** Train ids 0..359 (60 per class, class = id / 60), test ids 360..479 (20 per class). */
    private static int trueLabel(int id) {
        return id < TRAIN ? id / TRAIN_PER_CLASS : (id - TRAIN) / TEST_PER_CLASS;
    }

    private static TaskPlan plan() {
        long[] train = IntStream.range(0, TRAIN).asLongStream().toArray();
        long[] test = IntStream.range(TRAIN, TRAIN + CLASSES * TEST_PER_CLASS).asLongStream().toArray();
        List<String> names = IntStream.range(0, CLASSES).mapToObj(c -> "c" + c).toList();
        DatasetLabels labels = new DatasetLabels("hand-made", "none", names, train,
                IntStream.range(0, TRAIN).map(StitchingTest::trueLabel).toArray(), test,
                IntStream.range(TRAIN, TRAIN + CLASSES * TEST_PER_CLASS).map(StitchingTest::trueLabel).toArray());
        return new SharedClassesPlanner(2, 2, 12).plan(labels, 5);
    }

    /** Every row times one seeded random orthogonal matrix (Gram-Schmidt of a Gaussian matrix). */
    private static float[] rotate(float[] points, Random random) {
        double[][] q = new double[DIM][DIM];
        for (int r = 0; r < DIM; r++) {
            for (int c = 0; c < DIM; c++) {
                q[r][c] = random.nextGaussian();
            }
            for (int p = 0; p < r; p++) {
                double dot = 0;
                for (int c = 0; c < DIM; c++) {
                    dot += q[r][c] * q[p][c];
                }
                for (int c = 0; c < DIM; c++) {
                    q[r][c] -= dot * q[p][c];
                }
            }
            double norm = Math.sqrt(Arrays.stream(q[r]).map(v -> v * v).sum());
            for (int c = 0; c < DIM; c++) {
                q[r][c] /= norm;
            }
        }
        float[] out = new float[points.length];
        for (int i = 0; i < points.length / DIM; i++) {
            for (int c = 0; c < DIM; c++) {
                double sum = 0;
                for (int k = 0; k < DIM; k++) {
                    sum += points[i * DIM + k] * q[k][c];
                }
                out[i * DIM + c] = (float) sum;
            }
        }
        return out;
    }

    /** softmax over the chart's classes of {@code -||x - 3 e_c||^2}. */
    private static float[] softmax(float[] points, int[] classes) {
        int n = points.length / DIM;
        float[] p = new float[n * classes.length];
        for (int i = 0; i < n; i++) {
            double[] logits = new double[classes.length];
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < classes.length; j++) {
                double d = 0;
                for (int k = 0; k < DIM; k++) {
                    double diff = points[i * DIM + k] - (k == classes[j] ? 3 : 0);
                    d += diff * diff;
                }
                logits[j] = -d;
                max = Math.max(max, logits[j]);
            }
            double sum = 0;
            for (int j = 0; j < classes.length; j++) {
                logits[j] = Math.exp(logits[j] - max);
                sum += logits[j];
            }
            for (int j = 0; j < classes.length; j++) {
                p[i * classes.length + j] = (float) (logits[j] / sum);
            }
        }
        return p;
    }

    private static int[] shuffled(int n, Random random) {
        int[] p = IntStream.range(0, n).toArray();
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = p[i];
            p[i] = p[j];
            p[j] = tmp;
        }
        return p;
    }
}
