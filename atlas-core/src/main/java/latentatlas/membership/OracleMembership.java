package latentatlas.membership;

import java.util.List;
import java.util.Set;

/**
 * The paper's membership: chart {@code t} embeds sample {@code x} iff {@code x} belongs to task
 * {@code t} of the plan (weight 1), which the planner decided from the sample's class. Not label-free:
 * at test time it routes a sample by its true class (the reference's oracle routing).
 */
public final class OracleMembership implements MembershipRule {
    private final List<Set<Long>> taskIds;

    /** @param taskIds for each chart, the ids of its task (training, validation and test samples) */
    public OracleMembership(List<Set<Long>> taskIds) {
        this.taskIds = List.copyOf(taskIds);
    }

    @Override
    public String name() {
        return "oracle";
    }

    @Override
    public boolean labelFree() {
        return false;
    }

    @Override
    public MembershipWeights assign(List<ChartPredictions> predictions) {
        long[] ids = MembershipRule.commonIds(predictions);
        int charts = predictions.size();
        if (charts != taskIds.size()) {
            throw new IllegalArgumentException(charts + " charts but " + taskIds.size() + " tasks");
        }
        double[] w = new double[ids.length * charts];
        for (int i = 0; i < ids.length; i++) {
            for (int t = 0; t < charts; t++) {
                w[i * charts + t] = taskIds.get(t).contains(ids[i]) ? 1.0 : 0.0;
            }
        }
        return new MembershipWeights(name(), ids, charts, w);
    }
}
