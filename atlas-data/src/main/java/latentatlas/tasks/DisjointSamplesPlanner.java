package latentatlas.tasks;

import latentatlas.InvalidInputException;
import latentatlas.anchors.AnchorFeatures;
import latentatlas.anchors.AnchorStrategy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Setting 2, shared classes with disjoint samples (reference {@code same_classes_disj_samples}): k
 * anchors are drawn from all training samples and held out of every chart task; the classes, in random
 * order, are cut into P partitions of near-equal size; task t receives the fraction
 * {@code mixture[t][p]} of the samples of partition p. The cut is made class by class (stratified): the
 * non-anchor training samples of each class, shuffled, are split into consecutive chunks ending at
 * {@code round(n_c * (f_1 + ... + f_t))}; the test samples of each class are split the same way, so
 * every test sample belongs to exactly one task. Every task has every class (local labels = global
 * labels); no sample is in two tasks.
 *
 * <p>Default mixture (reference, P = 2): task 1 takes 0.8 of partition A and 0.2 of partition B, task 2
 * the rest; for P partitions, task i takes 0.8 of partition i and {@code 0.2 / (P - 1)} of each other.
 *
 * @param anchors k, the number of held-out anchors (reference: 256)
 * @param partitions P, the number of class partitions (reference: 2)
 * @param mixture one row per task, one fraction per partition; each partition's fractions sum to 1
 * @param anchorSelection how the anchors are chosen among all training samples
 */
