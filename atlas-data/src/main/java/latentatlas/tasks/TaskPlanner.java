package latentatlas.tasks;

import latentatlas.anchors.AnchorFeatures;
import latentatlas.anchors.AnchorStrategy;
import latentatlas.dataset.Dataset;
import latentatlas.dataset.InputFeatures;

/**
 * Divides a dataset into tasks, one per chart, following one setting of docs/method.md §3, and chooses
 * its anchors with the planner's {@link AnchorStrategy} (docs/method.md §10) among the samples the
 * setting allows. Every plan passes {@link PlanChecks#verify} before it is returned, and depends only on
 * the dataset's labels (and, for the strategies that measure distances, its input features) and the seed.
 */
public interface TaskPlanner {
    /** @return the setting this planner follows */
    Setting setting();

    /** @return how the planner chooses the anchors */
    AnchorStrategy anchorSelection();

    /** @return this planner with the anchors chosen by {@code strategy} */
    TaskPlanner withAnchorSelection(AnchorStrategy strategy);

    /**
     * @param data the dataset's labels
     * @param features the input features of the training samples, which the k-means and farthest-point
     *     strategies measure (the pixels, or the end-to-end chart's encoder vectors of a text dataset);
     *     {@code null} when there are none
     * @param seed the seed of every random choice
     * @return a verified plan: task 0 (end-to-end) then the charts' tasks
     * @throws latentatlas.InvalidInputException when the parameters do not fit the dataset, or the
     *     strategy needs features that are not given
     */
    TaskPlan plan(DatasetLabels data, AnchorFeatures features, long seed);

    /** Plans without input features; see {@link #plan(DatasetLabels, AnchorFeatures, long)}. */
    default TaskPlan plan(DatasetLabels data, long seed) {
        return plan(data, null, seed);
    }

    /** Plans {@code dataset}, measuring its own inputs ({@link InputFeatures}); see {@link #plan(DatasetLabels, AnchorFeatures, long)}. */
    default TaskPlan plan(Dataset dataset, long seed) {
        return plan(DatasetLabels.of(dataset), InputFeatures.of(dataset), seed);
    }
}
