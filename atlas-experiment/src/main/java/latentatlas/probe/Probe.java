package latentatlas.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.ParameterStore;
import latentatlas.InvalidInputException;
import latentatlas.charts.ChartNetwork;
import latentatlas.charts.NetworkTrainer;
import latentatlas.charts.ProgressListener;
import latentatlas.charts.TrainingConfig;
import latentatlas.charts.TrainingResult;
import latentatlas.compute.Shuffles;
import latentatlas.space.LatentSpace;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A trained classification probe (docs/method.md §6). {@link #fit} trains it on a labelled space, holding
 * out a seeded 10% of its rows for early stopping; {@link #evaluate} measures it on another space. The
 * classes are the distinct labels of the training space; an evaluated sample whose class the probe
 * never saw counts as misclassified. It owns native memory: close it.
 */
public final class Probe implements AutoCloseable {
    /** The validation fraction held out of the training space. */
    public static final double VALIDATION_FRACTION = 0.1;
    private static final int BATCH = 4096;

    private final NDManager manager;
    private final ChartNetwork network;
    private final int[] classes;
    private final TrainingResult result;

    private Probe(NDManager manager, ChartNetwork network, int[] classes, TrainingResult result) {
        this.manager = manager;
        this.network = network;
        this.classes = classes;
        this.result = result;
    }

    /**
     * @param train a labelled space with at least 2 classes and 10 rows
     * @param config the training configuration ({@link TrainingConfig#probe()} is the paper's)
     * @param listener receives the progress
     * @return the trained probe
     */
    public static Probe fit(LatentSpace train, TrainingConfig config, ProgressListener listener) {
        if (!train.hasLabels()) {
            throw new InvalidInputException("probe: the training space has no labels: give its labels file");
        }
        int[] labels = train.labels();
        int[] classes = Arrays.stream(labels).distinct().sorted().toArray();
        if (classes.length < 2 || train.size() < 10) {
            throw new InvalidInputException("probe: the training space needs at least 2 classes and 10 rows, found "
                    + classes.length + " classes and " + train.size() + " rows");
        }
        LatentSpace[] parts = holdOut(train, config.seed());
        return fit(parts[0], parts[1], config, listener);
    }

    /** @return {fitting rows, validation rows}: a seeded {@link #VALIDATION_FRACTION} of the rows held out */
    static LatentSpace[] holdOut(LatentSpace train, long seed) {
        int[] order = Shuffles.permutation(train.size(), new SplittableRandom(seed));
        int validationSize = Math.max(1, (int) Math.round(train.size() * VALIDATION_FRACTION));
        return new LatentSpace[] {train.rows(Arrays.copyOfRange(order, validationSize, order.length)),
                train.rows(Arrays.copyOfRange(order, 0, validationSize))};
    }

    /**
     * Trains on {@code train}, stopping early on the loss over {@code validation} (e.g. the
     * reference's 70/15/15 protocol, whose validation part is given explicitly).
     *
     * @param train a labelled space with at least 2 classes
     * @param validation a labelled space of the same width, not empty
     * @param config the training configuration
     * @param listener receives the progress
     * @return the trained probe; its classes are those of {@code train}
     */
    public static Probe fit(LatentSpace train, LatentSpace validation, TrainingConfig config, ProgressListener listener) {
        if (!train.hasLabels() || !validation.hasLabels() || validation.size() == 0) {
            throw new InvalidInputException("probe: the training and validation spaces need labels and rows");
        }
        int[] classes = Arrays.stream(train.labels()).distinct().sorted().toArray();
        if (classes.length < 2) {
            throw new InvalidInputException("probe: the training space needs at least 2 classes, found " + classes.length);
        }
        int[] validationLabels = local(validation.labels(), classes);
        if (Arrays.stream(validationLabels).anyMatch(l -> l < 0)) {
            LatentSpace kept = validation.rows(java.util.stream.IntStream.range(0, validation.size())
                    .filter(i -> validationLabels[i] >= 0).toArray());
            if (kept.size() == 0) {
                throw new InvalidInputException("probe: no validation row has a class of the training space");
            }
            return fit(train, kept, config, listener);
        }
        NDManager manager = NDManager.newBaseManager();
        try (NDManager data = manager.newSubManager()) {
            NetworkTrainer trainer = NetworkTrainer.builder().setConfig(config).optListener(listener).optLabel("probe").build();
            TrainingResult result = trainer.fit(manager, new ProbeArchitecture(train.dim()), classes.length,
                    train.toNDArray(data), local(train.labels(), classes), validation.toNDArray(data), validationLabels);
            return new Probe(manager, result.network(), classes, result);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** @return the global classes the probe predicts */
    public int[] classes() {
        return classes.clone();
    }

    /**
     * @param space a labelled space of the same width
     * @param subsets named class subsets (global classes) to report separately, e.g. shared and novel
     * @return the accuracies
     */
    public ProbeResult evaluate(LatentSpace space, Map<String, int[]> subsets) {
        if (!space.hasLabels()) {
            throw new InvalidInputException("probe: the evaluation space has no labels: give its labels file");
        }
        if (space.dim() != network.architecture().sampleShape().get(0)) {
            throw new InvalidInputException("probe: evaluation space has width " + space.dim() + ", the probe was trained on "
                    + network.architecture().sampleShape().get(0));
        }
        int[] predicted = predict(space);
        int[] truth = space.labels();
        Map<String, Double> bySubset = new LinkedHashMap<>();
        for (Map.Entry<String, int[]> e : subsets.entrySet()) {
            int[] members = e.getValue();
            int correct = 0;
            int count = 0;
            for (int i = 0; i < truth.length; i++) {
                final int label = truth[i];
                if (Arrays.stream(members).anyMatch(c -> c == label)) {
                    count++;
                    correct += predicted[i] == label ? 1 : 0;
                }
            }
            bySubset.put(e.getKey(), count == 0 ? Double.NaN : (double) correct / count);
        }
        int correct = 0;
        for (int i = 0; i < truth.length; i++) {
            correct += predicted[i] == truth[i] ? 1 : 0;
        }
        return new ProbeResult((double) correct / truth.length, truth.length, bySubset, result.history().size(),
                result.bestEpoch());
    }

    /** @return the predicted global class of every row */
    public int[] predict(LatentSpace space) {
        int n = space.size();
        int[] out = new int[n];
        ParameterStore store = new ParameterStore(manager, false);
        try (NDManager sm = manager.newSubManager()) {
            NDArray x = space.toNDArray(sm);
            for (int from = 0; from < n; from += BATCH) {
                int to = Math.min(n, from + BATCH);
                try (NDManager bm = sm.newSubManager()) {
                    NDArray logits = network.logits(store, x.get(bm, new NDIndex("{}:{}", from, to)), false);
                    long[] best = logits.argMax(1).toLongArray();
                    for (int i = 0; i < best.length; i++) {
                        out[from + i] = classes[(int) best[i]];
                    }
                }
            }
        }
        return out;
    }

    static int[] local(int[] labels, int[] classes) {
        int[] out = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            out[i] = Arrays.binarySearch(classes, labels[i]);
        }
        return out;
    }

    @Override
    public void close() {
        manager.close();
    }
}
