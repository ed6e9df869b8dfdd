package latentatlas.experiment;

import latentatlas.InvalidInputException;
import latentatlas.charts.TrainingConfig;

/**
 * How long an experiment trains. {@link #PAPER} uses the limits of docs/method.md §4 and §6 (charts: at most
 * 200 epochs with patience 3 in the shared-classes setting, 250 epochs validated every 5 with patience
 * 5 otherwise; probe: 100 epochs, patience 10; k-means with 10 initialisations). {@link #QUICK} caps
 * them so that {@code atlas paper} on Fashion-MNIST finishes in minutes on 2 cores: 2 chart epochs
 * (end-to-end and shared-classes charts; 1 in the other settings), and at least {@value #QUICK_MIN_STEPS}
 * optimizer steps per chart on a small dataset ({@link #charts}), 5 probe epochs with patience 2 and batches of 256, 1 k-means initialisation, silhouette on 4,000
 * test rows, the 10-NN classifier's neighbours searched among the rows of a seeded sample of 20,000 training
 * samples, the same in every space (all samples in {@link #PAPER}).
 */
public enum Profile {
    /** Capped epochs: minutes on a laptop. */
    QUICK(2, 1, 1, 5, 2, 256, 1, 4_000, 20_000, Profile.QUICK_MIN_STEPS),
    /** The paper's epoch limits and patience. */
    PAPER(200, 250, 5, 100, 10, 128, 10, 20_000, Integer.MAX_VALUE, 0);

    private final int chartEpochsShared;
    private final int chartEpochsOther;
    private final int validateEveryOther;
    private final int probeEpochs;
    private final int probePatience;
    private final int probeBatch;
    private final int kmeansInit;
    private final int silhouetteRows;
    private final int knnReferenceRows;
    private final int chartMinSteps;

    Profile(int chartEpochsShared, int chartEpochsOther, int validateEveryOther, int probeEpochs, int probePatience,
            int probeBatch, int kmeansInit, int silhouetteRows, int knnReferenceRows, int chartMinSteps) {
        this.chartEpochsShared = chartEpochsShared;
        this.chartEpochsOther = chartEpochsOther;
        this.validateEveryOther = validateEveryOther;
        this.probeEpochs = probeEpochs;
        this.probePatience = probePatience;
        this.probeBatch = probeBatch;
        this.kmeansInit = kmeansInit;
        this.silhouetteRows = silhouetteRows;
        this.knnReferenceRows = knnReferenceRows;
        this.chartMinSteps = chartMinSteps;
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
     * <p>The quick profile's epochs are a floor in optimizer steps as well: a chart trains
     * {@code max(E, ceil(S / ceil(n / B)))} epochs ({@code E} the profile's epochs, {@code S} = {@value #QUICK_MIN_STEPS}
     * steps, {@code n} its training samples, {@code B} the batch size), at most the paper's limit, early
     * stopping included. A small task (4,000 images: 40 steps per epoch) thus trains 5 epochs instead of
     * one, while on Fashion-MNIST every chart takes over 200 steps per epoch and keeps the profile's epochs.
     *
     * @param endToEndOrSharedClasses whether the chart is the end-to-end one or a shared-classes chart
     * @param seed the seed
     * @param trainSamples the chart's training samples
     * @return the configuration
     */
    public TrainingConfig charts(boolean endToEndOrSharedClasses, long seed, int trainSamples) {
        TrainingConfig base = TrainingConfig.charts().withSeed(seed).withDeterministic(true);
        int stepsPerEpoch = Math.max(1, (trainSamples + base.batchSize() - 1) / base.batchSize());
        int floor = (chartMinSteps + stepsPerEpoch - 1) / stepsPerEpoch;
        if (endToEndOrSharedClasses) {
            return base.withMaxEpochs(Math.min(PAPER.chartEpochsShared, Math.max(chartEpochsShared, floor)));
        }
        TrainingConfig other = base.withMaxEpochs(Math.min(PAPER.chartEpochsOther, Math.max(chartEpochsOther, floor)))
                .withPatience(this == PAPER ? 5 : base.patience());
        return new TrainingConfig(other.learningRate(), other.batchSize(), other.clipNorm(), other.maxEpochs(),
                other.patience(), validateEveryOther, other.seed(), other.deterministic());
    }

    /** The quick profile's fewest optimizer steps per chart (see {@link #charts}). */
    public static final int QUICK_MIN_STEPS = 200;

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
