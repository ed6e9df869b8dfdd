package latentatlas.membership;

import java.util.List;

/**
 * Label-free routing to the {@code k} charts whose classifiers are most confident on the sample
 * (by {@link Confidence}), weight 1 each; ties are broken by the lower chart index.
 */
public final class TopConfidence implements MembershipRule {
    private final int k;
    private final Confidence confidence;

    /**
     * @param k how many charts embed each sample, at least 1
     * @param confidence the confidence score
     */
    public TopConfidence(int k, Confidence confidence) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, found " + k);
        }
        this.k = k;
        this.confidence = confidence;
    }

    @Override
    public String name() {
        return "top" + k + "-" + (confidence == Confidence.MAX_PROBABILITY ? "maxprob" : "entropy");
    }

    @Override
    public boolean labelFree() {
        return true;
    }

    @Override
    public MembershipWeights assign(List<ChartPredictions> predictions) {
        long[] ids = MembershipRule.commonIds(predictions);
        int charts = predictions.size();
        int keep = Math.min(k, charts);
        double[] w = new double[ids.length * charts];
        double[] score = new double[charts];
        for (int i = 0; i < ids.length; i++) {
            for (int t = 0; t < charts; t++) {
                score[t] = confidence.of(predictions.get(t), i);
            }
            for (int chosen = 0; chosen < keep; chosen++) {
                int best = -1;
                for (int t = 0; t < charts; t++) {
                    if (w[i * charts + t] == 0 && (best < 0 || score[t] > score[best])) {
                        best = t;
                    }
                }
                w[i * charts + best] = 1.0;
            }
        }
        return new MembershipWeights(name(), ids, charts, w);
    }
}
