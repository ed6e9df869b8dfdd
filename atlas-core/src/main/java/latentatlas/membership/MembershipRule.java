package latentatlas.membership;

import java.util.List;

/**
 * Decides which charts embed each sample. Label-free rules see only the charts' predictions; the
 * oracle sees the task plan (and so, indirectly, the labels).
 */
public interface MembershipRule {
    /** @return the rule's name as the command line and results spell it */
    String name();

    /** @return whether the rule decides without labels (deployable at inference time) */
    boolean labelFree();

    /**
     * @param predictions one entry per chart, all on the same ids in the same order
     * @return the weights
     */
    MembershipWeights assign(List<ChartPredictions> predictions);

    /** Checks that every chart predicted the same ids in the same order; returns the ids. */
    static long[] commonIds(List<ChartPredictions> predictions) {
        if (predictions.isEmpty()) {
            throw new IllegalArgumentException("no charts");
        }
        long[] ids = predictions.get(0).ids();
        for (ChartPredictions p : predictions) {
            if (!java.util.Arrays.equals(ids, p.ids())) {
                throw new IllegalArgumentException("charts predicted different sample sets");
            }
        }
        return ids;
    }
}
