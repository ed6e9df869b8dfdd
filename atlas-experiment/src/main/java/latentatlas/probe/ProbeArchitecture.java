package latentatlas.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import latentatlas.charts.NetworkArchitecture;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The probe's layers up to its hidden layer: {@code InstanceNorm -> Linear(d, 256) -> ReLU}; the
 * trainer adds {@code Linear(256, |C|)}.
 *
 * <p>InstanceNorm normalises each vector over its own features, without a learned affine map (as
 * PyTorch's {@code nn.InstanceNorm1d(d)} applied to an {@code n x d} batch, which the reference
 * does): {@code x'_j = (x_j - mean(x)) / sqrt(var(x) + 1e-5)}, with the biased variance over the
 * {@code d} features of the row.
 *
 * @param dim the width {@code d} of the probed space
 */
public record ProbeArchitecture(int dim) implements NetworkArchitecture {
    /** Hidden units. */
    public static final int HIDDEN = 256;
    /** The variance offset of the instance norm. */
    public static final float EPS = 1e-5f;

    /** Validates the width. */
    public ProbeArchitecture {
        if (dim < 1) {
            throw new IllegalArgumentException("probe: space width must be at least 1, found " + dim);
        }
    }

    @Override
    public String name() {
        return "probe";
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", name());
        d.put("dim", dim);
        d.put("layers", "instancenorm(no affine, eps 1e-5)-linear(256)-relu-linear(classes)");
        return d;
    }

    @Override
    public Shape sampleShape() {
        return new Shape(dim);
    }

    @Override
    public int embeddingDim() {
        return HIDDEN;
    }

    @Override
    public Block newEmbedder() {
        return new SequentialBlock()
                .add(LambdaBlock.singleton(ProbeArchitecture::instanceNorm, "instance-norm"))
                .add(Linear.builder().setUnits(HIDDEN).build())
                .add(Activation.reluBlock());
    }

    /** {@code (x - mean_row) / sqrt(var_row + eps)} for every row of an {@code n x d} batch. */
    static NDArray instanceNorm(NDArray x) {
        NDArray centred = x.sub(x.mean(new int[] {1}, true));
        NDArray variance = centred.square().mean(new int[] {1}, true);
        return centred.div(variance.add(EPS).sqrt());
    }

    @Override
    public NDArray prepare(NDArray raw) {
        return raw.toType(DataType.FLOAT32, true);
    }
}
