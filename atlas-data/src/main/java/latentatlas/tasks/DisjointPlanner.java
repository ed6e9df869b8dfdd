package latentatlas.tasks;

import latentatlas.InvalidInputException;
import latentatlas.anchors.AnchorFeatures;
import latentatlas.anchors.AnchorStrategy;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Setting 3, disjoint tasks (reference {@code totally_disjoint}): k anchors are drawn from all
 * training samples and held out of every chart task; the classes, in random order, are cut into P
 * partitions of near-equal size (when P does not divide C, the first {@code C mod P} partitions get one
 * class more); task t has the classes of partition t and all their non-anchor training samples (10%
 * kept for validation) and test samples. Only the anchors connect the tasks.
 *
 * @param partitions P, the number of tasks (reference: 2, 3, 5 or 10)
 * @param anchors k, the number of held-out anchors (reference: 256)
 * @param anchorSelection how the anchors are chosen among all training samples
 */
public record DisjointPlanner(int partitions, int anchors, AnchorStrategy anchorSelection) implements TaskPlanner {
    /** The reference number of anchors in settings 2 and 3. */
    public static final int DEFAULT_ANCHORS = 256;
    /** The reference number of partitions. */
    public static final int DEFAULT_PARTITIONS = 2;

    /** The planner with random anchors (the reference's). */
    public DisjointPlanner(int partitions, int anchors) {
        this(partitions, anchors, AnchorStrategy.DEFAULT);
    }

    /** Checks the parameters that do not depend on the dataset. */
    public DisjointPlanner {
        java.util.Objects.requireNonNull(anchorSelection, "anchorSelection");
        if (partitions < 1) {
            throw new InvalidInputException(List.of("partitions"), "partitions must be at least 1, found " + partitions);
        }
        if (anchors < 1) {
            throw new InvalidInputException(List.of("anchors"), "anchors must be at least 1, found " + anchors);
        }
    }

    @Override
    public Setting setting() {
        return Setting.DISJOINT;
    }

    @Override
    public DisjointPlanner withAnchorSelection(AnchorStrategy strategy) {
        return new DisjointPlanner(partitions, anchors, strategy);
    }

    @Override
    public TaskPlan plan(DatasetLabels data, AnchorFeatures features, long seed) {
        if (partitions > data.classCount()) {
            throw new InvalidInputException(List.of("partitions"), "partitions (" + partitions + ") exceed the " + data.classCount()
                    + " classes of " + data.name() + ": each partition needs a class");
        }
        long[] anchorIds = HeldOutAnchors.choose(anchorSelection, data, features, anchors, seed);
        int[][] groups = PlanParts.partition(PlanParts.shuffledClasses(data.classCount(), seed), partitions);
        long[][] trainByClass = data.trainIdsByClass();
        long[][] testByClass = data.testIdsByClass();
        BitSet held = PlanParts.setOf(anchorIds);
        List<Task> tasks = new ArrayList<>();
        tasks.add(PlanParts.endToEnd(data, seed));
        for (int t = 1; t <= partitions; t++) {
            int[] classes = groups[t - 1];
            tasks.add(PlanParts.task(t, classes, PlanParts.idsOf(trainByClass, classes, held),
                    PlanParts.idsOf(testByClass, classes, new BitSet()), seed, data.name()));
        }
        Map<String, Object> parameters = new TreeMap<>();
        parameters.put("partitions", partitions);
        parameters.put("anchors", anchors);
        parameters.put("validationFraction", PlanParts.VALIDATION_FRACTION);
        PlanParts.recordStrategy(parameters, anchorSelection);
        TaskPlan plan = new TaskPlan(data.name(), data.fingerprint(), setting(), seed, parameters, anchorIds,
                new int[0], List.copyOf(tasks));
        PlanChecks.verify(plan, data);
        return plan;
    }
}
