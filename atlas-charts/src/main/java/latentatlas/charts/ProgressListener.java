package latentatlas.charts;

/**
 * Receives the progress of a training run (the listener pattern of DJL's {@code TrainingListener}).
 * Every method has an empty default.
 */
public interface ProgressListener {
    /** A listener that ignores everything. */
    ProgressListener NONE = new ProgressListener() { };

    /**
     * For runs on several threads at once ({@link TrainingSchedule}): forwards the events of one
     * training run at a time, the first to start while none is shown, until it ends; the events of
     * runs on other threads meanwhile are dropped. A progress bar then shows one chart at a time.
     *
     * @param target the listener to forward to
     * @return the thread-safe listener
     */
    static ProgressListener oneAtATime(ProgressListener target) {
        return target == NONE ? NONE : new OneRunAtATime(target);
    }

    /**
     * @param label what is trained, e.g. {@code chart 2}
     * @param maxEpochs the most epochs
     * @param batches training batches per epoch
     */
    default void onTrainingStart(String label, int maxEpochs, int batches) {
    }

    /**
     * @param epoch 1-based epoch
     * @param batch 1-based batch just finished
     * @param batches batches per epoch
     * @param meanLoss mean training loss of the epoch so far
     * @param samplesPerSecond training throughput of the epoch so far
     */
    default void onBatch(int epoch, int batch, int batches, double meanLoss, double samplesPerSecond) {
    }

    /** @param record the finished epoch */
    default void onEpoch(EpochRecord record) {
    }

    /**
     * @param bestEpoch the epoch whose weights were kept
     * @param reason why training stopped
     */
    default void onTrainingEnd(int bestEpoch, String reason) {
    }
}
