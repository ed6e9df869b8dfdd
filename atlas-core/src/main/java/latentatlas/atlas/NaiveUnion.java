package latentatlas.atlas;

import latentatlas.InvalidInputException;
import latentatlas.membership.MembershipWeights;
import latentatlas.space.LatentSpace;

import java.util.ArrayList;
import java.util.List;

/**
 * The naive baseline of docs/method.md §5 (the reference's {@code jumble}): the union of every
 * chart's absolute rows, with no alignment, one row per (chart, sample), so a shared sample appears
 * once per chart. A {@link LatentSpace} needs unique ids, so the union's ids are the row numbers
 * {@code 0..N-1}; the sample id and the chart of every row are kept in {@code sampleIds} and
 * {@code chartIndex}.
 *
 * @param space the rows of every chart, chart after chart, ids = row numbers
 * @param sampleIds per row, the sample's own id
 * @param chartIndex per row, the index of its chart in {@code charts}
 * @param charts the charts' names
 */
public record NaiveUnion(LatentSpace space, long[] sampleIds, int[] chartIndex, List<String> charts) {
    /** Copies the arrays and the list. */
    public NaiveUnion {
        sampleIds = sampleIds.clone();
        chartIndex = chartIndex.clone();
        charts = List.copyOf(charts);
    }

    @Override
    public long[] sampleIds() {
        return sampleIds.clone();
    }

    @Override
    public int[] chartIndex() {
        return chartIndex.clone();
    }

    /**
     * @param charts the charts' names
     * @param spaces their absolute spaces, all of the same width
     * @return the union; labelled when every space is
     */
    public static NaiveUnion of(List<String> charts, List<LatentSpace> spaces) {
        if (charts.size() != spaces.size() || spaces.isEmpty()) {
            throw new InvalidInputException("naive union: expected one name per space and at least one space, found "
                    + charts.size() + " names and " + spaces.size() + " spaces");
        }
        int d = spaces.get(0).dim();
        int n = 0;
        boolean labelled = true;
        for (int t = 0; t < spaces.size(); t++) {
            if (spaces.get(t).dim() != d) {
                throw new InvalidInputException("space " + charts.get(t) + ": width " + spaces.get(t).dim()
                        + " differs from " + d + " (space " + charts.get(0) + "): the naive union stacks absolute"
                        + " rows, so every chart must have the same width");
            }
            n = Math.addExact(n, spaces.get(t).size());
            labelled &= spaces.get(t).hasLabels();
        }
        long[] rowIds = new long[n];
        long[] sampleIds = new long[n];
        int[] chartIndex = new int[n];
        int[] labels = labelled ? new int[n] : null;
        float[] vectors = new float[Math.multiplyExact(n, d)];
        int row = 0;
        for (int t = 0; t < spaces.size(); t++) {
            LatentSpace s = spaces.get(t);
            System.arraycopy(s.rawVectors(), 0, vectors, row * d, s.size() * d);
            for (int i = 0; i < s.size(); i++, row++) {
                rowIds[row] = row;
                sampleIds[row] = s.id(i);
                chartIndex[row] = t;
                if (labels != null) {
                    labels[row] = s.label(i);
                }
            }
        }
        return new NaiveUnion(LatentSpace.of("naive union", rowIds, vectors, d, labels), sampleIds, chartIndex, charts);
    }
    /**
     * The union restricted by a membership rule: sample {@code x} contributes the row of every chart
     * {@code t} with {@code w_t(x) > 0} (weights other than 0 are not used: rows are not averaged).
     *
     * @param charts the charts' names, one per weight column
     * @param spaces their absolute spaces, each containing the samples its chart is given
     * @param weights which charts embed each sample
     * @return the union, rows chart after chart, each chart's rows in {@code weights.ids()} order
     */
    public static NaiveUnion of(List<String> charts, List<LatentSpace> spaces, MembershipWeights weights) {
        if (spaces.size() != weights.charts()) {
            throw new InvalidInputException("membership " + weights.rule() + ": weights for " + weights.charts()
                    + " charts, found " + spaces.size() + " spaces");
        }
        long[] ids = weights.ids();
        List<LatentSpace> members = new ArrayList<>();
        for (int t = 0; t < spaces.size(); t++) {
            List<Long> chosen = new ArrayList<>();
            for (int i = 0; i < ids.length; i++) {
                if (weights.member(i, t)) {
                    chosen.add(ids[i]);
                }
            }
            members.add(spaces.get(t).select(charts.get(t), chosen.stream().mapToLong(Long::longValue).toArray()));
        }
        return of(charts, members);
    }
}
