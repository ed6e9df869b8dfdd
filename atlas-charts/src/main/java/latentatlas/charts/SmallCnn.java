package latentatlas.charts;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import latentatlas.InvalidInputException;
import latentatlas.dataset.ImageShape;
import latentatlas.dataset.Samples;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
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
public record SmallCnn(ImageShape shape, ChannelNormalization normalization) implements ChartArchitecture {
    /** The architecture name recorded in the manifest. */
    public static final String NAME = "small-cnn";
    /** The width of the embedding layer. */
    public static final int EMBEDDING_DIM = 128;

    /** Validates the channel counts. */
    public SmallCnn {
        if (normalization.mean().length != shape.channels()) {
            throw new InvalidInputException("small-cnn: normalisation has " + normalization.mean().length
                    + " channels but the images have " + shape.channels());
        }
        if (shape.height() < 4 || shape.width() < 4) {
            throw new InvalidInputException("small-cnn: images of " + shape.height() + "x" + shape.width()
                    + " are too small for two 2x2 poolings: expected at least 4x4");
        }
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
                return SmallCnn.fit(trainSamples);
            }
        };
    }

    /**
     * @param trainSamples image samples
     * @return the architecture with the normalisation of these images
     */
    public static SmallCnn fit(Samples trainSamples) {
        if (!trainSamples.isImages()) {
            throw new InvalidInputException("small-cnn: the dataset holds " + trainSamples.kind()
                    + ", not images: use a text chart (mlp-head on encoder vectors)");
        }
        return new SmallCnn(trainSamples.shape(), ChannelNormalization.fit(trainSamples.shape(), trainSamples.pixels()));
    }

    /**
     * @param description what {@link #describe()} wrote
     * @return the architecture
     */
    @SuppressWarnings("unchecked")
    static SmallCnn of(Map<String, Object> description) {
        List<Number> s = (List<Number>) description.get("imageShape");
        return new SmallCnn(new ImageShape(s.get(0).intValue(), s.get(1).intValue(), s.get(2).intValue()),
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
        d.put("imageShape", List.of(shape.channels(), shape.height(), shape.width()));
        d.put("mean", normalization.mean());
        d.put("std", normalization.std());
        d.put("layers", "conv5x5(16,pad2)-silu-maxpool2-conv5x5(32,pad2)-silu-maxpool2-flatten-linear(128)");
        return d;
    }

    @Override
    public Shape sampleShape() {
        return new Shape(shape.channels(), shape.height(), shape.width());
    }

    @Override
    public int embeddingDim() {
        return EMBEDDING_DIM;
    }

    @Override
    public Block newEmbedder() {
        return new SequentialBlock()
                .add(conv(16)).add(silu()).add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
                .add(conv(32)).add(silu()).add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(EMBEDDING_DIM).build());
    }

    private static Block conv(int filters) {
        return Conv2d.builder().setKernelShape(new Shape(5, 5)).optPadding(new Shape(2, 2)).setFilters(filters).build();
    }

    /** SiLU (swish with beta 1): {@code x * sigmoid(x)}. */
    private static Block silu() {
        return LambdaBlock.singleton(x -> x.mul(Activation.sigmoid(x)), "silu");
    }

    @Override
    public NDArray prepare(NDArray raw) {
        NDManager m = raw.getManager();
        int c = shape.channels();
        NDArray mean = m.create(normalization.mean(), new Shape(1, c, 1, 1));
        NDArray invStd = m.create(normalization.inverseStd(), new Shape(1, c, 1, 1));
        return raw.toType(DataType.FLOAT32, true).subi(mean).muli(invStd);
    }

    @Override
    public NDArray inputs(NDManager manager, Samples samples) {
        if (!samples.isImages() || !samples.shape().equals(shape)) {
            throw new InvalidInputException("small-cnn: expected images of " + shape + ", found "
                    + samples.kind());
        }
        return manager.create(ByteBuffer.wrap(samples.pixels()),
                new Shape(samples.size(), shape.channels(), shape.height(), shape.width()), DataType.UINT8);
    }
}
