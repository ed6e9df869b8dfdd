package latentatlas.membership;

import java.util.List;

/**
 * Label-free soft membership: every chart embeds every sample, weighted by a power of its
 * confidence, {@code w_t(x) = conf_t(x)^gamma} (see {@link Confidence}); {@code gamma = 0} is
 * {@link AllCharts}, a large {@code gamma} approaches top-1 routing. A sample on which every chart has
 * confidence 0 gets equal weights.
 */
public final class ConfidenceWeighted implements MembershipRule {
    private final Confidence confidence;
    private final double gamma;

    /**
     * @param confidence the confidence score
     * @param gamma the sharpening exponent, at least 0
     */
    public ConfidenceWeighted(Confidence confidence, double gamma) {
        if (!(gamma >= 0) || Double.isInfinite(gamma)) {
            throw new IllegalArgumentException("gamma must be finite and at least 0, found " + gamma);
        }
        this.confidence = confidence;
        this.gamma = gamma;
    }

    @Override
    public String name() {
        return "weighted-" + (confidence == Confidence.MAX_PROBABILITY ? "maxprob" : "entropy")
                + (gamma == 1 ? "" : "-g" + (gamma == Math.rint(gamma) ? String.valueOf((long) gamma) : String.valueOf(gamma)));
    }

    @Override
    public boolean labelFree() {
        return true;
    }

    @Override
    public MembershipWeights assign(List<ChartPredictions> predictions) {
        long[] ids = MembershipRule.commonIds(predictions);
        int charts = predictions.size();
        double[] w = new double[ids.length * charts];
        for (int i = 0; i < ids.length; i++) {
            double sum = 0;
            for (int t = 0; t < charts; t++) {
                double c = Math.max(0, confidence.of(predictions.get(t), i));
                w[i * charts + t] = Math.pow(c, gamma);
                sum += w[i * charts + t];
            }
            if (sum <= 0) {
                for (int t = 0; t < charts; t++) {
                    w[i * charts + t] = 1.0;
                }
            }
        }
        return new MembershipWeights(name(), ids, charts, w);
    }
}
