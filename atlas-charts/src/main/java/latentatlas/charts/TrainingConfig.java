package latentatlas.charts;

import java.util.List;

import latentatlas.InvalidInputException;

/**
 * How a network is trained (docs/method.md §4): Adam with learning rate {@code learningRate}, mini-batches
 * of {@code batchSize}, the global gradient norm clipped at {@code clipNorm}
 * ({@code g <- g * min(1, clipNorm / (||g||_2 + 1e-6))} over all parameters, as PyTorch's
 * {@code clip_grad_norm_}; 0 disables it), validation every {@code validateEvery} epochs, early
 * stopping once the validation loss has not improved for {@code patience} validations, at most
 * {@code maxEpochs} epochs; the best validation's weights are restored at the end.
 *
 * @param learningRate Adam's step size, positive
 * @param batchSize samples per step, at least 1
 * @param clipNorm the maximum global gradient norm; 0 for no clipping
 * @param maxEpochs the most epochs, at least 1
 * @param patience validations without improvement before stopping, at least 1
 * @param validateEvery epochs between validations, at least 1
 * @param seed seeds the initialisation, the shuffling and the augmentation
 * @param deterministic run PyTorch with one intra-op thread, so that every floating-point reduction
 *     has one fixed order on every machine (slower for one network alone; a {@link TrainingSchedule}
 *     trains several such networks at once, one per core); otherwise the network trains on the calling
 *     thread's intra-op threads and runs repeat exactly only for the same thread count
 */
public record TrainingConfig(float learningRate, int batchSize, float clipNorm, int maxEpochs, int patience,
                             int validateEvery, long seed, boolean deterministic) {
    /** Validates every field. */
    public TrainingConfig {
        if (!(learningRate > 0) || !Float.isFinite(learningRate)) {
            throw new InvalidInputException("learning rate must be positive, found " + learningRate);
        }
        if (batchSize < 1) {
            throw new InvalidInputException("batch size must be at least 1, found " + batchSize);
        }
        if (!(clipNorm >= 0) || !Float.isFinite(clipNorm)) {
            throw new InvalidInputException("gradient clipping norm must be 0 (off) or positive, found " + clipNorm);
        }
        if (maxEpochs < 1) {
            throw new InvalidInputException(List.of("maxEpochs"), "maximum epochs must be at least 1, found " + maxEpochs);
        }
        if (patience < 1) {
            throw new InvalidInputException(List.of("patience"), "patience must be at least 1 validation, found " + patience);
        }
        if (validateEvery < 1) {
            throw new InvalidInputException("validation interval must be at least 1 epoch, found " + validateEvery);
        }
    }

    /** @return the charts' defaults of docs/method.md §4 (setting 1): lr 1e-3, batch 100, clip 10, 200 epochs, patience 3, seed 42 */
    public static TrainingConfig charts() {
        return new TrainingConfig(1e-3f, 100, 10f, 200, 3, 1, 42, false);
    }

    /** @return the probe's defaults of docs/method.md §6: lr 1e-3, batch 128, no clipping, 100 epochs, patience 10, seed 42 */
    public static TrainingConfig probe() {
        return new TrainingConfig(1e-3f, 128, 0f, 100, 10, 1, 42, false);
    }

    /** @return a copy with another maximum number of epochs */
    public TrainingConfig withMaxEpochs(int epochs) {
        return new TrainingConfig(learningRate, batchSize, clipNorm, epochs, patience, validateEvery, seed, deterministic);
    }

    /** @return a copy with another patience */
    public TrainingConfig withPatience(int newPatience) {
        return new TrainingConfig(learningRate, batchSize, clipNorm, maxEpochs, newPatience, validateEvery, seed, deterministic);
    }

    /** @return a copy with another seed */
    public TrainingConfig withSeed(long newSeed) {
        return new TrainingConfig(learningRate, batchSize, clipNorm, maxEpochs, patience, validateEvery, newSeed, deterministic);
    }

    /** @return a copy with the deterministic mode set */
    public TrainingConfig withDeterministic(boolean on) {
        return new TrainingConfig(learningRate, batchSize, clipNorm, maxEpochs, patience, validateEvery, seed, on);
    }
}
