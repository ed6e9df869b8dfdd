package latentatlas.atlas;

import latentatlas.InvalidInputException;
import latentatlas.membership.MembershipWeights;
import latentatlas.relative.RelativeSpace;
import latentatlas.space.LatentSpace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The atlas: one vector per sample id, merged over the charts that contain it.
 *
 * <p>{@code atlas(x) = sum_{t in T(x)} w_t v_t(x) / sum_{t in T(x)} w_t}, where {@code v_t(x)} is chart
 * t's row of x in the atlas' coordinates under the {@link Aggregation}: {@code rel_t(x)} for
 * {@link Aggregation#MEAN} (weights 1 give the plain mean of docs/method.md §2), {@code rel_t(x) + s_t}
 * for {@link Aggregation#SHIFTED_MEAN}, the chart's translation into a reference chart's absolute space
 * for {@link Aggregation#PROCRUSTES} and {@link Aggregation#LSTSQ} (docs/method.md §9); or
 * {@code rel_{t0}(x)} for the first chart {@code t0} containing x ({@link Aggregation#FIRST});
 * {@code coverage(x) = |T(x)|}. Rows are ordered by
 * first appearance (the first chart's rows, then the ids new in the second chart, ...). Sums in double.
 * Labels are kept when every chart is labelled, and must agree on every shared id.
 *
 * @param space the atlas vectors (width = number of anchors; the reference chart's width for a translation)
 * @param coverage per row, the number of charts that contain the id
 * @param anchorIds the common anchors (in column order, for the rules whose columns are the anchors)
 * @param charts the merged charts' names, in order
 * @param aggregation the rule used
 */
public record Atlas(LatentSpace space, int[] coverage, long[] anchorIds, List<String> charts, Aggregation aggregation) {
    /** Copies the arrays and the list. */
    public Atlas {
        coverage = coverage.clone();
        anchorIds = anchorIds.clone();
        charts = List.copyOf(charts);
    }

    @Override
    public int[] coverage() {
        return coverage.clone();
    }

    @Override
    public long[] anchorIds() {
        return anchorIds.clone();
    }

    /** Merges with weight 1 per chart. */
    public static Atlas merge(List<RelativeSpace> spaces, Aggregation aggregation) {
        double[] ones = new double[spaces.size()];
        Arrays.fill(ones, 1);
        return merge(spaces, ones, aggregation);
    }

    /**
     * @param spaces relative spaces over the same anchor ids (same sequence)
     * @param weights one finite positive weight per space (used by MEAN)
     * @param aggregation MEAN or FIRST
     * @return the atlas
     * @throws InvalidInputException when there is no space, the anchors differ, a weight is invalid, or
     *     two charts give one id different labels
     */
    public static Atlas merge(List<RelativeSpace> spaces, double[] weights, Aggregation aggregation) {
        if (spaces.isEmpty()) {
            throw new InvalidInputException("spaces: expected at least 1 relative space, found 0");
        }
        long[] anchors = checkAnchors(spaces);
        return combine(names(spaces), rows(spaces), anchors, weights, aggregation);
    }

    /**
     * The one merge of rows that are already in the atlas' coordinates, {@code v_t(x)} of
     * {@link Aggregation}: {@code atlas(x) = sum_t w_t v_t(x) / sum_t w_t} over the charts holding x (the
     * first chart's row for {@link Aggregation#FIRST}), rows in order of first appearance, labels kept when
     * every chart is labelled.
     *
     * @param charts the charts' names
     * @param aligned per chart, its rows {@code v_t}, all of one width
     * @param anchors the anchors the rows were made from
     * @param weights one finite positive weight per chart
     * @param aggregation the rule the rows were aligned by
     * @return the atlas
     */
    static Atlas combine(List<String> charts, List<LatentSpace> aligned, long[] anchors, double[] weights,
                         Aggregation aggregation) {
        if (weights.length != aligned.size()) {
            throw new InvalidInputException("weights: expected one per space (" + aligned.size() + "), found "
                    + weights.length);
        }
        int k = aligned.get(0).dim();
        boolean labelled = true;
        for (int t = 0; t < aligned.size(); t++) {
            if (!(weights[t] > 0) || !Double.isFinite(weights[t])) {
                throw new InvalidInputException("weight of space " + charts.get(t) + ": expected a finite positive"
                        + " number, found " + weights[t]);
            }
            if (aligned.get(t).dim() != k) {
                throw new IllegalStateException("aligned widths differ: " + aligned.get(t).dim() + " vs " + k);
            }
            labelled &= aligned.get(t).hasLabels();
        }
        Map<Long, Integer> rowOf = new LinkedHashMap<>();
        for (LatentSpace space : aligned) {
            for (int i = 0; i < space.size(); i++) {
                rowOf.putIfAbsent(space.id(i), rowOf.size());
            }
        }
        int n = rowOf.size();
        double[] sums = new double[Math.multiplyExact(n, k)];
        double[] weightSums = new double[n];
        int[] coverage = new int[n];
        int[] labels = labelled ? new int[n] : null;
        Map<Long, String> labelSource = new HashMap<>();
        for (int t = 0; t < aligned.size(); t++) {
            String chart = charts.get(t);
            LatentSpace space = aligned.get(t);
            float[] v = space.rawVectors();
            for (int i = 0; i < space.size(); i++) {
                int row = rowOf.get(space.id(i));
                coverage[row]++;
                if (labels != null) {
                    String first = labelSource.putIfAbsent(space.id(i), chart);
                    if (first == null) {
                        labels[row] = space.label(i);
                    } else if (labels[row] != space.label(i)) {
                        throw new InvalidInputException("id " + space.id(i) + " has label " + labels[row] + " in space "
                                + first + " but " + space.label(i) + " in space " + chart
                                + ": the charts must label a sample alike");
                    }
                }
                if (!aggregation.averages() && coverage[row] > 1) {
                    continue;
                }
                double w = aggregation.averages() ? weights[t] : 1;
                weightSums[row] += w;
                for (int j = 0; j < k; j++) {
                    sums[row * k + j] += w * v[i * k + j];
                }
            }
        }
        long[] ids = new long[n];
        rowOf.forEach((id, row) -> ids[row] = id);
        float[] vectors = new float[n * k];
        for (int row = 0; row < n; row++) {
            for (int j = 0; j < k; j++) {
                vectors[row * k + j] = (float) (sums[row * k + j] / weightSums[row]);
            }
        }
        return new Atlas(LatentSpace.of("atlas", ids, vectors, k, labels), coverage, anchors, charts, aggregation);
    }

    /**
     * Merges with a weight per (sample, chart), e.g. from a membership rule:
     * {@code atlas(x) = sum_t w_t(x) rel_t(x) / sum_t w_t(x)}, where only the charts with
     * {@code w_t(x) > 0} take part; {@code coverage(x) = |{t : w_t(x) > 0}|}. Rows follow
     * {@code weights.ids()}; labels are taken from the first chart.
     *
     * @param spaces one relative space per chart (weight column), each containing every id of
     *               {@code weights} at which its weight is positive, all over the same anchors
     * @param weights the weights; {@code weights.charts()} must equal the number of spaces
     * @return the atlas ({@link Aggregation#MEAN})
     * @throws InvalidInputException when the anchors differ or a chart lacks a sample it must embed
     */
    public static Atlas merge(List<RelativeSpace> spaces, MembershipWeights weights) {
        if (spaces.size() != weights.charts()) {
            throw new InvalidInputException("membership " + weights.rule() + ": weights for " + weights.charts()
                    + " charts, found " + spaces.size() + " relative spaces");
        }
        long[] anchors = checkAnchors(spaces);
        return combine(names(spaces), rows(spaces), anchors, weights, Aggregation.MEAN);
    }

    /**
     * The weighted form of {@link #combine(List, List, long[], double[], Aggregation)}: a weight per
     * (sample, chart), rows in {@code weights.ids()} order, labels from the first chart.
     */
    static Atlas combine(List<String> charts, List<LatentSpace> aligned, long[] anchors, MembershipWeights weights,
                         Aggregation aggregation) {
        if (aligned.size() != weights.charts()) {
            throw new InvalidInputException("membership " + weights.rule() + ": weights for " + weights.charts()
                    + " charts, found " + aligned.size() + " spaces");
        }
        if (!aggregation.averages()) {
            throw new InvalidInputException(List.of("aggregation"), "aggregation: membership weights need a"
                    + " weighted mean, found " + aggregation);
        }
        long[] ids = weights.ids();
        int n = ids.length;
        int k = aligned.get(0).dim();
        double[] sums = new double[Math.multiplyExact(n, k)];
        double[] weightSums = new double[n];
        int[] coverage = new int[n];
        LatentSpace first = aligned.get(0);
        int[] labels = first.hasLabels() ? new int[n] : null;
        for (int t = 0; t < aligned.size(); t++) {
            LatentSpace space = aligned.get(t);
            float[] v = space.rawVectors();
            for (int i = 0; i < n; i++) {
                double w = weights.weight(i, t);
                if (w <= 0) {
                    continue;
                }
                int row = space.rowOf(ids[i]);
                if (row < 0) {
                    throw new InvalidInputException("membership " + weights.rule() + " gives sample " + ids[i]
                            + " to chart " + charts.get(t) + ", whose space does not contain it: embed every"
                            + " sample with every chart the rule may choose");
                }
                coverage[i]++;
                weightSums[i] += w;
                for (int j = 0; j < k; j++) {
                    sums[i * k + j] += w * v[row * k + j];
                }
            }
        }
        if (labels != null) {
            for (int i = 0; i < n; i++) {
                int row = first.rowOf(ids[i]);
                labels[i] = row >= 0 ? first.label(row) : -1;
            }
            if (Arrays.stream(labels).anyMatch(l -> l < 0)) {
                labels = null;
            }
        }
        float[] vectors = new float[n * k];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                vectors[i * k + j] = (float) (sums[i * k + j] / weightSums[i]);
            }
        }
        return new Atlas(LatentSpace.of("atlas [" + weights.rule() + "]", ids, vectors, k, labels), coverage, anchors,
                charts, aggregation);
    }

    private static long[] checkAnchors(List<RelativeSpace> spaces) {
        RelativeSpace reference = spaces.get(0);
        long[] anchors = reference.anchorIds();
        for (RelativeSpace s : spaces) {
            if (!Arrays.equals(anchors, s.anchorIds())) {
                throw new InvalidInputException("space " + s.chart() + ": its " + s.anchorIds().length
                        + " anchor ids differ from the " + anchors.length + " of space " + reference.chart()
                        + firstDifference(anchors, s.anchorIds()) + ": project every chart on the same anchors, in the same order");
            }
        }
        return anchors;
    }

    private static List<String> names(List<RelativeSpace> spaces) {
        return spaces.stream().map(RelativeSpace::chart).toList();
    }

    private static List<LatentSpace> rows(List<RelativeSpace> spaces) {
        return spaces.stream().map(RelativeSpace::space).toList();
    }

    private static String firstDifference(long[] a, long[] b) {
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            if (a[i] != b[i]) {
                return " (column " + i + ": anchor id " + b[i] + " where " + a[i] + " was expected)";
            }
        }
        return "";
    }

    /**
     * @return {@code histogram[c]} = the number of ids covered by exactly {@code c} charts,
     *     {@code c = 0..charts}
     */
    public long[] coverageHistogram() {
        long[] histogram = new long[charts.size() + 1];
        for (int c : coverage) {
            histogram[c]++;
        }
        return histogram;
    }
}
