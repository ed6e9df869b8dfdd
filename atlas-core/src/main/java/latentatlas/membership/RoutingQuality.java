package latentatlas.membership;

import java.util.List;

/**
 * How well a label-free rule routes, measured afterwards with the labels: the fraction of samples
 * whose member charts (positive weight) include at least one chart that has the sample's true class,
 * and the fraction whose most weighted chart has it. For a sample of a shared class every chart has
 * it, so routing can only fail on classes that some charts lack.
 */
public final class RoutingQuality {
    private RoutingQuality() {
    }

    /**
     * @param weights the rule's outcome
     * @param chartClasses for each chart, its global classes
     * @param labels the true global class of each row of {@code weights}
     * @return {@code [recall, top1]}: fraction with an owning chart among the members, and fraction
     *         whose largest-weight chart owns the class
     */
    public static double[] of(MembershipWeights weights, List<int[]> chartClasses, int[] labels) {
        int n = weights.ids().length;
        int charts = weights.charts();
        long hit = 0;
        long topHit = 0;
        for (int i = 0; i < n; i++) {
            boolean any = false;
            int top = 0;
            for (int t = 0; t < charts; t++) {
                boolean owns = contains(chartClasses.get(t), labels[i]);
                any |= weights.member(i, t) && owns;
                if (weights.weight(i, t) > weights.weight(i, top)) {
                    top = t;
                }
            }
            hit += any ? 1 : 0;
            topHit += contains(chartClasses.get(top), labels[i]) ? 1 : 0;
        }
        return new double[] {(double) hit / n, (double) topHit / n};
    }

    private static boolean contains(int[] classes, int c) {
        for (int x : classes) {
            if (x == c) {
                return true;
            }
        }
        return false;
    }
}
