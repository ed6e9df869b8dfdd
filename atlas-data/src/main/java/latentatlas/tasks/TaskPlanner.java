package latentatlas.tasks;

import latentatlas.dataset.Dataset;

/**
 * Divides a dataset into tasks, one per chart, following one setting of docs/method.md §3. Every plan
 * passes {@link PlanChecks#verify} before it is returned, and depends only on the dataset's labels and
 * the seed.
 */
public interface TaskPlanner {
    /** @return the setting this planner follows */
    Setting setting();

    /**
     * @param data the dataset's labels
     * @param seed the seed of every random choice
     * @return a verified plan: task 0 (end-to-end) then the charts' tasks
     * @throws latentatlas.InvalidInputException when the parameters do not fit the dataset
     */
    TaskPlan plan(DatasetLabels data, long seed);

    /** Plans {@code dataset}; see {@link #plan(DatasetLabels, long)}. */
    default TaskPlan plan(Dataset dataset, long seed) {
        return plan(DatasetLabels.of(dataset), seed);
    }
}
