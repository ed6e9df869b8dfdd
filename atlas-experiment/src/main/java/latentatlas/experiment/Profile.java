package latentatlas.experiment;

import latentatlas.InvalidInputException;
import latentatlas.charts.TrainingConfig;

/**
 * How long an experiment trains. {@link #PAPER} uses the limits of docs/method.md §4 and §6 (charts: at most
 * 200 epochs with patience 3 in the shared-classes setting, 250 epochs validated every 5 with patience
 * 5 otherwise; probe: 100 epochs, patience 10; k-means with 10 initialisations). {@link #QUICK} caps
 * them so that {@code atlas paper} on Fashion-MNIST finishes in minutes on 2 cores: 2 chart epochs
 * (end-to-end and shared-classes charts; 1 in the other settings), 5 probe epochs with patience 2 and batches of 256, 1 k-means initialisation, silhouette on 4,000
 * test rows, the 10-NN classifier's neighbours searched among the rows of a seeded sample of 20,000 training
 * samples, the same in every space (all samples in {@link #PAPER}).
 */
public enum Profile {
    /** Capped epochs: minutes on a laptop. */
    QUICK(2, 1, 1, 5, 2, 256, 1, 4_000, 20_000),
    /** The paper's epoch limits and patience. */
    PAPER(200, 250, 5, 100, 10, 128, 10, 20_000, Integer.MAX_VALUE);

    private final int chartEpochsShared;
    private final int chartEpochsOther;
    private final int validateEveryOther;
    private final int probeEpochs;
    private final int probePatience;
    private final int probeBatch;
    private final int kmeansInit;
    private final int silhouetteRows;
    private final int knnReferenceRows;

    Profile(int chartEpochsShared, int chartEpochsOther, int validateEveryOther, int probeEpochs, int probePatience,
            int probeBatch, int kmeansInit, int silhouetteRows, int knnReferenceRows) {
        this.chartEpochsShared = chartEpochsShared;
        this.chartEpochsOther = chartEpochsOther;
        this.validateEveryOther = validateEveryOther;
        this.probeEpochs = probeEpochs;
        this.probePatience = probePatience;
        this.probeBatch = probeBatch;
        this.kmeansInit = kmeansInit;
        this.silhouetteRows = silhouetteRows;
        this.knnReferenceRows = knnReferenceRows;
    }

    /** @return the profile named {@code quick} or {@code paper} */
    public static Profile named(String name) {
        return switch (name) {
            case "quick" -> QUICK;
            case "paper" -> PAPER;
            default -> throw new InvalidInputException(java.util.List.of("profile"), "profile '" + name + "' is unknown; expected quick or paper");
        };
    }

    /** @return the name the command line and results use */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The charts' training configuration. The end-to-end chart is trained like the shared-classes
     * setting's charts in every setting, so that it can be shared between settings. Always
     * deterministic: an experiment trains its charts several at once on one PyTorch thread each
     * ({@link latentatlas.charts.TrainingSchedule}), so they are the same bit for bit on every machine
     * whether or not the experiment is deterministic (which then concerns the probes).
     *
     * @param endToEndOrSharedClasses whether the chart is the end-to-end one or a shared-classes chart
     * @param seed the seed
     * @return the configuration
     */
    public TrainingConfig charts(boolean endToEndOrSharedClasses, long seed) {
        TrainingConfig base = TrainingConfig.charts().withSeed(seed).withDeterministic(true);
        if (endToEndOrSharedClasses) {
            return base.withMaxEpochs(chartEpochsShared);
        }
        TrainingConfig other = base.withMaxEpochs(chartEpochsOther).withPatience(this == PAPER ? 5 : base.patience());
        return new TrainingConfig(other.learningRate(), other.batchSize(), other.clipNorm(), other.maxEpochs(),
                other.patience(), validateEveryOther, other.seed(), other.deterministic());
    }

    /** @return the probe's training configuration */
    public TrainingConfig probe(long seed, boolean deterministic) {
        TrainingConfig p = TrainingConfig.probe();
        return new TrainingConfig(p.learningRate(), probeBatch, p.clipNorm(), probeEpochs, probePatience,
                p.validateEvery(), seed, deterministic);
    }

    /** @return k-means initialisations */
    public int kmeansInit() {
        return kmeansInit;
    }

    /** @return the most test rows the silhouette is computed on (seeded subsample) */
    public int silhouetteRows() {
        return silhouetteRows;
    }

    /** @return the most training samples whose rows the k-NN classifier searches (seeded sample; all when fewer) */
    public int knnReferenceRows() {
        return knnReferenceRows;
    }
}
