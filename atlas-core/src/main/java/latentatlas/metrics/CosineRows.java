package latentatlas.metrics;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import latentatlas.InvalidInputException;
import latentatlas.compute.Blocks;
import latentatlas.space.LatentSpace;


/**
 * Cosine-similarity building blocks shared by the neighbour metrics: L2-normalised rows and
 * block-wise top-k search {@code argtop_k_j <q_i/|q_i|, c_j/|c_j|>}. A block holds at most
 * {@link Blocks#STREAM_FLOATS} similarities or {@code 512} query rows, whichever is more, so memory
 * does not grow with {@code n_q}.
 */
final class CosineRows {
    private CosineRows() {
    }

    /**
     * @param space the rows to normalise
     * @param what the space's name in error messages
     * @return {@code x_i / ||x_i||} row-major, norms in double
     * @throws InvalidInputException for a zero vector, which has no direction
     */
    static float[] normalised(LatentSpace space, String what) {
        int d = space.dim();
        float[] x = space.rawVectors();
        float[] out = new float[x.length];
        for (int i = 0; i < space.size(); i++) {
            double sq = 0;
            for (int j = i * d; j < (i + 1) * d; j++) {
                sq += (double) x[j] * x[j];
            }
            if (sq == 0) {
                throw new InvalidInputException(what + ": row " + i + " (id " + space.id(i)
                        + ") is the zero vector, which has no cosine similarity: drop it or fix the embedding");
            }
            double inv = 1 / Math.sqrt(sq);
            for (int j = i * d; j < (i + 1) * d; j++) {
                out[j] = (float) (x[j] * inv);
            }
        }
        return out;
    }

    /**
     * The {@code k} most cosine-similar candidates of every query, most similar first; among equal
     * similarities the lower candidate index comes first, so the neighbours do not depend on the
     * engine's thread count.
     *
     * <p>The similarities of a block of queries are one float32 matmul on the engine, and the engine also
     * selects each row's {@code k' = k + }{@value #SLACK}{@code  (+1 with self)} largest (its top-k, whose
     * order among equal values is unspecified); Java then orders those {@code k'} by similarity, then
     * index, and keeps the first {@code k}. That is the exact answer whenever the {@code k}-th kept
     * similarity is larger than the smallest of the {@code k'}: every candidate left out is then below
     * it. A row where they are equal (a tie across the cut) is ranked again in Java over all its
     * candidates, one pass over a sorted list of its best {@code k} so far. Only {@code k'} values per
     * query cross from the engine to Java. The similarities must be finite (normalised rows of a
     * {@link LatentSpace}, which holds no NaN or infinity).
     *
     * @param queries normalised query rows ({@code nq x d})
     * @param candidates normalised candidate rows ({@code nc x d}) owned by a live manager
     * @param k neighbours per query
     * @param selfOffset when {@code >= 0}, query {@code i} is candidate {@code selfOffset + i} and is
     *     excluded from its own neighbours; {@code -1} to keep every candidate
     * @return {@code nq * k} candidate indices, row-major
     */
    static int[] topK(NDArray queries, NDArray candidates, int k, int selfOffset) {
        int nq = Math.toIntExact(queries.getShape().get(0));
        int nc = Math.toIntExact(candidates.getShape().get(0));
        if ((selfOffset >= 0 ? k + 1 : k) > nc) {
            throw new InvalidInputException("k = " + k + " neighbours asked but only "
                    + (selfOffset >= 0 ? nc - 1 : nc) + " candidates exist: lower k");
        }
        int kept = Math.min(nc, k + SLACK + (selfOffset >= 0 ? 1 : 0));
        int[] out = new int[nq * k];
        NDArray candidatesT = candidates.transpose();
        int block = Math.min(nq, Math.max(MIN_BLOCK_QUERIES, Blocks.STREAM_FLOATS / nc));
        for (int start = 0; start < nq; start += block) {
            int end = Math.min(nq, start + block);
            try (NDManager scope = candidates.getManager().newSubManager()) {
                NDArray similarities = queries.get(scope, new NDIndex("{}:{}", start, end)).matMul(candidatesT);
                NDList top = similarities.topK(kept, 1, true, false);
                float[] values = top.get(0).toFloatArray();
                long[] indices = top.get(1).toLongArray();
                for (int r = 0; r < end - start; r++) {
                    int self = selfOffset >= 0 ? selfOffset + start + r : -1;
                    if (!bestOfTop(values, indices, r, kept, k, self, kept == nc, out, (start + r) * k)) {
                        best(similarities.get(r).toFloatArray(), 0, nc, k, self, out, (start + r) * k);
                    }
                }
            }
        }
        return out;
    }

    /**
     * The fewest queries of one block, even when their similarities exceed {@link Blocks#STREAM_FLOATS}:
     * against 80,000 candidates a block of 78 queries made the search slower than 512 (17.5-20.8 s vs
     * 15.5 s for 10,000 queries, d 128, 2 cores under load), the matmul being short.
     */
    static final int MIN_BLOCK_QUERIES = 512;

    /** Extra candidates the engine selects beyond {@code k}, so that a tie at the {@code k}-th rarely needs a full pass. */
    static final int SLACK = 6;

    /**
     * Orders row {@code r}'s {@code kept} selected candidates by similarity, then index (skipping
     * {@code self}), and writes the first {@code k} to {@code out[at..]}.
     *
     * @param complete whether the selection holds every candidate
     * @return false, writing nothing, when the selection cannot decide: (unless complete) the
     *     {@code k}-th similarity equal to the smallest selected one
     */
    private static boolean bestOfTop(float[] values, long[] indices, int r, int kept, int k, int self,
                                     boolean complete, int[] out, int at) {
        float[] value = new float[k];
        int[] index = new int[k];
        int filled = 0;
        float smallest = Float.POSITIVE_INFINITY;
        for (int t = r * kept; t < (r + 1) * kept; t++) {
            float v = values[t];
            int c = (int) indices[t];
            smallest = Math.min(smallest, v);
            if (c == self) {
                continue;
            }
            if (filled < k || v > value[k - 1] || (v == value[k - 1] && c < index[k - 1])) {
                int i = filled < k ? filled++ : k - 1;
                while (i > 0 && (value[i - 1] < v || (value[i - 1] == v && index[i - 1] > c))) {
                    value[i] = value[i - 1];
                    index[i] = index[i - 1];
                    i--;
                }
                value[i] = v;
                index[i] = c;
            }
        }
        if (!complete && !(value[k - 1] > smallest)) {
            return false;
        }
        System.arraycopy(index, 0, out, at, k);
        return true;
    }

    /** Writes the indices of the {@code k} largest of row {@code r} (skipping {@code self}) to {@code out[at..]}. */
    private static void best(float[] similarities, int r, int nc, int k, int self, int[] out, int at) {
        float[] value = new float[k];
        int[] index = new int[k];
        int filled = 0;
        int offset = r * nc;
        for (int c = 0; c < nc; c++) {
            float v = similarities[offset + c];
            if ((filled < k || v > value[k - 1]) && c != self) {
                int i = filled < k ? filled++ : k - 1;
                while (i > 0 && value[i - 1] < v) {
                    value[i] = value[i - 1];
                    index[i] = index[i - 1];
                    i--;
                }
                value[i] = v;
                index[i] = c;
            }
        }
        System.arraycopy(index, 0, out, at, k);
    }
}
