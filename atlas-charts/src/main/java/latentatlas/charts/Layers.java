package latentatlas.charts;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import java.util.List;

/** The layers the image chart architectures are built of. */
final class Layers {
    private Layers() {
    }

    /** SiLU (swish with beta 1): {@code x * sigmoid(x)}. */
    static Block silu() {
        return LambdaBlock.singleton(x -> x.mul(Activation.sigmoid(x)), "silu");
    }

    /**
     * 2x2 max pooling with stride 2, {@code y[c, i, j] = max(x[c, 2i + a, 2j + b])} over {@code a, b in {0, 1}} (an
     * odd last row or column is dropped). Training calls the engine's {@code max_pool2d}, whose gradient reaches
     * one maximum of each window; inference computes the same values as the elementwise maximum of the four
     * strided views {@code x[..., a::2, b::2]}, which libtorch's CPU kernels do about 6x faster (measured on one
     * thread: 0.85 s vs 0.13 s per 10,000 maps of 16 x 28 x 28). The same bits, except that a window whose
     * largest value is a zero of both signs may give the other sign (equal numbers) and a NaN window another
     * NaN. Saved and loaded as the engine's own pooling block ({@code Pool.maxPool2dBlock}): a chart's weights
     * file is the same either way.
     */
    static Block maxPool2() {
        return new MaxPool2();
    }

    private static final class MaxPool2 extends LambdaBlock {
        private static final Shape TWO = new Shape(2, 2);

        MaxPool2() {
            super(list -> new NDList(Pool.maxPool2d(list.singletonOrThrow(), TWO, TWO, new Shape(0, 0), false)),
                    "maxPool2d");
        }

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                         PairList<String, Object> params) {
            if (training) {
                return super.forwardInternal(store, inputs, true, params);
            }
            NDArray x = inputs.singletonOrThrow();
            NDArray top = view(x, 0, 0).maximum(view(x, 0, 1));
            NDArray bottom = view(x, 1, 0).maximum(view(x, 1, 1));
            return new NDList(top.maximum(bottom)); // the views and maxima live in x's manager, as the kernel's output would
        }

        /** @return {@code x[..., a:2h:2, b:2w:2]}: the element at offset {@code (a, b)} of every window */
        private static NDArray view(NDArray x, int a, int b) {
            long rows = x.getShape().get(2) / 2 * 2;
            long columns = x.getShape().get(3) / 2 * 2;
            return x.get(new NDIndex("..., {}:{}:2, {}:{}:2", a, rows, b, columns));
        }
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
