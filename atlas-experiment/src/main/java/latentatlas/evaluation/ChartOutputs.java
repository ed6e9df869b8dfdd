package latentatlas.evaluation;

import latentatlas.space.LatentSpace;

/**
 * A chart's outputs on every sample of the dataset (train and test), computed once and cached in the
 * run folder: the embeddings {@code e_t(x)} and the classifier's softmax probabilities, from which any
 * membership rule and any evaluation subset is then selected without running the network again.
 *
 * @param task the task index
 * @param kind the chart kind's name
 * @param classes the global class of each probability column
 * @param embeddings one row per sample, ids = the dataset's global ids, labels attached
 * @param probabilities row-major {@code embeddings.size() x classes.length}
 * @param testAccuracy the chart's accuracy on its own task's test samples
 * @param epochs epochs trained
 * @param trainSeconds seconds spent training (when it was trained)
 */
public record ChartOutputs(int task, String kind, int[] classes, LatentSpace embeddings, float[] probabilities,
                           double testAccuracy, int epochs, double trainSeconds) {
    /** @return a chart name for results, e.g. {@code task-2} */
    public String name() {
        return "task-" + task;
    }
}
