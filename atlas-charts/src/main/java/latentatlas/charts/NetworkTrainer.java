package latentatlas.charts;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import latentatlas.compute.Shuffles;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Trains a {@link ChartNetwork} by mini-batch Adam on softmax cross-entropy, with global
 * gradient-norm clipping and early stopping on the validation loss (see {@link TrainingConfig}).
 *
 * <p>The loop is written directly on the engine (no DJL {@code Trainer}): the whole training set is
 * one tensor; every epoch gathers it once in a seeded random order and the batches are slices of
 * that copy, so the input pipeline costs one memory copy per epoch. Each batch runs in its own
 * {@code NDManager} closed at the end of the batch; each epoch in one closed at the end of the epoch.
 *
 * <p>Adam follows {@code torch.optim.Adam} (beta1 0.9, beta2 0.999, eps 1e-8, bias-corrected):
 * {@code m <- b1 m + (1-b1) g; v <- b2 v + (1-b2) g^2; p <- p - lr/(1-b1^t) * m / (sqrt(v)/sqrt(1-b2^t) + eps)}.
 */
public final class NetworkTrainer {
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPS = 1e-8f;
    private static final int EVAL_BATCH = 1000;

    private final TrainingConfig config;
    private final ProgressListener listener;
    private final Augmentation augmentation;
    private final String label;

    private NetworkTrainer(Builder b) {
        this.config = b.config;
        this.listener = b.listener;
        this.augmentation = b.augmentation;
        this.label = b.label;
    }

    /** @return a builder; {@link Builder#setConfig} is required */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the configuration */
    public TrainingConfig config() {
        return config;
    }

    /**
     * Trains a new network.
     *
     * @param owner owns the network's parameters (the caller closes it)
     * @param architecture the layers up to the embedding
     * @param classes the number of classes
     * @param trainX raw training inputs, {@code n x sampleShape}
     * @param trainY local labels {@code 0..classes-1}
     * @param validationX raw validation inputs
     * @param validationY local labels of the validation inputs
     * @return the network with the best validation's weights, and the history
     */
    public TrainingResult fit(NDManager owner, NetworkArchitecture architecture, int classes,
                              NDArray trainX, int[] trainY, NDArray validationX, int[] validationY) {
        check(trainX, trainY, "training", classes);
        check(validationX, validationY, "validation", classes);
        return TorchRuntime.withThreads(config.deterministic() ? 1 : 0,
                () -> run(owner, architecture, classes, trainX, trainY, validationX, validationY));
    }

    private static void check(NDArray x, int[] y, String what, int classes) {
        if (x.getShape().get(0) != y.length) {
            throw new IllegalArgumentException(what + ": " + x.getShape().get(0) + " inputs for " + y.length + " labels");
        }
        if (y.length == 0) {
            throw new IllegalArgumentException(what + " set is empty");
        }
        for (int label : y) {
            if (label < 0 || label >= classes) {
                throw new IllegalArgumentException(what + ": label " + label + " outside 0.." + (classes - 1));
            }
        }
    }

