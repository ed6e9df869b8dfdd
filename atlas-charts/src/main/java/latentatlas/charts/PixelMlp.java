package latentatlas.charts;

import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import latentatlas.dataset.ImageShape;

import java.util.Map;

/**
 * A multilayer perceptron on the pixels of an image (docs/method.md §4, "other chart architectures"),
 * trained from scratch: the normalised image {@code x} flattened to {@code C * H * W} values,
 * {@code Linear (CHW -> 256), SiLU, Linear (256 -> 128)}, the 128-d embedding. No convolution: it sees
 * the image as an unordered vector, the architecture farthest from the small CNN. Inputs are
 * normalised per channel like the small CNN's.
 *
 * @param shape the image shape
 * @param normalization the per-channel normalisation, fitted on the task's training images
 */
public record PixelMlp(ImageShape shape, ChannelNormalization normalization) implements ImageArchitecture {
    /** The architecture name recorded in the manifest and given to {@code --charts}. */
    public static final String NAME = "mlp";
    /** The width of the hidden layer. */
    public static final int HIDDEN = 256;
    /** The width of the embedding layer (the small CNN's). */
    public static final int EMBEDDING_DIM = 128;

    /** Validates the channel counts. */
    public PixelMlp {
        new ImageInput(NAME, shape, normalization); // checks the channels
    }

    /** @return the factory fitting the normalisation on a task's training images */
    public static ChartArchitecture.Factory factory() {
        return ImageArchitecture.factory(NAME, PixelMlp::new);
    }

    /** @return the architecture {@link #describe()} recorded */
    static PixelMlp of(Map<String, Object> description) {
        ImageInput input = ImageInput.of(NAME, description);
        return new PixelMlp(input.shape(), input.normalization());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String layers() {
        return "flatten-linear(" + HIDDEN + ")-silu-linear(" + EMBEDDING_DIM + ")";
    }

    @Override
    public int embeddingDim() {
        return EMBEDDING_DIM;
    }

    @Override
    public Block newEmbedder() {
        return new SequentialBlock()
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(HIDDEN).build())
                .add(Layers.silu())
                .add(Linear.builder().setUnits(EMBEDDING_DIM).build());
    }
}
