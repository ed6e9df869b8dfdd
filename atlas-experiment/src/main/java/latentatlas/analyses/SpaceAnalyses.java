package latentatlas.analyses;

import latentatlas.charts.ProgressListener;
import latentatlas.charts.TrainingConfig;
import latentatlas.compute.Shuffles;
import latentatlas.evaluation.EvaluatedSpace;
import latentatlas.evaluation.EvaluationSet;
import latentatlas.metrics.Accuracy;
import latentatlas.metrics.ClassSeparability;
import latentatlas.metrics.CkaStatistics;
import latentatlas.metrics.ClusteringScores;
import latentatlas.metrics.CosineKnn;
import latentatlas.metrics.KMeans;
import latentatlas.metrics.KMeansClustering;
import latentatlas.metrics.LinearCka;
import latentatlas.metrics.NearestCentroid;
import latentatlas.metrics.RbfCka;
import latentatlas.metrics.Silhouette;
import latentatlas.probe.Probe;
import latentatlas.probe.ProbeResult;
import latentatlas.space.LatentSpace;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Runs every analysis of docs/method.md §6 on one {@link EvaluatedSpace}: the probe (holdout protocol, and
 * the paper's 70/15/15 protocol when asked), nearest centroid, cosine 10-NN, separability, k-means
 * clustering scores and silhouette, and CKA against the end-to-end spaces on the test samples, whole and
 * restricted to the shared and to the novel classes, in three variants: linear
 * ({@code ||Yc^T Xc||_F^2 / (||Xc^T Xc||_F ||Yc^T Yc||_F)}), debiased linear (the same with the unbiased
 * HSIC of Song et al. 2012; both from one streamed pass, {@link CkaStatistics}) and RBF (Gaussian kernels
 * {@code exp(-||x_i - x_j||^2 / (2 m))}, {@code m} the median squared distance, {@link RbfCka}) on a
 * seeded subsample of at most {@value #RBF_CKA_SAMPLES} samples, since its kernels are {@code n x n}.
 */
public final class SpaceAnalyses {
    /** The neighbours of the k-NN classifier. */
    public static final int KNN = CosineKnn.DEFAULT_K;
    /**
     * The most test samples of an RBF CKA (a seeded subsample beyond that): its kernels are {@code n x n}, and at
     * 1,000 samples one comparison costs about a second of CPU (2,000: four times that, the largest item of
     * an analysis on 2 cores).
     */
    public static final int RBF_CKA_SAMPLES = 1000;

    private final EvaluationSet eval;
    private final LatentSpace endToEndAbsTest;
    private final LatentSpace endToEndRelTest;
    private final LatentSpace taskAbsTest;
    private final AnalysisConfig config;
    private final ProgressListener listener;

    /**
     * @param eval the evaluation samples and class subsets
     * @param endToEndAbsTest the end-to-end absolute space on the test samples
     * @param endToEndRelTest the end-to-end relative space on the test samples
     * @param taskAbsTest the task charts' absolute space on the test samples (one row per sample), compared
     *                    with the atlas spaces; {@code null} to skip
     * @param config probe configuration, k-means runs, silhouette sample, protocols
     * @param listener receives the probes' training progress
     */
    public SpaceAnalyses(EvaluationSet eval, LatentSpace endToEndAbsTest, LatentSpace endToEndRelTest,
                         LatentSpace taskAbsTest, AnalysisConfig config, ProgressListener listener) {
        this.eval = eval;
        this.endToEndAbsTest = endToEndAbsTest;
        this.endToEndRelTest = endToEndRelTest;
        this.taskAbsTest = taskAbsTest;
        this.config = config;
        this.listener = listener;
    }

    /**
     * @param s the space
     * @return its scores
     */
    public SpaceScores analyse(EvaluatedSpace s) {
        long start = System.nanoTime();
        Map<String, Double> seconds = new LinkedHashMap<>();
        Rows rows = new Rows(s.train().size(), s.test().size());
        SubsetScores probe = timed("probe", seconds, () -> holdoutProbe(s));
        SubsetScores probePaper = config.paperProtocol() ? timed("probe_paper", seconds, () -> paperProbe(s)) : null;
        SubsetScores centroid = timed("centroid", seconds,
                () -> accuracies(s.test().labels(), NearestCentroid.fit(s.train()).predict(s.test())));
        SubsetScores knn = timed("knn", seconds,
                () -> accuracies(s.test().labels(), CosineKnn.fit(knnReference(s.train(), s.trainSamples(), config.knnReferenceRows(), config.seed()), KNN).predict(s.test())));
        double separability = timed("separability", seconds,
                () -> ClassSeparability.of(s.test(), eval.separabilityClasses()));
        Clustering clustering = timed("clustering", seconds, () -> clustering(s.test()));
        LatentSpace bySample = s.testBySample();
        SubsetScores[] ckaRel = bySample == null ? new SubsetScores[3] : cka(bySample, endToEndRelTest, seconds, true);
        SubsetScores[] ckaAbs = bySample == null ? new SubsetScores[3] : cka(bySample, endToEndAbsTest, seconds, true);
        SubsetScores ckaTask = taskAbsTest == null || !s.space().atlas() ? null
                : timed("cka", seconds, () -> SubsetScores.onlyTotal(
                        LinearCka.of(s.test(), taskAbsTest.select("task abs", s.test().ids()))));
        seconds.put("total", (System.nanoTime() - start) / 1e9);
        return new SpaceScores(s.space(), s.membershipName(), s.labelFree(), rows, probe, probePaper, centroid, knn,
                separability, clustering, ckaRel[0], ckaAbs[0], ckaTask, ckaRel[1], ckaAbs[1], ckaRel[2], ckaAbs[2],
                s.routing(), seconds);
    }

    /**
     * The probe of {@link #analyse} alone (trained on the training rows, measured on the test rows).
     *
     * @param s the space
     * @return its accuracy, whole and on the shared and novel classes
     */
    public SubsetScores probe(EvaluatedSpace s) {
        return holdoutProbe(s);
    }

    /**
     * The linear CKA of {@link #analyse} between the space and the end-to-end relative space alone.
     *
     * @param s the space
     * @return CKA on the test samples, whole and on the shared and novel classes; {@code null} when the space
     *     has no single row per sample (a naive union)
     */
    public SubsetScores ckaWithEndToEndRelative(EvaluatedSpace s) {
        LatentSpace bySample = s.testBySample();
        return bySample == null ? null : cka(bySample, endToEndRelTest, new HashMap<>(), false)[0];
    }

    /**
     * The k-NN classifier's reference rows: all training rows, or every row of a seeded sample of
     * {@code knnReferenceRows} training samples (drawn from the sorted distinct ids, so every space of the
     * run searches the same samples; a naive space keeps all rows of each).
     */
    static LatentSpace knnReference(LatentSpace train, long[] samples, int maxSamples, long seed) {
        long[] ids = Arrays.stream(samples).distinct().sorted().toArray();
        if (ids.length <= maxSamples) {
            return train;
        }
        Set<Long> chosen = new HashSet<>();
        for (int i : Shuffles.sample(ids.length, maxSamples, new SplittableRandom(seed))) {
            chosen.add(ids[i]);
        }
        return train.rows(IntStream.range(0, train.size()).filter(r -> chosen.contains(samples[r])).toArray());
    }

    /** Runs {@code work}, adding its wall-clock seconds to {@code seconds[name]}. */
    private static <T> T timed(String name, Map<String, Double> seconds, Supplier<T> work) {
        long start = System.nanoTime();
        T result = work.get();
        seconds.merge(name, (System.nanoTime() - start) / 1e9, Double::sum);
        return result;
    }

    private SubsetScores holdoutProbe(EvaluatedSpace s) {
        try (Probe p = Probe.fit(s.train(), config.probe(), listener)) {
            return probeAccuracies(p.evaluate(s.test(), eval.subsets()));
        }
    }

    /** The reference's setting-1 protocol: a seeded 70/15/15 split of the test rows (train/validation/test). */
    private SubsetScores paperProbe(EvaluatedSpace s) {
        int n = s.test().size();
        int[] order = Shuffles.permutation(n, new SplittableRandom(config.probe().seed()));
        int trainEnd = (int) Math.round(n * 0.70);
        int validationEnd = (int) Math.round(n * 0.85);
        LatentSpace train = s.test().rows(Arrays.copyOfRange(order, 0, trainEnd));
        LatentSpace validation = s.test().rows(Arrays.copyOfRange(order, trainEnd, validationEnd));
        LatentSpace test = s.test().rows(Arrays.copyOfRange(order, validationEnd, n));
        try (Probe p = Probe.fit(train, validation, config.probe(), listener)) {
            return probeAccuracies(p.evaluate(test, eval.subsets()));
        }
    }

    /** The probe's accuracy; a subset with no evaluated sample (NaN) is left out. */
    private static SubsetScores probeAccuracies(ProbeResult r) {
        Map<String, Double> bySubset = new HashMap<>();
        r.subsets().forEach((k, v) -> {
            if (Double.isFinite(v)) {
                bySubset.put(k, v);
            }
        });
        return subsetScores(r.accuracy(), bySubset);
    }

    private SubsetScores accuracies(int[] truth, int[] predicted) {
        Map<String, Double> bySubset = new HashMap<>();
        eval.subsets().forEach((name, classes) -> {
            OptionalDouble a = Accuracy.on(truth, predicted, set(classes));
            a.ifPresent(v -> bySubset.put(name, v));
        });
        return subsetScores(Accuracy.of(truth, predicted), bySubset);
    }

    /** @return {@code total} with the scores of the subsets of {@link EvaluationSet#subsets()} present in {@code bySubset} */
    private static SubsetScores subsetScores(double total, Map<String, Double> bySubset) {
        return new SubsetScores(total, bySubset.get(EvaluationSet.SHARED), bySubset.get(EvaluationSet.NOVEL));
    }

    private Clustering clustering(LatentSpace test) {
        KMeansClustering km = new KMeans(eval.classes().length, config.kmeansInit(), KMeans.DEFAULT_MAX_ITER,
                KMeans.DEFAULT_TOL, config.seed()).fit(test);
        ClusteringScores scores = ClusteringScores.of(test.labels(), km.labels());
        int[] rows = Shuffles.sample(test.size(), config.silhouetteRows(), new SplittableRandom(config.seed()));
        int[] clusters = Arrays.stream(rows).map(i -> km.labels()[i]).toArray();
        Double silhouette = Arrays.stream(clusters).distinct().count() >= 2
                ? Silhouette.score(test.rows(rows), clusters) : null;
        return new Clustering(scores.homogeneity(), scores.completeness(), scores.vMeasure(),
                scores.mutualInformation(), silhouette);
    }

    /**
     * CKA on the common test samples, whole and restricted to the shared and novel classes: linear and
     * debiased linear (timed as {@code cka}), RBF (timed as {@code cka_rbf}) when asked.
     *
     * @return {linear, debiased, RBF (null unless {@code withRbf})}
     */
    private SubsetScores[] cka(LatentSpace x, LatentSpace reference, Map<String, Double> seconds, boolean withRbf) {
        LatentSpace y = reference.select("end-to-end", x.ids());
        Map<String, int[]> subsets = new LinkedHashMap<>();
        eval.subsets().forEach((name, classes) -> {
            Set<Integer> keep = set(classes);
            int[] rows = IntStream.range(0, x.size()).filter(i -> keep.contains(x.label(i))).toArray();
            if (rows.length > 1) {
                subsets.put(name, rows);
            }
        });
        SubsetScores[] out = new SubsetScores[3];
        timed("cka", seconds, () -> {
            CkaStatistics all = LinearCka.statistics(x, y);
            Map<String, Double> linear = new HashMap<>();
            Map<String, Double> debiased = new HashMap<>();
            subsets.forEach((name, rows) -> {
                CkaStatistics part = LinearCka.statistics(x.rows(rows), y.rows(rows));
                linear.put(name, part.linearCka());
                if (rows.length >= 4) {
                    debiased.put(name, part.debiasedCka());
                }
            });
            out[0] = subsetScores(all.linearCka(), linear);
            out[1] = all.count() >= 4 ? subsetScores(all.debiasedCka(), debiased) : null;
            return null;
        });
        if (!withRbf) {
            return out;
        }
        timed("cka_rbf", seconds, () -> {
            Map<String, Double> rbf = new HashMap<>();
            subsets.forEach((name, rows) -> rbf.put(name,
                    RbfCka.of(x.rows(rows), y.rows(rows), Math.min(RBF_CKA_SAMPLES, rows.length), config.seed())));
            out[2] = subsetScores(RbfCka.of(x, y, Math.min(RBF_CKA_SAMPLES, Math.max(2, x.size())), config.seed()), rbf);
            return null;
        });
        return out;
    }

    private static Set<Integer> set(int[] classes) {
        Set<Integer> s = new HashSet<>();
        Arrays.stream(classes).forEach(s::add);
        return s;
    }

    /**
     * How the analyses run.
     *
     * @param probe the probe's training configuration
     * @param paperProtocol also run the paper's 70/15/15 probe protocol
     * @param kmeansInit k-means initialisations
     * @param silhouetteRows the most test rows the silhouette uses
     * @param knnReferenceRows the most training samples whose rows the 10-NN classifier searches
     *                         ({@code Integer.MAX_VALUE}: all)
     * @param seed seeds k-means and the subsamples
     */
    public record AnalysisConfig(TrainingConfig probe, boolean paperProtocol, int kmeansInit, int silhouetteRows,
                                 int knnReferenceRows, long seed) {
    }
}