    private TrainingResult run(NDManager owner, NetworkArchitecture architecture, int classes,
                               NDArray trainX, int[] trainY, NDArray validationX, int[] validationY) {
        long start = System.nanoTime();
        SplittableRandom random = new SplittableRandom(config.seed());
        // the only draws from the engine's (process-wide) generator: the loop below draws from `random` only
        ChartNetwork network = TorchRuntime.seeded(config.seed(), () -> ChartNetwork.create(architecture, classes, owner));
        List<Parameter> params = network.parameters();
        int n = trainY.length;
        int batches = (n + config.batchSize() - 1) / config.batchSize();
        List<EpochRecord> history = new ArrayList<>();
        listener.onTrainingStart(label, config.maxEpochs(), batches);
        try (NDManager state = owner.newSubManager()) {
            ParameterStore store = new ParameterStore(state, false);
            NDArray[] mean = new NDArray[params.size()];
            NDArray[] variance = new NDArray[params.size()];
            NDArray[] best = new NDArray[params.size()];
            for (int i = 0; i < params.size(); i++) {
                NDArray w = params.get(i).getArray();
                w.setRequiresGradient(true);
                mean[i] = state.zeros(w.getShape());
                variance[i] = state.zeros(w.getShape());
                best[i] = w.duplicate();
                best[i].attach(state);
            }
            NDArray labels = state.create(toLongs(trainY));
            double bestLoss = Double.POSITIVE_INFINITY;
            int bestEpoch = 0;
            int sinceBest = 0;
            long step = 0;
            String reason = "reached " + config.maxEpochs() + " epochs";
            for (int epoch = 1; epoch <= config.maxEpochs(); epoch++) {
                long epochStart = System.nanoTime();
                double lossSum = 0;
                try (NDManager em = state.newSubManager()) {
                    NDArray order = em.create(toLongs(Shuffles.permutation(n, random)));
                    NDArray shuffledX = trainX.get(em, new NDIndex("{}", order));
                    NDArray shuffledY = labels.get(em, new NDIndex("{}", order));
                    for (int b = 0; b < batches; b++) {
                        int from = b * config.batchSize();
                        int to = Math.min(n, from + config.batchSize());
                        try (NDManager bm = em.newSubManager()) {
                            NDIndex rows = new NDIndex("{}:{}", from, to);
                            NDArray x = augmentation.apply(architecture.prepare(shuffledX.get(bm, rows)), random);
                            NDArray y = shuffledY.get(bm, rows);
                            NDArray loss = TorchRuntime.backward(() -> crossEntropy(network.logits(store, x, true), y));
                            step++;
                            adamStep(params, mean, variance, step, bm);
                            float value = loss.getFloat();
                            if (!Float.isFinite(value)) {
                                throw new IllegalStateException(label + ": training loss became " + value + " at epoch "
                                        + epoch + ", batch " + (b + 1) + ": lower the learning rate or check the inputs");
                            }
                            lossSum += (double) value * (to - from);
                        }
                        double elapsed = (System.nanoTime() - epochStart) / 1e9;
                        listener.onBatch(epoch, b + 1, batches, lossSum / Math.min(n, (b + 1) * config.batchSize()),
                                Math.min(n, (b + 1) * config.batchSize()) / elapsed);
                    }
                }
                double trainSeconds = (System.nanoTime() - epochStart) / 1e9;
                double[] validation = epoch % config.validateEvery() == 0 || epoch == config.maxEpochs()
                        ? evaluate(network, store, validationX, validationY, state)
                        : new double[] {Double.NaN, Double.NaN};
                EpochRecord record = new EpochRecord(epoch, lossSum / n, validation[0], validation[1],
                        (System.nanoTime() - epochStart) / 1e9, n / trainSeconds);
                history.add(record);
                listener.onEpoch(record);
                if (record.validated()) {
                    if (validation[0] < bestLoss) {
                        bestLoss = validation[0];
                        bestEpoch = epoch;
                        sinceBest = 0;
                        for (int i = 0; i < params.size(); i++) {
                            overwrite(best[i], params.get(i).getArray());
                        }
                    } else if (++sinceBest >= config.patience()) {
                        reason = "early stop: no validation improvement for " + config.patience() + " validations";
                        break;
                    }
                }
            }
            for (int i = 0; i < params.size(); i++) {
                overwrite(params.get(i).getArray(), best[i]);
            }
            listener.onTrainingEnd(bestEpoch, reason);
            return new TrainingResult(network, List.copyOf(history), bestEpoch, reason, (System.nanoTime() - start) / 1e9);
        }
    }

    /** Mean softmax cross-entropy: {@code -mean_i log softmax(z_i)[y_i]}. */
    static NDArray crossEntropy(NDArray logits, NDArray labels) {
        return logits.logSoftmax(1).gather(labels.reshape(-1, 1), 1).mean().neg();
    }

