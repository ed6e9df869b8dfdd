package latentatlas.metrics;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import latentatlas.compute.PowerOfTwo;
import latentatlas.space.LatentSpace;

import java.nio.FloatBuffer;

/**
 * Helpers for block-wise pairwise work: the block size that bounds memory, NDArray creation, and
 * centring (column mean in double) before distances are expanded as {@code ||x||^2 - 2 x.y + ||y||^2}.
 */
final class RowBlocks {
    /** Pairwise values held at once per block (64 MiB of float32). */
    static final long ELEMENTS = 1L << 24;

    private RowBlocks() {
    }

    /** @return rows per block so that {@code rows * width <= ELEMENTS} (at least 1, at most {@code total}) */
    static int rows(int total, long width) {
        return (int) Math.max(1, Math.min(total, ELEMENTS / Math.max(1, width)));
    }

    /** @return a row-major {@code rows x d} float32 array owned by {@code manager} */
    static NDArray matrix(NDManager manager, float[] data, int rows, int d) {
        return manager.create(FloatBuffer.wrap(data), new Shape(rows, d));
    }

    /**
     * @return the rows minus their column mean, rescaled by a power of two to a largest magnitude in
     *     {@code [0.5, 1)} (exact; {@link PowerOfTwo}), for metrics that do not depend on the scale
     *     (silhouettes): their float32 squared distances then neither overflow nor underflow
     */
    static float[] centredRescaled(LatentSpace space) {
        float[] out = centred(space);
        PowerOfTwo.scaleInPlace(out, PowerOfTwo.exponent(PowerOfTwo.maxAbs(out)));
        return out;
    }

    /** @return the rows minus their column mean (mean accumulated in double), as float32 */
    static float[] centred(LatentSpace space) {
        int d = space.dim();
        int n = space.size();
        float[] x = space.rawVectors();
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += x[i * d + j];
            }
        }
        float[] out = new float[x.length];
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                out[i * d + j] = (float) (x[i * d + j] - mean[j]);
            }
        }
        return out;
    }
}
