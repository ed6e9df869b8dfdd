package latentatlas.metrics;

import latentatlas.InvalidInputException;
import latentatlas.compute.Shuffles;
import latentatlas.space.LatentSpace;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Every metric of docs/method.md §6 that applies to two spaces, on the sample ids they share. Always:
 * the neighbourhood agreement ({@link NeighbourhoodAgreement}: k-NN Jaccard, and the counterpart's mean
 * reciprocal rank when the widths match) and linear CKA ({@link LinearCka}). When the first space is
 * labelled (its labels are given to the second, id by id), for each space: the class separability,
 * nearest-centroid and cosine k-NN accuracy on a seeded 80/20 split of the common ids (also on the
 * classes of interest and on the other classes, when classes of interest are given), k-means with
 * {@code k} = the number of classes scored against the classes, and the silhouettes of the clusters
 * and of the classes.
 *
 * <p>Metric names, in the order they are computed: {@code neighbourhood.jaccard@K},
 * {@code neighbourhood.mrr}, {@code cka.linear}, then per space {@code S} ({@code a}, {@code b}):
 * {@code S.separability}, {@code S.centroid_accuracy[.classes|.other_classes]},
 * {@code S.knn_accuracy[.classes|.other_classes]}, {@code S.kmeans.homogeneity},
 * {@code S.kmeans.completeness}, {@code S.kmeans.v_measure}, {@code S.kmeans.mutual_info},
 * {@code S.kmeans.adjusted_mutual_info}, {@code S.kmeans.silhouette}, {@code S.class_silhouette}
 * (the k-means ones only with 2 to {@code n - 1} classes).
 *
 * <pre>
 * SpaceComparison.Result result = new SpaceComparison(10, 42, List.of()).compare(atlas, endToEnd);
 * double cka = result.metrics().get("cka.linear");
 * </pre>
 *
 * @param k neighbours of the k-NN classifier and of the neighbourhood Jaccard, at least 1; {@link #compare}
 *     refuses a k of {@code n} common ids or more (and, with labels, above the {@code floor(0.8 n)} training
 *     rows of the split) rather than clamp it
 * @param seed the seed of the 80/20 split and of k-means
 * @param classesOfInterest classes that the separability counts (pairs with one of them) and that the
 *     accuracies are also given on; empty for none
 */
public record SpaceComparison(int k, long seed, List<Integer> classesOfInterest) {
    /** Checks {@code k} and copies the classes. */
    public SpaceComparison {
        if (k < 1) {
            throw new InvalidInputException(List.of("k"), "neighbours k: expected at least 1, found " + k);
        }
        classesOfInterest = List.copyOf(classesOfInterest);
    }

    /**
     * The outcome of a comparison.
     *
     * @param a the first space on the common ids, in its own row order
     * @param b the second space on the same ids in the same order, with the first space's labels
     * @param agreement the neighbourhood agreement
     * @param metrics every metric by name (see {@link SpaceComparison}), in computation order
     */
    public record Result(LatentSpace a, LatentSpace b, NeighbourhoodAgreement agreement, Map<String, Double> metrics) {
        /** Copies the metrics. */
        public Result {
            metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        }

        /** @return the number of common ids the spaces were compared on */
        public int commonIds() {
            return a.size();
        }
    }

    /**
     * Joins the spaces by id (the ids of {@code a} that {@code b} also holds, in {@code a}'s order) and
     * computes every metric that applies.
     *
     * @param a the first space; its labels, when it has some, label both spaces
     * @param b the second space (any width, any row order)
     * @return the joined spaces and the metrics
     * @throws InvalidInputException when the spaces share fewer than 2 ids, or fewer than {@code k + 1}
     *     (with labels: when the training rows of the split are fewer than {@code k})
     */
    public Result compare(LatentSpace a, LatentSpace b) {
        long[] common = Arrays.stream(a.ids()).filter(b::contains).toArray();
        if (common.length < 2) {
            throw new InvalidInputException("the two spaces (" + a.size() + " and " + b.size() + " ids) share "
                    + common.length + " ids, need at least 2: compare spaces of the same samples, with their ids");
        }
        checkK(common.length, a.hasLabels());
        LatentSpace joinedA = a.select("first space", common);
        LatentSpace joinedB = b.select("second space", common).withLabels(joinedA.hasLabels() ? joinedA.labels() : null);
        Map<String, Double> metrics = new LinkedHashMap<>();
        NeighbourhoodAgreement agreement = NeighbourhoodAgreement.of(joinedA, joinedB, k);
        metrics.put("neighbourhood.jaccard@" + agreement.k(), agreement.jaccard());
        agreement.meanReciprocalRank().ifPresent(mrr -> metrics.put("neighbourhood.mrr", mrr));
        metrics.put("cka.linear", LinearCka.of(joinedA, joinedB));
        if (joinedA.hasLabels()) {
            int[] split = Shuffles.permutation(common.length, new SplittableRandom(seed));
            labelled("a", joinedA, split, metrics);
            labelled("b", joinedB, split, metrics);
        }
        return new Result(joinedA, joinedB, agreement, metrics);
    }

    /**
     * Refuses a {@code k} that the spaces cannot serve, rather than clamping it (a Jaccard at
     * {@code k = n - 1} is 1 whatever the spaces): the Jaccard needs {@code k < n} common ids, the k-NN
     * classifier {@code k} training rows of the 80/20 split.
     */
    private void checkK(int common, boolean labelled) {
        if (k > common - 1) {
            throw new InvalidInputException(List.of("k"), "k (" + k + ") neighbours must be below the " + common
                    + " common ids of the two spaces (each id's neighbours are the other ids); use k of at most "
                    + (common - 1));
        }
        int trainRows = trainRows(common);
        if (labelled && k > trainRows) {
            throw new InvalidInputException(List.of("k"), "k (" + k + ") neighbours exceed the " + trainRows
                    + " training rows of the 80/20 split of the " + common + " common ids, among which the k-NN"
                    + " classifier votes; use k of at most " + trainRows);
        }
    }

    /** @return the training rows of the 80/20 split of {@code n} rows */
    private static int trainRows(int n) {
        return n * 4 / 5;
    }

    /** Class metrics of one space: separability, classifier accuracies, k-means scores, silhouettes. */
    private void labelled(String prefix, LatentSpace space, int[] split, Map<String, Double> metrics) {
        Set<Integer> interest = new HashSet<>(classesOfInterest);
        int cut = trainRows(split.length);
        LatentSpace train = space.rows(Arrays.copyOfRange(split, 0, cut));
        LatentSpace test = space.rows(Arrays.copyOfRange(split, cut, split.length));
        metrics.put(prefix + ".separability", ClassSeparability.of(space, interest));
        accuracy(prefix + ".centroid_accuracy", test.labels(), NearestCentroid.fit(train).predict(test), metrics);
        accuracy(prefix + ".knn_accuracy", test.labels(),
                CosineKnn.fit(train, k).predict(test), metrics);
        int[] truth = space.labels();
        int classCount = (int) Arrays.stream(truth).distinct().count();
        if (classCount < 2 || classCount >= space.size()) {
            return;
        }
        KMeansClustering clustering = KMeans.of(classCount, seed).fit(space);
        ClusteringScores scores = ClusteringScores.of(truth, clustering.labels());
        metrics.put(prefix + ".kmeans.homogeneity", scores.homogeneity());
        metrics.put(prefix + ".kmeans.completeness", scores.completeness());
        metrics.put(prefix + ".kmeans.v_measure", scores.vMeasure());
        metrics.put(prefix + ".kmeans.mutual_info", scores.mutualInformation());
        metrics.put(prefix + ".kmeans.adjusted_mutual_info", scores.adjustedMutualInformation());
        metrics.put(prefix + ".kmeans.silhouette", Silhouette.score(space, clustering.labels()));
        metrics.put(prefix + ".class_silhouette", Silhouette.score(space, truth));
    }

    /** Accuracy on all test rows, and, with classes of interest, on them and on the others. */
    private void accuracy(String name, int[] truth, int[] predicted, Map<String, Double> metrics) {
        metrics.put(name, Accuracy.of(truth, predicted));
        if (classesOfInterest.isEmpty()) {
            return;
        }
        Set<Integer> interest = new HashSet<>(classesOfInterest);
        Set<Integer> others = new HashSet<>();
        Arrays.stream(truth).filter(c -> !interest.contains(c)).forEach(others::add);
        put(metrics, name + ".classes", Accuracy.on(truth, predicted, interest));
        if (!others.isEmpty()) {
            put(metrics, name + ".other_classes", Accuracy.on(truth, predicted, others));
        }
    }

    private static void put(Map<String, Double> metrics, String name, OptionalDouble value) {
        value.ifPresent(v -> metrics.put(name, v));
    }
}
