package latentatlas.metrics;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import latentatlas.InvalidInputException;
import latentatlas.space.LatentSpace;

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
     * The {@code k} most cosine-similar candidates of every query, most similar first.
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
        int fetch = selfOffset >= 0 ? k + 1 : k;
        if (fetch > nc) {
            throw new InvalidInputException("k = " + k + " neighbours asked but only "
                    + (selfOffset >= 0 ? nc - 1 : nc) + " candidates exist: lower k");
        }
        int[] out = new int[nq * k];
        NDArray candidatesT = candidates.transpose();
        int block = RowBlocks.rows(nq, nc);
        for (int start = 0; start < nq; start += block) {
            int end = Math.min(nq, start + block);
            try (NDManager scope = candidates.getManager().newSubManager()) {
                NDArray q = queries.get(scope, new NDIndex("{}:{}", start, end));
                NDList top = q.matMul(candidatesT).topK(fetch, 1, true, true);
                long[] idx = top.get(1).toLongArray();
                for (int r = 0; r < end - start; r++) {
                    int self = selfOffset >= 0 ? selfOffset + start + r : -1;
                    int kept = 0;
                    for (int t = 0; t < fetch && kept < k; t++) {
                        int c = (int) idx[r * fetch + t];
                        if (c != self) {
                            out[(start + r) * k + kept++] = c;
                        }
                    }
                }
            }
        }
        return out;
    }
}
