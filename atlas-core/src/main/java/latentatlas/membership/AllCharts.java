package latentatlas.membership;

import java.util.Arrays;
import java.util.List;

/** Every chart embeds every sample with weight 1: {@code atlas(x) = mean_t rel_t(x)}. Label-free. */
public final class AllCharts implements MembershipRule {
    @Override
    public String name() {
        return "all";
    }

    @Override
    public boolean labelFree() {
        return true;
    }

    @Override
    public MembershipWeights assign(List<ChartPredictions> predictions) {
        long[] ids = MembershipRule.commonIds(predictions);
        double[] w = new double[ids.length * predictions.size()];
        Arrays.fill(w, 1.0);
        return new MembershipWeights(name(), ids, predictions.size(), w);
    }
}
