package latentatlas.charts;

import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import latentatlas.InvalidInputException;
import latentatlas.dataset.ImageShape;

import java.util.Map;

/**
 * A small residual network on images (docs/method.md §4, "other chart architectures"), trained from
 * scratch like {@link SmallCnn} so that a run can mix architectures over its tasks:
 * {@code Conv 3x3 (C -> 16), SiLU, MaxPool 2; Res(16); Conv 3x3 (16 -> 32), SiLU, MaxPool 2; Res(32);
 * flatten; Linear (32 * floor(floor(H/2)/2) * floor(floor(W/2)/2) -> 128)}, with
 * {@code Res(c): x -> SiLU(x + Conv3x3(SiLU(Conv3x3(x))))} (same-size convolutions, no batch
 * normalisation, so the embedding does not depend on batch statistics). Inputs are normalised per
 * channel like the small CNN's.
 *
 * @param shape the image shape
 * @param normalization the per-channel normalisation, fitted on the task's training images
 */
public record ResidualCnn(ImageShape shape, ChannelNormalization normalization) implements ImageArchitecture {
    /** The architecture name recorded in the manifest and given to {@code --charts}. */
    public static final String NAME = "resnet";
    /** The width of the embedding layer (the small CNN's). */
    public static final int EMBEDDING_DIM = 128;

    /** Validates the channel counts and the image size. */
    public ResidualCnn {
        new ImageInput(NAME, shape, normalization); // checks the channels
        if (shape.height() < 4 || shape.width() < 4) {
            throw new InvalidInputException(NAME + ": images of " + shape.height() + "x" + shape.width()
                    + " are too small for two 2x2 poolings: expected at least 4x4");
        }
    }

    /** @return the factory fitting the normalisation on a task's training images */
    public static ChartArchitecture.Factory factory() {
        return ImageArchitecture.factory(NAME, ResidualCnn::new);
    }

    /** @return the architecture {@link #describe()} recorded */
    static ResidualCnn of(Map<String, Object> description) {
        ImageInput input = ImageInput.of(NAME, description);
        return new ResidualCnn(input.shape(), input.normalization());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String layers() {
        return "conv3x3(16)-silu-maxpool2-res(16)-conv3x3(32)-silu-maxpool2-res(32)-flatten-linear(128);"
                + " res(c) = silu(x + conv3x3(c)(silu(conv3x3(c)(x))))";
    }

    @Override
    public int embeddingDim() {
        return EMBEDDING_DIM;
    }

    @Override
    public Block newEmbedder() {
        return new SequentialBlock()
                .add(Layers.conv(3, 16)).add(Layers.silu()).add(Layers.maxPool2())
                .add(Layers.residual(16))
                .add(Layers.conv(3, 32)).add(Layers.silu()).add(Layers.maxPool2())
                .add(Layers.residual(32))
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(EMBEDDING_DIM).build());
    }
}
