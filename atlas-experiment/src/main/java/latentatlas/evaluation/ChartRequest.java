package latentatlas.evaluation;

import latentatlas.charts.ChartStore;
import latentatlas.charts.TrainingConfig;
import latentatlas.tasks.Task;

/**
 * One chart that {@link ChartBank#obtainAll} obtains: where it lives, its task, its kind and how it is
 * trained.
 *
 * @param store the store of the chart and its outputs
 * @param task the task
 * @param kind the chart's kind
 * @param config its training configuration
 */
public record ChartRequest(ChartStore store, Task task, ChartKind kind, TrainingConfig config) {
    /**
     * @return the samples the chart is trained on times its most epochs: what orders the jobs of a
     *     schedule, largest first
     */
    public long trainingWork() {
        return (long) task.trainIds().length * config.maxEpochs();
    }
}
