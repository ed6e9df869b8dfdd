package latentatlas.tasks;

import java.util.List;
import java.util.Map;

/**
 * A dataset divided into tasks: the output of a planner, saved as {@code plan.json}.
 *
 * @param dataset the dataset name
 * @param datasetFingerprint the dataset's fingerprint when planned
 * @param setting the task setting
 * @param seed the seed of every random choice of the plan
 * @param parameters the setting's parameters (e.g. {@code shared}, {@code novel}, {@code anchors})
 * @param anchorIds training-sample ids embedded by every chart
 * @param sharedClasses the classes every task has (setting shared-classes; empty otherwise)
 * @param tasks task 0 (end-to-end: all classes, all training samples) then the charts' tasks
 */
public record TaskPlan(String dataset, String datasetFingerprint, Setting setting, long seed,
                       Map<String, Object> parameters, long[] anchorIds, int[] sharedClasses, List<Task> tasks) {
    /** The parameter naming the anchor strategy; absent in plans with random anchors (and in plans made before strategies). */
    public static final String ANCHOR_SELECTION = "anchorSelection";

    /**
     * @return how the anchors were chosen: the {@value #ANCHOR_SELECTION} parameter, random when absent
     * @throws latentatlas.InvalidInputException when the parameter names no strategy
     */
    public latentatlas.anchors.AnchorStrategy anchorSelection() {
        Object name = parameters.get(ANCHOR_SELECTION);
        return name == null ? latentatlas.anchors.AnchorStrategy.RANDOM
                : latentatlas.anchors.AnchorStrategy.parse(String.valueOf(name));
    }

    /** @return the end-to-end task (task 0) */
    public Task endToEnd() {
        return tasks.get(0);
    }

    /** @return the charts' tasks (1..T) */
    public List<Task> chartTasks() {
        return tasks.subList(1, tasks.size());
    }
}
