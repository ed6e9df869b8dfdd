package latentatlas.charts;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import latentatlas.dataset.ImageShape;
import latentatlas.dataset.Samples;

import java.util.LinkedHashMap;
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
public record PixelMlp(ImageShape shape, ChannelNormalization normalization) implements ChartArchitecture {
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
        return new ChartArchitecture.Factory() {
            @Override
            public String name() {
                return NAME;
            }

            @Override
            public ChartArchitecture fit(Samples trainSamples) {
                ImageInput input = ImageInput.fit(NAME, trainSamples);
                return new PixelMlp(input.shape(), input.normalization());
            }
        };
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
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", NAME);
        input().describeInto(d);
        d.put("layers", "flatten-linear(" + HIDDEN + ")-silu-linear(" + EMBEDDING_DIM + ")");
        return d;
    }

    @Override
    public Shape sampleShape() {
        return input().sampleShape();
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

    @Override
    public NDArray prepare(NDArray raw) {
        return input().prepare(raw);
    }

    @Override
    public NDArray inputs(NDManager manager, Samples samples) {
        return input().inputs(manager, samples);
    }

    private ImageInput input() {
        return new ImageInput(NAME, shape, normalization);
    }
}
