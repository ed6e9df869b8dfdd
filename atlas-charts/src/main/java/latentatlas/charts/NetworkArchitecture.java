package latentatlas.charts;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;

import java.util.Map;

/**
 * The trainable part of a network up to its embedding layer, and how a raw input batch becomes the
 * network's input. The {@link NetworkTrainer} adds the classifier {@code Linear(embeddingDim, |C|)}
 * on top (see {@link ChartNetwork}), so the embedding {@code e(x)} is always the output of
 * {@link #newEmbedder()}.
 */
public interface NetworkArchitecture {
    /** @return the architecture's name as the manifest records it, e.g. {@code small-cnn} */
    String name();

    /** @return JSON-serialisable parameters from which {@link ChartArchitectures#of} rebuilds it */
    Map<String, Object> describe();

    /** @return the shape of one raw sample (without the batch axis), e.g. {@code (1, 28, 28)} */
    Shape sampleShape();

    /** @return the width of the embedding layer */
    int embeddingDim();

    /** @return a new, uninitialised block mapping a prepared batch to its embeddings */
    Block newEmbedder();

    /**
     * Turns a raw batch (uint8 pixels or float vectors, {@code batch x sampleShape}) into the
     * network's float32 input, e.g. {@code (x - mean_c) / std_c}. The result belongs to the manager
     * of {@code raw}.
     *
     * @param raw the raw batch
     * @return the prepared batch
     */
    NDArray prepare(NDArray raw);
}
