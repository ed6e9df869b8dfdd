package latentatlas.charts;

import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import latentatlas.InvalidInputException;
import latentatlas.dataset.ImageShape;
import latentatlas.dataset.Samples;

import java.util.Map;

/**
 * The small CNN of docs/method.md §4 (the reference's "vanilla CNN"), for 1 or 3 channels and any image
 * size:
 * {@code Conv 5x5 (C -> 16, pad 2), SiLU, MaxPool 2; Conv 5x5 (16 -> 32, pad 2), SiLU, MaxPool 2;
 * flatten; Linear (32 * floor(floor(H/2)/2) * floor(floor(W/2)/2) -> 128)}, the 128-d embedding.
 * Inputs are normalised per channel, {@code (x - mean_c) / std_c} ({@link ChannelNormalization}).
 *
 * @param shape the image shape
 * @param normalization the per-channel normalisation, fitted on the task's training images
 */
public record SmallCnn(ImageShape shape, ChannelNormalization normalization) implements ImageArchitecture {
    /** The architecture name recorded in the manifest. */
    public static final String NAME = "small-cnn";
    /** The width of the embedding layer. */
    public static final int EMBEDDING_DIM = 128;

    /** Validates the channel counts. */
    public SmallCnn {
        new ImageInput(NAME, shape, normalization); // checks the channels
        if (shape.height() < 4 || shape.width() < 4) {
            throw new InvalidInputException("small-cnn: images of " + shape.height() + "x" + shape.width()
                    + " are too small for two 2x2 poolings: expected at least 4x4");
        }
    }

    /** @return the factory fitting the normalisation on a task's training images */
    public static ChartArchitecture.Factory factory() {
        return ImageArchitecture.factory(NAME, SmallCnn::new);
    }

    /**
     * @param trainSamples image samples
     * @return the architecture with the normalisation of these images
     */
    public static SmallCnn fit(Samples trainSamples) {
        ImageInput input = ImageInput.fit(NAME, trainSamples);
        return new SmallCnn(input.shape(), input.normalization());
    }

    /**
     * @param description what {@link #describe()} wrote
     * @return the architecture
     */
    static SmallCnn of(Map<String, Object> description) {
        ImageInput input = ImageInput.of(NAME, description);
        return new SmallCnn(input.shape(), input.normalization());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String layers() {
        return "conv5x5(16,pad2)-silu-maxpool2-conv5x5(32,pad2)-silu-maxpool2-flatten-linear(128)";
    }

    @Override
    public int embeddingDim() {
        return EMBEDDING_DIM;
    }

    @Override
    public Block newEmbedder() {
        return new SequentialBlock()
                .add(Layers.conv(5, 16)).add(Layers.silu()).add(Layers.maxPool2())
                .add(Layers.conv(5, 32)).add(Layers.silu()).add(Layers.maxPool2())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(EMBEDDING_DIM).build());
    }
}