public record DisjointSamplesPlanner(int anchors, int partitions, double[][] mixture, AnchorStrategy anchorSelection)
        implements TaskPlanner {
    private static final double TOLERANCE = 1e-9;

    /** The planner with random anchors (the reference's). */
    public DisjointSamplesPlanner(int anchors, int partitions, double[][] mixture) {
        this(anchors, partitions, mixture, AnchorStrategy.DEFAULT);
    }

    /** Checks the parameters that do not depend on the dataset. */
    public DisjointSamplesPlanner {
        java.util.Objects.requireNonNull(anchorSelection, "anchorSelection");
        if (anchors < 1) {
            throw new InvalidInputException(List.of("anchors"), "anchors must be at least 1, found " + anchors);
        }
        if (partitions < 1) {
            throw new InvalidInputException(List.of("partitions"), "partitions must be at least 1, found " + partitions);
        }
        if (mixture.length < 1) {
            throw new InvalidInputException(List.of("mixture"), "the mixture needs one row per task, found none");
        }
        mixture = Arrays.stream(mixture).map(double[]::clone).toArray(double[][]::new);
        for (int t = 0; t < mixture.length; t++) {
            if (mixture[t].length != partitions) {
                throw new InvalidInputException(List.of("mixture"), "the mixture of task " + (t + 1) + " has " + mixture[t].length
                        + " fractions, expected one per partition (" + partitions + ")");
            }
            for (double f : mixture[t]) {
                if (!(f >= 0 && f <= 1)) {
                    throw new InvalidInputException(List.of("mixture"), "the mixture of task " + (t + 1) + " has the fraction " + f
                            + ", expected a value in [0, 1]");
                }
            }
        }
        for (int p = 0; p < partitions; p++) {
            double sum = 0;
            for (double[] row : mixture) {
                sum += row[p];
            }
            if (Math.abs(sum - 1) > TOLERANCE) {
                throw new InvalidInputException(List.of("mixture"), "the fractions of partition " + (p + 1) + " over the tasks sum to " + String.format(java.util.Locale.ROOT, "%.6g", sum)
                        + ", expected 1: every sample of a partition must go to exactly one task; fix the mixture");
            }
        }
    }

    /** @return the planner with the reference mixture for {@code partitions} partitions (see class doc) */
    public static DisjointSamplesPlanner withDefaultMixture(int anchors, int partitions) {
        return new DisjointSamplesPlanner(anchors, partitions, defaultMixture(partitions));
    }

    /** @return P x P: 0.8 on the diagonal, 0.2 / (P - 1) elsewhere; {@code [[1]]} for P = 1 */
    public static double[][] defaultMixture(int partitions) {
        if (partitions < 1) {
            throw new InvalidInputException(List.of("partitions"), "partitions must be at least 1, found " + partitions);
        }
        double[][] m = new double[partitions][partitions];
        for (int t = 0; t < partitions; t++) {
            for (int p = 0; p < partitions; p++) {
                m[t][p] = partitions == 1 ? 1.0 : t == p ? 0.8 : 0.2 / (partitions - 1);
            }
        }
        return m;
    }

    @Override
    public double[][] mixture() {
        return Arrays.stream(mixture).map(double[]::clone).toArray(double[][]::new);
    }

    @Override
    public Setting setting() {
        return Setting.DISJOINT_SAMPLES;
    }

    @Override
    public DisjointSamplesPlanner withAnchorSelection(AnchorStrategy strategy) {
        return new DisjointSamplesPlanner(anchors, partitions, mixture, strategy);
    }

    @Override
    public TaskPlan plan(DatasetLabels data, AnchorFeatures features, long seed) {
        int classCount = data.classCount();
        if (partitions > classCount) {
            throw new InvalidInputException(List.of("partitions"), "partitions (" + partitions + ") exceed the " + classCount
                    + " classes of " + data.name() + ": each partition needs a class");
        }
        long[] anchorIds = HeldOutAnchors.choose(anchorSelection, data, features, anchors, seed);
        int[][] groups = PlanParts.partition(PlanParts.shuffledClasses(classCount, seed), partitions);
        int[] partitionOf = new int[classCount];
        for (int p = 0; p < partitions; p++) {
            for (int c : groups[p]) {
                partitionOf[c] = p;
            }
        }
        int taskCount = mixture.length;
        long[][] train = assign(data.trainIdsByClass(), PlanParts.setOf(anchorIds), partitionOf,
                Seeds.stream(seed, "mixture-train"));
        long[][] test = assign(data.testIdsByClass(), new BitSet(), partitionOf, Seeds.stream(seed, "mixture-test"));
        int[] allClasses = new int[classCount];
        Arrays.setAll(allClasses, c -> c);
        List<Task> tasks = new ArrayList<>();
        tasks.add(PlanParts.endToEnd(data, seed));
        for (int t = 1; t <= taskCount; t++) {
            tasks.add(PlanParts.task(t, allClasses, train[t - 1], test[t - 1], seed, data.name()));
        }
        Map<String, Object> parameters = new TreeMap<>();
        parameters.put("anchors", anchors);
        parameters.put("partitions", partitions);
        parameters.put("mixture", Arrays.stream(mixture).map(row -> Arrays.stream(row).boxed().toList()).toList());
        parameters.put("classPartitions", Arrays.stream(groups).map(g -> Arrays.stream(g).boxed().toList()).toList());
        parameters.put("validationFraction", PlanParts.VALIDATION_FRACTION);
        PlanParts.recordStrategy(parameters, anchorSelection);
        TaskPlan plan = new TaskPlan(data.name(), data.fingerprint(), setting(), seed, parameters, anchorIds,
                new int[0], List.copyOf(tasks));
        PlanChecks.verify(plan, data);
        return plan;
    }

    /** Splits each class's ids (less {@code exclude}) over the tasks by its partition's fractions. */
    private long[][] assign(long[][] idsByClass, BitSet exclude, int[] partitionOf, Random rng) {
        List<List<long[]>> perTask = new ArrayList<>();
        for (int t = 0; t < mixture.length; t++) {
            perTask.add(new ArrayList<>());
        }
        for (int c = 0; c < idsByClass.length; c++) {
            long[] ids = PlanParts.idsOf(idsByClass, new int[] {c}, exclude);
            double[] fractions = new double[mixture.length];
            for (int t = 0; t < mixture.length; t++) {
                fractions[t] = mixture[t][partitionOf[c]];
            }
            long[][] chunks = PlanParts.cut(ids, fractions, rng);
            for (int t = 0; t < mixture.length; t++) {
                perTask.get(t).add(chunks[t]);
            }
        }
        return perTask.stream().map(chunks -> chunks.stream().flatMapToLong(Arrays::stream).sorted().toArray())
                .toArray(long[][]::new);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DisjointSamplesPlanner p && anchors == p.anchors && partitions == p.partitions
                && Arrays.deepEquals(mixture, p.mixture) && anchorSelection == p.anchorSelection;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * anchors + partitions) + Arrays.deepHashCode(mixture)) + anchorSelection.hashCode();
    }

    @Override
    public String toString() {
        return "DisjointSamplesPlanner[anchors=" + anchors + ", partitions=" + partitions + ", mixture="
                + Arrays.deepToString(mixture) + ", anchorSelection=" + anchorSelection + "]";
    }
}
