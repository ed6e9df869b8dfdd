package latentatlas.text;

/**
 * How token states {@code h_1..h_T} (row-major {@code T x d}, with attention mask {@code m_t})
 * become one sentence vector before L2 normalisation.
 */
public enum Pooling {
    /** {@code sum_t m_t h_t / sum_t m_t}: the masked mean (MiniLM, E5). */
    MEAN,
    /** {@code h_1}: the {@code [CLS]} state (BGE). */
    CLS;

    /**
     * Pools one sequence and normalises the result to unit length.
     *
     * @param states the batch's token states, {@code b x T x d} row-major
     * @param offset index of this sequence's first state value ({@code row * T * d})
     * @param mask this sequence's attention mask (1 for real tokens), length {@code T}
     * @param dim {@code d}
     * @param out destination
     * @param outOffset where the {@code d} values go
     */
    void poolNormalised(float[] states, int offset, long[] mask, int dim, float[] out, int outOffset) {
        double[] acc = new double[dim];
        if (this == CLS) {
            for (int j = 0; j < dim; j++) {
                acc[j] = states[offset + j];
            }
        } else {
            int count = 0;
            for (int t = 0; t < mask.length; t++) {
                if (mask[t] != 0) {
                    count++;
                    int base = offset + t * dim;
                    for (int j = 0; j < dim; j++) {
                        acc[j] += states[base + j];
                    }
                }
            }
            for (int j = 0; j < dim; j++) {
                acc[j] /= count;
            }
        }
        double squares = 0;
        for (double v : acc) {
            squares += v * v;
        }
        double norm = Math.sqrt(squares);
        if (!(norm > 0)) {
            throw new IllegalStateException("pooled sentence vector has norm " + norm + ": the model output is degenerate");
        }
        for (int j = 0; j < dim; j++) {
            out[outOffset + j] = (float) (acc[j] / norm);
        }
    }
}
