package latentatlas.charts;

/**
 * One epoch of training, as the manifest's history records it.
 *
 * @param epoch 1-based
 * @param trainLoss mean cross-entropy over the epoch's training batches
 * @param validationLoss mean cross-entropy on the validation set, or NaN when not validated this epoch
 * @param validationAccuracy accuracy on the validation set, or NaN when not validated this epoch
 * @param seconds wall time of the epoch (training and validation)
 * @param samplesPerSecond training samples per second of the epoch's training steps
 */
public record EpochRecord(int epoch, double trainLoss, double validationLoss, double validationAccuracy,
                          double seconds, double samplesPerSecond) {
    /** @return whether the epoch ended with a validation */
    public boolean validated() {
        return !Double.isNaN(validationLoss);
    }
}
