package latentatlas.atlas;

import latentatlas.InvalidInputException;
import latentatlas.compute.IdIndex;

import java.util.Arrays;
import java.util.List;

/**
 * The rows of an atlas and how the charts' rows land on them, computed from the charts' ids (and
 * labels) alone, so that the in-memory merge ({@link Atlas#merge}) and the streamed one
 * ({@link OutOfCoreMerge}) share it: atlas rows in order of first appearance (the first chart's ids,
 * then the ids new in the second chart, ...), {@code coverage(x) = |T(x)|}, the first chart holding
 * each id (the one {@link Aggregation#FIRST} keeps), and the labels when every chart is labelled (they
 * must agree on every shared id). The per-row sums ({@link #add}) are the one accumulation of
 * {@code atlas(x) = sum_t w_t rel_t(x) / sum_t w_t}, in double, chart by chart in chart order.
 */
final class AtlasLayout {
    /** The atlas rows' ids. */
    final long[] ids;
    /** Per chart, per chart row: its atlas row. */
    final int[][] atlasRows;
    /** Per atlas row: how many charts hold the id. */
    final int[] coverage;
    /** Per atlas row: the first chart (in chart order) holding the id. */
    final int[] firstChart;
    /** Per atlas row: the label, or {@code null} when a chart is unlabelled. */
    final int[] labels;

    private AtlasLayout(long[] ids, int[][] atlasRows, int[] coverage, int[] firstChart, int[] labels) {
        this.ids = ids;
        this.atlasRows = atlasRows;
        this.coverage = coverage;
        this.firstChart = firstChart;
        this.labels = labels;
    }

    /**
     * @param names the charts' names, for messages
     * @param chartIds per chart, its ids in row order
     * @param chartLabels per chart, its labels in row order, or {@code null} entries for unlabelled charts
     * @return the layout
     * @throws InvalidInputException when a chart holds an id twice, or two charts label an id differently
     */
    static AtlasLayout of(List<String> names, List<long[]> chartIds, List<int[]> chartLabels) {
        IdIndex index = new IdIndex(chartIds.isEmpty() ? 16 : chartIds.get(0).length);
        int[][] atlasRows = new int[chartIds.size()][];
        int[] lastChart = new int[16];
        int[] firstChart = new int[16];
        int[] coverage = new int[16];
        for (int t = 0; t < chartIds.size(); t++) {
            long[] ids = chartIds.get(t);
            int[] rows = new int[ids.length];
            for (int i = 0; i < ids.length; i++) {
                int before = index.size();
                int row = index.addIfAbsent(ids[i]);
                if (row == before) {
                    if (row == coverage.length) {
                        int grown = Math.max(16, (int) Math.min(Integer.MAX_VALUE - 8, 2L * row));
                        lastChart = Arrays.copyOf(lastChart, grown);
                        firstChart = Arrays.copyOf(firstChart, grown);
                        coverage = Arrays.copyOf(coverage, grown);
                    }
                    firstChart[row] = t;
                    lastChart[row] = -1;
                }
                if (lastChart[row] == t) {
                    int previous = 0;
                    while (ids[previous] != ids[i]) {
                        previous++;
                    }
                    throw new InvalidInputException(names.get(t) + ": id " + ids[i] + " appears twice (rows "
                            + previous + " and " + i + "): ids must be unique");
                }
                lastChart[row] = t;
                coverage[row]++;
                rows[i] = row;
            }
            atlasRows[t] = rows;
        }
        int n = index.size();
        long[] ids = index.ids();
        boolean labelled = chartLabels.stream().allMatch(l -> l != null);
        int[] labels = null;
        if (labelled) {
            labels = new int[n];
            for (int t = 0; t < chartIds.size(); t++) {
                int[] chart = chartLabels.get(t);
                int[] rows = atlasRows[t];
                for (int i = 0; i < rows.length; i++) {
                    int row = rows[i];
                    if (firstChart[row] == t) {
                        labels[row] = chart[i];
                    } else if (labels[row] != chart[i]) {
                        throw new InvalidInputException("id " + ids[row] + " has label " + labels[row] + " in space "
                                + names.get(firstChart[row]) + " but " + chart[i] + " in space " + names.get(t)
                                + ": the charts must label a sample alike");
                    }
                }
            }
        }
        return new AtlasLayout(ids, atlasRows, Arrays.copyOf(coverage, n), Arrays.copyOf(firstChart, n), labels);
    }

    /** @return the number of atlas rows */
    int size() {
        return ids.length;
    }

    /**
     * Adds chart {@code t}'s rows {@code v_t} (its relative vectors, or their shifted or translated form) of {@code count} rows to the sums of atlas rows
     * {@code firstRow ..}: {@code sums[(r - firstRow) k + j] += w rel[c k + j]} and
     * {@code weightSums[r - firstRow] += w} for the atlas row {@code r = rows[c]} of every row {@code c}
     * (under {@link Aggregation#FIRST} only where {@code t} is the id's first chart, with {@code w = 1}).
     */
    void add(int t, Aggregation aggregation, double weight, float[] rel, int[] rows, int count, int k, int firstRow,
             double[] sums, double[] weightSums) {
        double w = aggregation.averages() ? weight : 1;
        for (int c = 0; c < count; c++) {
            int row = rows[c];
            if (!aggregation.averages() && firstChart[row] != t) {
                continue;
            }
            int local = row - firstRow;
            weightSums[local] += w;
            for (int j = 0; j < k; j++) {
                sums[local * k + j] += w * rel[c * k + j];
            }
        }
    }

    /** @return {@code sums / weightSums} per row, as float32 ({@code rows x k}) */
    static float[] means(double[] sums, double[] weightSums, int rows, int k) {
        float[] vectors = new float[rows * k];
        for (int row = 0; row < rows; row++) {
            for (int j = 0; j < k; j++) {
                vectors[row * k + j] = (float) (sums[row * k + j] / weightSums[row]);
            }
        }
        return vectors;
    }
}
