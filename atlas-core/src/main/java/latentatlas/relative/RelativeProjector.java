package latentatlas.relative;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import latentatlas.InvalidInputException;
import latentatlas.compute.Blocks;
import latentatlas.compute.StagedRows;
import latentatlas.space.LatentSpace;

import java.util.function.IntFunction;

/**
 * A fitted relative projection (immutable, plain Java data: it holds no native memory and can be
 * shipped to workers). For a sample {@code x}: {@code x' = (x - mu) * s} (the normalization), then
 * <ul>
 *   <li>COSINE: {@code rel(x) = (x' / ||x'||) . Â^T}, {@code Â} the unit-length normalized anchors;</li>
 *   <li>ANGULAR: {@code 1 - arccos(clamp(rel_cos(x), -1, 1)) / pi}, computed in float64: arccos
 *   amplifies rounding near {@code cos = 1} (a float32 cosine error of 6e-8 would become 1.5e-4);</li>
 *   <li>EUCLIDEAN: {@code -sqrt(max(0, ||x'||^2 + ||a'||^2 - 2 x' . a'))}, in float64 for the same
 *   reason (the square root amplifies the cancellation near distance 0);</li>
 *   <li>L1: {@code -sum_j |x'_j - a'_j|}.</li>
 * </ul>
 * The work runs in row blocks as float32 matrix products in the DJL engine, each block in its own
 * scoped NDManager: the rows are copied once into a native staging buffer reused by every block
 * ({@link StagedRows}), normalised there in place, multiplied by the anchors, and the result copied once
 * into the output array. A block's largest temporary holds at most {@link Blocks#STREAM_FLOATS} floats,
 * so the engine reuses freed memory from block to block instead of faulting in fresh pages.
 */
public final class RelativeProjector {
    private final long[] anchorIds;
    private final int dim;
    private final Similarity similarity;
    private final Normalization normalization;
    private final float[] shift;
    private final float[] scale;
    private final float[] anchors;

    RelativeProjector(long[] anchorIds, int dim, Similarity similarity, Normalization normalization,
                      float[] shift, float[] scale, float[] anchors) {
        this.anchorIds = anchorIds;
        this.dim = dim;
        this.similarity = similarity;
        this.normalization = normalization;
        this.shift = shift;
        this.scale = scale;
        this.anchors = anchors;
    }

    /** @return the anchors' ids, in column order (a copy) */
    public long[] anchorIds() {
        return anchorIds.clone();
    }

    /** @return the number of anchors {@code k}, the width of a relative vector */
    public int anchorCount() {
        return anchorIds.length;
    }

    /** @return the absolute width {@code d} the projector expects */
    public int dim() {
        return dim;
    }

    /** @return the similarity */
    public Similarity similarity() {
        return similarity;
    }

    /** @return the normalization fitted on the anchors */
    public Normalization normalization() {
        return normalization;
    }

    /**
     * Projects a space: same ids and labels, one column per anchor in anchor order.
     *
     * @param space absolute embeddings by the chart the anchors were embedded with
     * @return the relative space ({@code n x k})
     * @throws InvalidInputException on a width mismatch, or a sample with no direction (naming its id)
     */
    public LatentSpace apply(LatentSpace space) {
        checkWidth("space " + space, space.dim());
        float[] out = project(space.rawVectors(), space.size(), row -> "row " + row + " (id " + space.id(row) + ")");
        return LatentSpace.of("relative space", space.ids(), out, anchorIds.length,
                space.hasLabels() ? space.labels() : null);
    }

    /**
     * Projects a space and keeps its anchors and chart name with it.
     *
     * @param chart the chart's name
     * @param space absolute embeddings by that chart
     * @return the relative space
     */
    public RelativeSpace relative(String chart, LatentSpace space) {
        return new RelativeSpace(chart, apply(space), anchorIds);
    }

    /**
     * Projects a block of absolute rows, row-major, {@code n x d}, into relative rows, {@code n x k}
     * (usable on its own, e.g. once per partition of a distributed job).
     *
     * @param rows {@code n * d} values
     * @param n the number of rows
     * @return {@code n * k} values, row-major
     */
    public float[] applyRows(float[] rows, int n) {
        if ((long) n * dim != rows.length) {
            throw new InvalidInputException("rows: expected " + n + " x " + dim + " = " + (long) n * dim
                    + " values, found " + rows.length);
        }
        return project(rows, n, row -> "row " + row);
    }

