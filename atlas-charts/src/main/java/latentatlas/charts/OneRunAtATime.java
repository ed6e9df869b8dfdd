package latentatlas.charts;

/** {@link ProgressListener#oneAtATime}: the events of the run whose thread holds the listener. */
final class OneRunAtATime implements ProgressListener {
    private final ProgressListener target;
    private Thread shown;

    OneRunAtATime(ProgressListener target) {
        this.target = target;
    }

    @Override
    public synchronized void onTrainingStart(String label, int maxEpochs, int batches) {
        if (shown == null) {
            shown = Thread.currentThread();
        }
        if (shown == Thread.currentThread()) {
            target.onTrainingStart(label, maxEpochs, batches);
        }
    }

    @Override
    public synchronized void onBatch(int epoch, int batch, int batches, double meanLoss, double samplesPerSecond) {
        if (shown == Thread.currentThread()) {
            target.onBatch(epoch, batch, batches, meanLoss, samplesPerSecond);
        }
    }

    @Override
    public synchronized void onEpoch(EpochRecord record) {
        if (shown == Thread.currentThread()) {
            target.onEpoch(record);
        }
    }

    @Override
    public synchronized void onTrainingEnd(int bestEpoch, String reason) {
        if (shown == Thread.currentThread()) {
            target.onTrainingEnd(bestEpoch, reason);
            shown = null;
        }
    }
}
