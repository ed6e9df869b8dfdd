package latentatlas.tasks;

import latentatlas.InvalidInputException;
import latentatlas.anchors.AnchorFeatures;
import latentatlas.anchors.AnchorStrategy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Setting 1, shared classes (reference {@code part_shared_part_novel}): S classes drawn at random are
 * shared by every task; the other classes, in random order, are cut into groups of N novel classes,
 * giving {@code T = floor((C - S) / N)} tasks (the {@code (C - S) mod N} classes left over are in task 0
 * only). Task t has the shared classes then its novel classes (each group ascending), every training
 * sample of those classes (10% kept for validation) and every test sample of them. The k anchors are
 * drawn from the shared classes' training samples and stay in the tasks.
 *
 * @param shared S, the number of shared classes (at least 1: the anchors come from them)
 * @param novel N, the novel classes per task (at least 1)
 * @param anchors k, the number of anchors (reference: 128, the embedding width)
 * @param anchorSelection how the anchors are chosen among the shared classes' training samples
 */
public record SharedClassesPlanner(int shared, int novel, int anchors, AnchorStrategy anchorSelection)
        implements TaskPlanner {
    /** The reference number of anchors: the embedding width of the reference CNN. */
    public static final int DEFAULT_ANCHORS = 128;

    /** The planner with random anchors (the reference's). */
    public SharedClassesPlanner(int shared, int novel, int anchors) {
        this(shared, novel, anchors, AnchorStrategy.DEFAULT);
    }

    /** Checks the parameters that do not depend on the dataset. */
    public SharedClassesPlanner {
        java.util.Objects.requireNonNull(anchorSelection, "anchorSelection");
        if (shared < 1) {
            throw new InvalidInputException(List.of("shared"), "shared classes must be at least 1 (the anchors are drawn from them), found "
                    + shared);
        }
        if (novel < 1) {
            throw new InvalidInputException(List.of("novel"), "novel classes per task must be at least 1 (each task needs novel classes), found " + novel);
        }
        if (anchors < 1) {
            throw new InvalidInputException(List.of("anchors"), "anchors must be at least 1, found " + anchors);
        }
    }

    @Override
    public Setting setting() {
        return Setting.SHARED_CLASSES;
    }

    @Override
    public SharedClassesPlanner withAnchorSelection(AnchorStrategy strategy) {
        return new SharedClassesPlanner(shared, novel, anchors, strategy);
    }

    @Override
    public TaskPlan plan(DatasetLabels data, AnchorFeatures features, long seed) {
        int classCount = data.classCount();
        if (shared + novel > classCount) {
            throw new InvalidInputException(List.of("shared", "novel"), "shared classes (" + shared + ") plus novel classes per task (" + novel
                    + ") exceed the " + classCount + " classes of " + data.name() + ": lower the shared or the novel classes");
        }
        int[] order = PlanParts.shuffledClasses(classCount, seed);
        int[] sharedClasses = Arrays.copyOf(order, shared);
        Arrays.sort(sharedClasses);
        long[][] trainByClass = data.trainIdsByClass();
        long[][] testByClass = data.testIdsByClass();
        BitSet none = new BitSet();
        long[] pool = PlanParts.idsOf(trainByClass, sharedClasses, none);
        if (anchors > pool.length) {
            throw new InvalidInputException(List.of("anchors", "shared"), "anchors (" + anchors + ") exceed the " + pool.length
                    + " training samples of the " + shared + " shared classes of " + data.name()
                    + ": lower the anchors or raise the shared classes");
        }
        long[] anchorIds = PlanParts.chooseAnchors(anchorSelection, pool, data, features, anchors, seed,
                "the " + pool.length + " training samples of the shared classes of " + data.name());
        List<Task> tasks = new ArrayList<>();
        tasks.add(PlanParts.endToEnd(data, seed));
        int taskCount = (classCount - shared) / novel;
        for (int t = 1; t <= taskCount; t++) {
            int[] novelClasses = Arrays.copyOfRange(order, shared + (t - 1) * novel, shared + t * novel);
            Arrays.sort(novelClasses);
            int[] classes = IntStream.concat(Arrays.stream(sharedClasses), Arrays.stream(novelClasses)).toArray();
            tasks.add(PlanParts.task(t, classes, PlanParts.idsOf(trainByClass, classes, none),
                    PlanParts.idsOf(testByClass, classes, none), seed, data.name()));
        }
        Map<String, Object> parameters = new TreeMap<>();
        parameters.put("shared", shared);
        parameters.put("novel", novel);
        parameters.put("anchors", anchors);
        parameters.put("validationFraction", PlanParts.VALIDATION_FRACTION);
        PlanParts.recordStrategy(parameters, anchorSelection);
        TaskPlan plan = new TaskPlan(data.name(), data.fingerprint(), setting(), seed, parameters, anchorIds,
                sharedClasses, List.copyOf(tasks));
        PlanChecks.verify(plan, data);
        return plan;
    }
}
