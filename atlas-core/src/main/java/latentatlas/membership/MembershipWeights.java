package latentatlas.membership;

/**
 * The outcome of a membership rule: a weight {@code w_t(x) >= 0} for every (sample, chart), with at
 * least one positive weight per sample. A chart with weight 0 does not embed the sample.
 *
 * @param rule the rule's name, recorded with every result
 * @param ids the samples, in row order
 * @param charts the number of charts {@code T}
 * @param weights row-major {@code ids.length x charts}
 */
public record MembershipWeights(String rule, long[] ids, int charts, double[] weights) {
    /** Checks the shape and that every sample has at least one chart. */
    public MembershipWeights {
        if ((long) ids.length * charts != weights.length) {
            throw new IllegalArgumentException(weights.length + " weights are not " + ids.length + " x " + charts);
        }
        for (int i = 0; i < ids.length; i++) {
            double sum = 0;
            for (int t = 0; t < charts; t++) {
                double w = weights[i * charts + t];
                if (!(w >= 0) || Double.isInfinite(w)) {
                    throw new IllegalArgumentException("weight " + w + " of sample " + ids[i] + ", chart " + t);
                }
                sum += w;
            }
            if (sum <= 0) {
                throw new IllegalArgumentException("rule " + rule + " gave sample " + ids[i] + " no chart");
            }
        }
    }

    /** @return the weight of chart {@code chart} for row {@code row} */
    public double weight(int row, int chart) {
        return weights[row * charts + chart];
    }

    /** @return whether chart {@code chart} embeds row {@code row} (positive weight) */
    public boolean member(int row, int chart) {
        return weights[row * charts + chart] > 0;
    }

    /** @return the number of charts that embed row {@code row} */
    public int coverage(int row) {
        int count = 0;
        for (int t = 0; t < charts; t++) {
            if (member(row, t)) {
                count++;
            }
        }
        return count;
    }
}