    private void adamStep(List<Parameter> params, NDArray[] mean, NDArray[] variance, long step, NDManager bm) {
        NDArray[] grads = new NDArray[params.size()];
        NDArray squares = null;
        for (int i = 0; i < grads.length; i++) {
            grads[i] = params.get(i).getArray().getGradient();
            grads[i].attach(bm);
            if (config.clipNorm() > 0) {
                NDArray s = grads[i].square().sum();
                squares = squares == null ? s : squares.add(s);
            }
        }
        if (squares != null) {
            double norm = Math.sqrt(squares.getFloat());
            double scale = config.clipNorm() / (norm + 1e-6);
            if (scale < 1) {
                for (NDArray g : grads) {
                    g.muli(scale);
                }
            }
        }
        double correction1 = 1 - Math.pow(BETA1, step);
        double correction2 = Math.sqrt(1 - Math.pow(BETA2, step));
        float stepSize = (float) (config.learningRate() / correction1);
        for (int i = 0; i < grads.length; i++) {
            // An op's result belongs to its first operand's manager: every temporary here starts from
            // the batch's gradient or is attached to the batch manager, so none outlives the batch.
            NDArray g = grads[i];
            mean[i].muli(BETA1).addi(g.mul(1 - BETA1));
            variance[i].muli(BETA2).addi(g.square().muli(1 - BETA2));
            NDArray denominator = inBatch(variance[i].sqrt(), bm).muli((float) (1 / correction2)).addi(EPS);
            params.get(i).getArray().subi(inBatch(mean[i].div(denominator), bm).muli(stepSize));
            g.muli(0);
        }
    }

    private static NDArray inBatch(NDArray array, NDManager batch) {
        array.attach(batch);
        return array;
    }

    /** @return {mean cross-entropy, accuracy} of the network on the given set */
    private double[] evaluate(ChartNetwork network, ParameterStore store, NDArray x, int[] y, NDManager parent) {
        double lossSum = 0;
        long correct = 0;
        int n = y.length;
        try (NDManager em = parent.newSubManager()) {
            NDArray labels = em.create(toLongs(y));
            for (int from = 0; from < n; from += EVAL_BATCH) {
                int to = Math.min(n, from + EVAL_BATCH);
                try (NDManager bm = em.newSubManager()) {
                    NDIndex rows = new NDIndex("{}:{}", from, to);
                    NDArray logits = network.logits(store, network.architecture().prepare(x.get(bm, rows)), false);
                    NDArray target = labels.get(bm, rows);
                    lossSum += (double) crossEntropy(logits, target).getFloat() * (to - from);
                    correct += logits.argMax(1).eq(target).countNonzero().getLong();
                }
            }
        }
        return new double[] {lossSum / n, (double) correct / n};
    }

    static long[] toLongs(int[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    /** Builds a {@link NetworkTrainer}: {@code setConfig} required, the rest optional. */
    public static final class Builder {
        private TrainingConfig config;
        private ProgressListener listener = ProgressListener.NONE;
        private Augmentation augmentation = Augmentation.NONE;
        private String label = "network";

        private Builder() {
        }

        /** @param c the training configuration (required) */
        public Builder setConfig(TrainingConfig c) {
            this.config = c;
            return this;
        }

        /** @param l receives the progress (default: none) */
        public Builder optListener(ProgressListener l) {
            this.listener = l;
            return this;
        }

        /** @param a augments training batches (default: none) */
        public Builder optAugmentation(Augmentation a) {
            this.augmentation = a;
            return this;
        }

        /** @param l what the progress calls the run, e.g. {@code chart 2} */
        public Builder optLabel(String l) {
            this.label = l;
            return this;
        }

        /** @return the trainer */
        public NetworkTrainer build() {
            if (config == null) {
                throw new IllegalStateException("NetworkTrainer: setConfig is required");
            }
            return new NetworkTrainer(this);
        }
    }

    /**
     * Copies {@code from} into {@code to} in place, bit for bit. Not {@code NDArray.copyTo}: DJL's PyTorch
     * engine does that under the deprecated {@code AutoNonVariableTypeMode}, and libtorch then prints its
     * "AutoNonVariableTypeMode is deprecated ... silently wrong result" warning on the standard error stream
     * (natively, so no log setting hides it); an indexed assignment is the same copy without it.
     */
    private static void overwrite(NDArray to, NDArray from) {
        to.set(new NDIndex("..."), from);
    }
}
