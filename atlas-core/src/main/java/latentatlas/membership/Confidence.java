package latentatlas.membership;

/**
 * How confident a chart's classifier is on one sample, from its softmax output {@code p}:
 * {@code MAX_PROBABILITY} = {@code max_c p_c}; {@code NEGATIVE_ENTROPY} =
 * {@code 1 - H(p) / ln |C_t|} with {@code H(p) = -sum_c p_c ln p_c}, in [0, 1] so that charts with
 * different class counts compare.
 */
public enum Confidence {
    /** The largest softmax probability. */
    MAX_PROBABILITY,
    /** One minus the entropy normalised by its maximum {@code ln |C_t|}. */
    NEGATIVE_ENTROPY;

    /** @return the confidence of chart output {@code p} on row {@code row} */
    public double of(ChartPredictions p, int row) {
        if (this == MAX_PROBABILITY) {
            return p.maxProbability(row);
        }
        int c = p.classes().length;
        if (c < 2) {
            return 1.0;
        }
        double h = 0;
        for (int j = 0; j < c; j++) {
            double q = p.probabilities()[row * c + j];
            if (q > 0) {
                h -= q * Math.log(q);
            }
        }
        return 1.0 - h / Math.log(c);
    }
}
