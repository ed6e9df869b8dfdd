package latentatlas.anchors;

import latentatlas.InvalidInputException;
import latentatlas.compute.Shuffles;
import latentatlas.metrics.KMeans;
import latentatlas.space.LatentSpace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * Chooses k anchors from a pool of candidates (docs/method.md §10); the one recipe of the task planners
 * and of {@code atlas merge --select-anchors}. The candidates are sorted by id first, so the result
 * depends only on the set of candidates, k, and the random stream; it is returned sorted ascending (the
 * anchor order is the order of the relative coordinates).
 *
 * <ul>
 *   <li>{@code random}: shuffle the sorted candidates (Fisher-Yates with {@code random}), keep the first k.</li>
 *   <li>{@code stratified}: the candidates of each class (ascending class, each class's ids shuffled), the
 *       classes in a shuffled order, taken round-robin until k are chosen: with C classes and
 *       {@code k = qC + r}, r classes give {@code q + 1} anchors and the others q (a class with fewer
 *       candidates gives all of them and the rest go round the others).</li>
 *   <li>{@code kmeans}: k-means (k-means++ seeding with {@code random.nextLong()}, one initialisation, at
 *       most {@value #KMEANS_MAX_ITER} Lloyd iterations, {@link KMeans}) on the candidates' features
 *       {@code x_i}; then for each centroid {@code mu_c} in turn the candidate
 *       {@code argmin_i ||x_i - mu_c||^2} among those not yet chosen (ties: lowest id), so no anchor is
 *       chosen twice.</li>
 *   <li>{@code farthest}: the first anchor {@code a_1} a candidate drawn with {@code random.nextInt(n)},
 *       then greedily {@code a_{j+1} = argmax_i min_{l <= j} ||x_i - x_{a_l}||^2} over the candidates not
 *       yet chosen (ties: lowest id).</li>
 * </ul>
 * Distances are computed in double from the float32 features.
 *
 * <pre>{@code
 * AnchorPool pool = new AnchorPool(space.ids(), space.labels(), AnchorFeatures.of(space), "my space");
 * long[] anchors = AnchorSelection.select(AnchorStrategy.FARTHEST, pool, 128, new Random(0));
 * }</pre>
 */
public final class AnchorSelection {
    /** The Lloyd iteration limit of the k-means strategy (its tolerance is scikit-learn's, 1e-4). */
    public static final int KMEANS_MAX_ITER = 50;

    private AnchorSelection() {
    }

    /**
     * @param strategy how to choose
     * @param pool the candidates (labels for {@code stratified}, features for {@code kmeans} and {@code farthest})
     * @param k the number of anchors, from 1 to the pool's size
     * @param random the random stream (the planners pass their seeded {@code anchors} stream)
     * @return k distinct candidate ids, sorted ascending
     * @throws InvalidInputException (inputs {@code anchors}, {@code anchorSelection}) when k does not fit the
     *     pool or the pool lacks the labels or features the strategy needs
     */
    public static long[] select(AnchorStrategy strategy, AnchorPool pool, int k, RandomGenerator random) {
        int n = pool.size();
        if (k < 1 || k > n) {
            throw new InvalidInputException(List.of("anchors"), "anchors must be from 1 to the " + n + " candidates of "
                    + pool.name() + ", found " + k);
        }
        int[] order = sortedOrder(pool.ids());
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = pool.ids()[order[i]];
        }
        long[] chosen = switch (strategy) {
            case RANDOM -> random(ids, k, random);
            case STRATIFIED -> stratified(ids, sortedLabels(strategy, pool, order), k, random);
            case KMEANS, FARTHEST -> {
                LatentSpace features = features(strategy, pool, ids);
                int[] rows = strategy == AnchorStrategy.KMEANS
                        ? nearestDistinct(features.rawVectors(), n, features.dim(), new KMeans(k, 1, KMEANS_MAX_ITER,
                                KMeans.DEFAULT_TOL, random.nextLong()).fit(features).centroids(), k)
                        : farthest(features.rawVectors(), n, features.dim(), random.nextInt(n), k);
                yield Arrays.stream(rows).mapToLong(r -> ids[r]).toArray();
            }
        };
        Arrays.sort(chosen);
        return chosen;
    }

    /**
     * Chooses anchors for the user's own spaces ({@code atlas merge --select-anchors}): k of the ids that
     * every space holds, measured in {@code reference} (its vectors for k-means and farthest point, its
     * labels for stratified), with the random stream {@code new Random(seed)}.
     *
     * <pre>{@code
     * long[] anchors = AnchorSelection.amongCommonIds(AnchorStrategy.KMEANS, List.of(a, b), a, 128, 42);
     * }</pre>
     *
     * @param strategy how to choose
     * @param spaces the spaces to merge
     * @param reference the space the choice measures (one of {@code spaces})
     * @param k the number of anchors ({@code selectAnchors}), from 1 to the number of common ids
     * @param seed the seed of the random choices
     * @return k ids common to every space, sorted ascending
     * @throws InvalidInputException (inputs {@code selectAnchors}, {@code strategy}) when k does not fit the
     *     common ids, the spaces share no id, or a stratified choice meets an unlabelled reference
     */
    public static long[] amongCommonIds(AnchorStrategy strategy, List<LatentSpace> spaces, LatentSpace reference,
                                        int k, long seed) {
        java.util.Set<Long> common = null;
        for (LatentSpace s : spaces) {
            java.util.Set<Long> ids = new java.util.HashSet<>();
            for (long id : s.ids()) {
                if (common == null || common.contains(id)) {
                    ids.add(id);
                }
            }
            common = ids;
        }
        long[] ids = common == null ? new long[0] : common.stream().mapToLong(Long::longValue).sorted().toArray();
        if (ids.length == 0) {
            throw new InvalidInputException(List.of("selectAnchors"), "the " + spaces.size()
                    + " spaces share no sample id, so no anchor can be chosen: give spaces of the same samples");
        }
        if (k < 1 || k > ids.length) {
            throw new InvalidInputException(List.of("selectAnchors"), "anchors to select must be from 1 to the "
                    + ids.length + " ids common to every space, found " + k);
        }
        if (strategy.needsLabels() && !reference.hasLabels()) {
            throw new InvalidInputException(List.of("strategy"), "anchor strategy " + strategy
                    + " needs labels, and the reference space has none: give it a labels file or choose "
                    + AnchorStrategy.RANDOM + ", " + AnchorStrategy.KMEANS + " or " + AnchorStrategy.FARTHEST);
        }
        LatentSpace pool = reference.select("reference", ids);
        return select(strategy, new AnchorPool(ids, pool.hasLabels() ? pool.labels() : null, AnchorFeatures.of(pool),
                "the " + ids.length + " ids common to every space"), k, new java.util.Random(seed));
    }

    private static int[] sortedOrder(long[] ids) {
        Integer[] boxed = new Integer[ids.length];
        Arrays.setAll(boxed, i -> i);
        Arrays.sort(boxed, (a, b) -> Long.compare(ids[a], ids[b]));
        int[] order = new int[ids.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = boxed[i];
            if (i > 0 && ids[order[i]] == ids[order[i - 1]]) {
                throw new IllegalArgumentException("candidate id " + ids[order[i]] + " appears twice");
            }
        }
        return order;
    }

    private static int[] sortedLabels(AnchorStrategy strategy, AnchorPool pool, int[] order) {
        if (pool.labels() == null) {
            throw new InvalidInputException(List.of("anchorSelection"), "anchor selection " + strategy
                    + " needs the labels of the candidates, and " + pool.name() + " has none: give labels or choose "
                    + AnchorStrategy.RANDOM + ", " + AnchorStrategy.KMEANS + " or " + AnchorStrategy.FARTHEST);
        }
        int[] labels = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            labels[i] = pool.labels()[order[i]];
        }
        return labels;
    }

    private static LatentSpace features(AnchorStrategy strategy, AnchorPool pool, long[] ids) {
        if (pool.features() == null) {
            throw new InvalidInputException(List.of("anchorSelection"), "anchor selection " + strategy
                    + " measures distances between the candidates' features, and " + pool.name()
                    + " has none: choose " + AnchorStrategy.RANDOM + " or " + AnchorStrategy.STRATIFIED);
        }
        LatentSpace features = pool.features().rows(ids);
        if (features.size() != ids.length) {
            throw new IllegalStateException("features of " + features.size() + " rows for " + ids.length + " candidates");
        }
        return features;
    }

    /** The first k of the sorted candidates shuffled with {@code random}. */
    private static long[] random(long[] sortedIds, int k, RandomGenerator random) {
        long[] shuffled = sortedIds.clone();
        Shuffles.shuffle(shuffled, random);
        return Arrays.copyOf(shuffled, k);
    }

    /** Round-robin over the classes (shuffled order), each class's sorted ids shuffled. */
    private static long[] stratified(long[] sortedIds, int[] labels, int k, RandomGenerator random) {
        TreeMap<Integer, List<Long>> byClass = new TreeMap<>();
        for (int i = 0; i < sortedIds.length; i++) {
            byClass.computeIfAbsent(labels[i], c -> new ArrayList<>()).add(sortedIds[i]);
        }
        List<long[]> classes = new ArrayList<>();
        for (List<Long> members : byClass.values()) {
            long[] shuffled = members.stream().mapToLong(Long::longValue).toArray();
            Shuffles.shuffle(shuffled, random);
            classes.add(shuffled);
        }
        int[] classOrder = Shuffles.permutation(classes.size(), random);
        long[] chosen = new long[k];
        int taken = 0;
        for (int round = 0; taken < k; round++) {
            for (int c : classOrder) {
                long[] members = classes.get(c);
                if (round < members.length && taken < k) {
                    chosen[taken++] = members[round];
                }
            }
        }
        return chosen;
    }

    /**
     * For each centroid in turn, the nearest row not yet chosen.
     *
     * @param x the rows, {@code n x d} row-major
     * @param centroids {@code k x d} row-major
     * @return k distinct row indices, in centroid order
     */
    static int[] nearestDistinct(float[] x, int n, int d, float[] centroids, int k) {
        boolean[] used = new boolean[n];
        int[] rows = new int[k];
        for (int c = 0; c < k; c++) {
            int best = -1;
            double bestDistance = Double.POSITIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                if (used[i]) {
                    continue;
                }
                double s = 0;
                for (int j = 0; j < d; j++) {
                    double diff = (double) x[i * d + j] - centroids[c * d + j];
                    s += diff * diff;
                }
                if (s < bestDistance) {
                    bestDistance = s;
                    best = i;
                }
            }
            used[best] = true;
            rows[c] = best;
        }
        return rows;
    }

    /**
     * Greedy farthest-point selection.
     *
     * @param x the rows, {@code n x d} row-major
     * @param first the first row chosen
     * @return k distinct row indices, in the order chosen
     */
    static int[] farthest(float[] x, int n, int d, int first, int k) {
        double[] nearest = new double[n];
        Arrays.fill(nearest, Double.POSITIVE_INFINITY);
        boolean[] used = new boolean[n];
        int[] rows = new int[k];
        int current = first;
        for (int a = 0; a < k; a++) {
            rows[a] = current;
            used[current] = true;
            if (a == k - 1) {
                break;
            }
            int next = -1;
            double farthest = -1;
            for (int i = 0; i < n; i++) {
                if (used[i]) {
                    continue;
                }
                double s = 0;
                for (int j = 0; j < d; j++) {
                    double diff = (double) x[i * d + j] - x[current * d + j];
                    s += diff * diff;
                }
                if (s < nearest[i]) {
                    nearest[i] = s;
                }
                if (nearest[i] > farthest) {
                    farthest = nearest[i];
                    next = i;
                }
            }
            current = next;
        }
        return rows;
    }
}