    private void checkWidth(String what, int width) {
        if (width != dim) {
            throw new InvalidInputException(what + ": width " + width + " differs from the anchors' width "
                    + dim + ": project a space with the chart that embedded the anchors");
        }
    }

    private float[] project(float[] rows, int n, IntFunction<String> rowName) {
        int k = anchorIds.length;
        float[] out = new float[Math.multiplyExact(n, k)];
        if (n == 0) {
            return out;
        }
        // The widest temporary of a block is its n x k result (n x k x d for L1), float64 for the wide similarities.
        long perRow = similarity == Similarity.L1 ? (long) k * dim : Math.max(dim, k);
        int block = (int) Math.min(n, Math.max(1, Blocks.STREAM_FLOATS / (similarity.wide() ? 2 : 1) / perRow));
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray anchorRows = Blocks.rows(manager, anchors, 0, k, dim);
            if (similarity.wide()) {
                anchorRows = anchorRows.toType(DataType.FLOAT64, false);
            }
            NDArray anchorsT = (similarity == Similarity.ANGULAR ? unitRows(anchorRows) : anchorRows).transpose();
            NDArray shiftRow = normalization == Normalization.NONE ? null : Blocks.row(manager, shift);
            NDArray scaleRow = normalization == Normalization.STANDARD ? Blocks.row(manager, scale) : null;
            NDArray anchorSq = similarity == Similarity.EUCLIDEAN ? anchorRows.square().sum(new int[] {1}).reshape(1, k) : null;
            StagedRows stage = new StagedRows(block, dim);
            for (int first = 0; first < n; first += block) {
                int count = Math.min(block, n - first);
                try (NDManager scope = manager.newSubManager()) {
                    NDArray x = stage.load(scope, rows, first, count);
                    if (shiftRow != null) {
                        x.subi(shiftRow);
                    }
                    if (scaleRow != null) {
                        x.muli(scaleRow);
                    }
                    if (similarity.wide()) {
                        x = x.toType(DataType.FLOAT64, false);
                    }
                    NDArray result = similarityBlock(x, anchorRows, anchorsT, anchorSq, first, rowName);
                    Blocks.copyInto(result.toType(DataType.FLOAT32, false), out, first * k);
                }
            }
        }
        return out;
    }

    private NDArray similarityBlock(NDArray x, NDArray anchorRows, NDArray anchorsT,
                                    NDArray anchorSq, int first, IntFunction<String> rowName) {
        switch (similarity) {
            case COSINE: {
                NDArray norms = x.norm(new int[] {1}, true);
                requireDirections(norms.toFloatArray(), first, rowName);
                return x.divi(norms).matMul(anchorsT);
            }
            case ANGULAR: {
                NDArray norms = x.norm(new int[] {1}, true);
                requireDirections(norms.toType(DataType.FLOAT32, false).toFloatArray(), first, rowName);
                NDArray cos = x.divi(norms).matMul(anchorsT);
                return cos.clip(-1.0, 1.0).acos().mul(-1 / Math.PI).add(1.0);
            }
            case EUCLIDEAN: {
                NDArray squared = x.square().sum(new int[] {1}, true);
                return squared.add(anchorSq).sub(x.matMul(anchorsT).mul(2f)).maximum(0f).sqrt().neg();
            }
            case L1: {
                long count = x.getShape().get(0);
                NDArray diff = x.reshape(new Shape(count, 1, dim)).sub(anchorRows.reshape(new Shape(1, anchorIds.length, dim)));
                return diff.abs().sum(new int[] {2}).neg();
            }
            default:
                throw new IllegalStateException(similarity.toString());
        }
    }

    private static NDArray unitRows(NDArray rows) {
        return rows.div(rows.norm(new int[] {1}, true));
    }

    private void requireDirections(float[] norms, int first, IntFunction<String> rowName) {
        for (int i = 0; i < norms.length; i++) {
            if (!(norms[i] > 0)) {
                throw new InvalidInputException(rowName.apply(first + i) + " has zero norm"
                        + (normalization == Normalization.NONE ? "" : " after " + normalization + " normalization")
                        + ": a " + similarity + " similarity needs a direction; drop that sample");
            }
        }
    }
}
