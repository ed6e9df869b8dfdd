package latentatlas.metrics;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import latentatlas.InvalidInputException;
import latentatlas.space.LatentSpace;

import java.util.stream.IntStream;

/**
 * Cosine-similarity building blocks shared by the neighbour metrics: L2-normalised rows and
 * block-wise top-k search {@code argtop_k_j <q_i/|q_i|, c_j/|c_j|>}. A block holds at most
 * {@link RowBlocks#ELEMENTS} similarities, so memory does not grow with {@code n_q * n_c}.
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
     * <p>The similarities of a block of queries are one float32 matmul on the engine; the selection runs
     * in Java, one pass per query row over a sorted list of its best {@code k} so far (a candidate is
     * compared with the current {@code k}-th best and inserted only when it beats it), rows in parallel.
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
        int[] out = new int[nq * k];
        NDArray candidatesT = candidates.transpose();
        int block = RowBlocks.rows(nq, nc);
        for (int start = 0; start < nq; start += block) {
            int end = Math.min(nq, start + block);
            float[] similarities;
            try (NDManager scope = candidates.getManager().newSubManager()) {
                similarities = queries.get(scope, new NDIndex("{}:{}", start, end)).matMul(candidatesT).toFloatArray();
            }
            int first = start;
            IntStream.range(0, end - start).parallel().forEach(r -> best(similarities, r, nc, k,
                    selfOffset >= 0 ? selfOffset + first + r : -1, out, (first + r) * k));
        }
        return out;
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
