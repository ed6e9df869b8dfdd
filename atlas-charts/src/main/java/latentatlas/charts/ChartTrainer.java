package latentatlas.charts;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import latentatlas.InvalidInputException;
import latentatlas.dataset.Dataset;
import latentatlas.dataset.Samples;
import latentatlas.tasks.Task;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;

/**
 * Trains the chart of one task (docs/method.md §4): fits the architecture to the task's training samples
 * (e.g. the channel normalisation), trains it with the {@link NetworkTrainer} on the task's training
 * samples with local labels, validates on the task's validation samples, and measures the accuracy on
 * the task's test samples.
 */
public final class ChartTrainer {
    private final TrainingConfig config;
    private final ChartArchitecture.Factory factory;
    private final Augmentation augmentation;
    private final ProgressListener listener;

    private ChartTrainer(Builder b) {
        this.config = b.config;
        this.factory = b.factory;
        this.augmentation = b.augmentation;
        this.listener = b.listener;
    }

    /** @return a builder; {@code setConfig} is required */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The hash that decides whether a saved chart can be reused: SHA-256 over the plan fingerprint,
     * the task, the architecture, the augmentation and the training configuration; for a configuration
     * that is not deterministic also over the calling thread's intra-op thread count, which the chart
     * is then trained with (its numbers depend on it), so that a chart trained on 2 threads is not
     * taken for one trained on 1 or 4. A deterministic configuration trains on one thread everywhere,
     * alone or in a {@link TrainingSchedule}.
     *
     * @param planFingerprint the plan's fingerprint
     * @param task the task
     * @return the hex hash
     */
    public String configHash(String planFingerprint, Task task) {
        String text = planFingerprint + "|" + task.index() + "|" + Arrays.toString(task.classes()) + "|"
                + factory.name() + "|" + augmentationName() + "|" + config
                + (config.deterministic() ? "" : "|intra-op threads " + TorchRuntime.threads());
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param dataset the dataset the plan divides
     * @param task the task
     * @param planFingerprint the plan's fingerprint (recorded in the manifest)
     * @return the trained chart (close it)
     */
    public Chart train(Dataset dataset, Task task, String planFingerprint) {
        Samples train = dataset.train().select(task.trainIds());
        Samples validation = dataset.train().select(task.validationIds());
        Samples test = dataset.test().select(task.testIds());
        if (validation.size() == 0) {
            throw new InvalidInputException("task " + task.index() + " has no validation samples: early stopping needs them;"
                    + " plan with a validation fraction above 0");
        }
        ChartArchitecture architecture = factory.fit(train);
        NDManager manager = NDManager.newBaseManager();
        try {
            NetworkTrainer trainer = NetworkTrainer.builder().setConfig(config).optListener(listener)
                    .optAugmentation(augmentation).optLabel("chart " + task.index()).build();
            TrainingResult result;
            try (NDManager data = manager.newSubManager()) {
                NDArray trainX = architecture.inputs(data, train);
                NDArray validationX = architecture.inputs(data, validation);
                result = trainer.fit(manager, architecture, task.classCount(), trainX, localLabels(task, train),
                        validationX, localLabels(task, validation));
            }
            ChartManifest manifest = new ChartManifest(ChartManifest.FORMAT, task.index(), task.classes().clone(),
                    architecture.describe(), architecture.embeddingDim(), config,
                    augmentationName(), result.history(),
                    result.bestEpoch(), result.stopReason(), result.seconds(), Map.of(), TorchRuntime.versions(),
                    dataset.name() + " " + dataset.fingerprint(), planFingerprint, configHash(planFingerprint, task));
            Chart chart = new Chart(manager, architecture, result.network(), manifest);
            double testAccuracy = test.size() == 0 ? Double.NaN : chart.accuracy(test);
            return new Chart(manager, architecture, result.network(), withMetrics(manifest, Map.of("testAccuracy", testAccuracy)));
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** @return how the manifest and the configuration hash name the augmentation (stable across runs) */
    private String augmentationName() {
        return augmentation == Augmentation.NONE ? "none" : augmentation.toString();
    }

    private static ChartManifest withMetrics(ChartManifest m, Map<String, Double> metrics) {
        return new ChartManifest(m.format(), m.task(), m.classes(), m.architecture(), m.embeddingDim(), m.training(),
                m.augmentation(), m.history(), m.bestEpoch(), m.stopReason(), m.trainSeconds(), metrics, m.versions(),
                m.dataset(), m.planFingerprint(), m.configHash());
    }

    private static int[] localLabels(Task task, Samples samples) {
        int[] out = new int[samples.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = task.localLabel(samples.labels()[i]);
            if (out[i] < 0) {
                throw new InvalidInputException("task " + task.index() + ": sample id " + samples.ids()[i] + " has class "
                        + samples.labels()[i] + ", which is not a class of the task: the plan does not match the dataset");
            }
        }
        return out;
    }

    /** Builds a {@link ChartTrainer}. */
    public static final class Builder {
        private TrainingConfig config;
        private ChartArchitecture.Factory factory = SmallCnn.factory();
        private Augmentation augmentation = Augmentation.NONE;
        private ProgressListener listener = ProgressListener.NONE;

        private Builder() {
        }

        /** @param c the training configuration (required) */
        public Builder setConfig(TrainingConfig c) {
            this.config = c;
            return this;
        }

        /** @param f the architecture (default: the small CNN) */
        public Builder optArchitecture(ChartArchitecture.Factory f) {
            this.factory = f;
            return this;
        }

        /** @param a the augmentation of training batches (default: none) */
        public Builder optAugmentation(Augmentation a) {
            this.augmentation = a;
            return this;
        }

        /** @param l the progress listener (default: none) */
        public Builder optListener(ProgressListener l) {
            this.listener = l;
            return this;
        }

        /** @return the trainer */
        public ChartTrainer build() {
            if (config == null) {
                throw new IllegalStateException("ChartTrainer: setConfig is required");
            }
            return new ChartTrainer(this);
        }
    }
}
