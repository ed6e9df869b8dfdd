package latentatlas.charts;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import latentatlas.InvalidInputException;
import latentatlas.dataset.Samples;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The trainable head of a text chart (docs/method.md §4, "pretrained encoder + trainable head"): on the
 * frozen encoder's sentence vectors {@code e(x) in R^d},
 * {@code Linear(d -> 256), ReLU, Linear(256 -> 128)}; the 128-d output is the chart's latent space
 * and the trainer adds the classifier {@code Linear(128 -> |C|)}. Inputs are standardised per
 * feature, {@code (x_j - mean_j) / std_j}, with mean and deviation fitted on the task's training
 * vectors ({@link ChannelNormalization#fitFeatures}) and recorded in the manifest.
 *
 * @param encoder the name of the encoder whose vectors feed the head (e.g. {@code minilm}), recorded
 *     in the manifest
 * @param inputDim the vector width {@code d}
 * @param normalization the per-feature normalisation ({@code d} means and deviations)
 */
public record MlpHead(String encoder, int inputDim, ChannelNormalization normalization) implements ChartArchitecture {
    /** The architecture name recorded in the manifest. */
    public static final String NAME = "mlp-head";
    /** The width of the hidden layer. */
    public static final int HIDDEN = 256;
    /** The width of the embedding layer. */
    public static final int EMBEDDING_DIM = 128;

    /** Validates the widths. */
    public MlpHead {
        if (encoder == null || encoder.isBlank()) {
            throw new InvalidInputException("mlp-head: the encoder's name is missing: name the encoder that made the vectors");
        }
        if (inputDim < 1 || normalization.mean().length != inputDim) {
            throw new InvalidInputException("mlp-head: normalisation has " + normalization.mean().length
                    + " features but the vectors have " + inputDim + ": fit it on the same vectors");
        }
    }

    /**
     * @param encoder the encoder's name (e.g. {@code minilm}); part of the factory's name, so charts on
     *     another encoder's vectors get another configuration hash
     * @param inputDim the vector width {@code d} (384 for minilm, bge and e5)
     * @return the factory fitting the normalisation on a task's training vectors
     */
    public static ChartArchitecture.Factory factory(String encoder, int inputDim) {
        return new ChartArchitecture.Factory() {
            @Override
            public String name() {
                return NAME + "(" + encoder + ", " + inputDim + ")";
            }

            @Override
            public ChartArchitecture fit(Samples trainSamples) {
                return MlpHead.fit(encoder, inputDim, trainSamples);
            }
        };
    }

    /**
     * @param encoder the encoder's name
     * @param inputDim the expected vector width
     * @param trainSamples vector samples of that width
     * @return the head with the normalisation of these vectors
     */
    public static MlpHead fit(String encoder, int inputDim, Samples trainSamples) {
        checkVectors(inputDim, trainSamples);
        return new MlpHead(encoder, inputDim, ChannelNormalization.fitFeatures(inputDim, trainSamples.vectors()));
    }

    private static void checkVectors(int inputDim, Samples samples) {
        if (!samples.isVectors() || samples.dim() != inputDim) {
            throw new InvalidInputException("mlp-head: expected " + inputDim + "-d encoder vectors, found "
                    + samples.kind() + ": encode the text dataset first (EncodedDataset) or use a small-cnn chart for images");
        }
    }

    /**
     * @param description a chart manifest's architecture description
     * @return the name of the encoder whose vectors the chart takes, or {@code null} when it is not an
     *     MLP head (e.g. a small CNN on images)
     */
    public static String encoderOf(Map<String, Object> description) {
        return NAME.equals(description.get("name")) ? (String) description.get("encoder") : null;
    }

    /**
     * @param description what {@link #describe()} wrote
     * @return the architecture
     */
    static MlpHead of(Map<String, Object> description) {
        return new MlpHead((String) description.get("encoder"), ((Number) description.get("inputDim")).intValue(),
                ChannelNormalization.of(description));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", NAME);
        d.put("encoder", encoder);
        d.put("inputDim", inputDim);
        d.put("mean", normalization.mean());
        d.put("std", normalization.std());
        d.put("layers", "standardise-linear(" + HIDDEN + ")-relu-linear(" + EMBEDDING_DIM + ")");
        return d;
    }

    @Override
    public Shape sampleShape() {
        return new Shape(inputDim);
    }

    @Override
    public int embeddingDim() {
        return EMBEDDING_DIM;
    }

    @Override
    public Block newEmbedder() {
        return new SequentialBlock()
                .add(Linear.builder().setUnits(HIDDEN).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(EMBEDDING_DIM).build());
    }

    @Override
    public NDArray prepare(NDArray raw) {
        NDManager m = raw.getManager();
        NDArray mean = m.create(normalization.mean(), new Shape(1, inputDim));
        NDArray invStd = m.create(normalization.inverseStd(), new Shape(1, inputDim));
        return raw.sub(mean).muli(invStd);
    }

    @Override
    public NDArray inputs(NDManager manager, Samples samples) {
        checkVectors(inputDim, samples);
        return manager.create(samples.vectors(), new Shape(samples.size(), inputDim));
    }
}
