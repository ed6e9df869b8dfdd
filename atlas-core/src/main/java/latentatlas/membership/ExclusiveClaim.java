package latentatlas.membership;

import java.util.List;

/**
 * Label-free routing by exclusive claims. A chart <em>claims</em> a sample when its classifier's top
 * prediction is one of its exclusive classes (classes no other chart has: the novel classes of the
 * shared-classes setting). Then:
 * <ul>
 *   <li>no chart claims the sample: every chart embeds it (it looks like a shared class);</li>
 *   <li>one chart claims it: only that chart embeds it;</li>
 *   <li>several claim it: the claimer with the largest max-softmax probability embeds it.</li>
 * </ul>
 * In the shared-classes setting this imitates the paper's membership without labels; in the disjoint
 * setting every class is exclusive, so it reduces to "the most confident chart".
 */
public final class ExclusiveClaim implements MembershipRule {
    @Override
    public String name() {
        return "exclusive-claim";
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
            int best = -1;
            for (int t = 0; t < charts; t++) {
                ChartPredictions p = predictions.get(t);
                if (exclusive(predictions, t, p.predictedClass(i))
                        && (best < 0 || p.maxProbability(i) > predictions.get(best).maxProbability(i))) {
                    best = t;
                }
            }
            for (int t = 0; t < charts; t++) {
                w[i * charts + t] = best < 0 || best == t ? 1.0 : 0.0;
            }
        }
        return new MembershipWeights(name(), ids, charts, w);
    }

    private static boolean exclusive(List<ChartPredictions> predictions, int chart, int globalClass) {
        for (int t = 0; t < predictions.size(); t++) {
            if (t != chart && predictions.get(t).hasClass(globalClass)) {
                return false;
            }
        }
        return true;
    }
}
