package latentatlas.charts;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;

import java.util.List;

/** The layers the image chart architectures are built of. */
final class Layers {
    private Layers() {
    }

    /** SiLU (swish with beta 1): {@code x * sigmoid(x)}. */
    static Block silu() {
        return LambdaBlock.singleton(x -> x.mul(Activation.sigmoid(x)), "silu");
    }

    /** A {@code size x size} convolution with {@code filters} outputs, padded to keep the height and width. */
    static Block conv(int size, int filters) {
        return Conv2d.builder().setKernelShape(new Shape(size, size)).optPadding(new Shape(size / 2, size / 2))
                .setFilters(filters).build();
    }

    /**
     * A residual block of width {@code c} (He et al. 2016, without batch normalisation):
     * {@code y = SiLU(x + Conv3x3(SiLU(Conv3x3(x))))}.
     */
    static Block residual(int c) {
        Block branch = new SequentialBlock().add(conv(3, c)).add(silu()).add(conv(3, c));
        Block identity = Blocks.identityBlock();
        return new SequentialBlock()
                .add(new ParallelBlock(list -> {
                    NDArray sum = list.get(0).singletonOrThrow().add(list.get(1).singletonOrThrow());
                    return new NDList(sum);
                }, List.of(branch, identity)))
                .add(silu());
    }
}
