package latentatlas.atlas;

import latentatlas.InvalidInputException;
import latentatlas.membership.MembershipWeights;
import latentatlas.relative.RelativeProjector;
import latentatlas.relative.RelativeSpace;
import latentatlas.space.LatentSpace;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The charts of an atlas after fitting ({@link AtlasBuilder#fit()}), immutable: the deployable
 * {@link AtlasModel} (per chart its projector fitted on its own embeddings of the anchors, and the shift or
 * translation of the aggregation), and per chart, in the order added, the rows it was fitted with: their
 * relative space {@code rel_t} and their rows in the atlas' coordinates {@code v_t}. {@link #merge()} turns
 * them into the {@link Atlas}, {@code atlas(x) = sum_t w_t(x) v_t(x) / sum_t w_t(x)} (docs/method.md §2, §9),
 * the same merge as {@link AtlasModel#transform(List)} of the same rows.
 *
 * <p>The model also maps new rows of a chart onto the same anchors ({@link AtlasModel#transform(String,
 * LatentSpace)}), so the relative coordinates of later samples stay comparable with the atlas.
 */
public final class FittedAtlas {
    private final AtlasModel model;
    private final Map<String, RelativeSpace> relative;
    private final List<LatentSpace> aligned;
    private final MembershipWeights weights;

    FittedAtlas(AtlasModel model, List<RelativeSpace> relative, List<LatentSpace> aligned, MembershipWeights weights) {
        this.model = model;
        Map<String, RelativeSpace> byChart = new LinkedHashMap<>();
        relative.forEach(s -> byChart.put(s.chart(), s));
        this.relative = Collections.unmodifiableMap(byChart);
        this.aligned = List.copyOf(aligned);
        this.weights = weights;
    }

    /** @return the fitted, deployable model (save it with {@link AtlasModel#save}) */
    public AtlasModel model() {
        return model;
    }

    /** @return the charts' names, in the order they were added (the weight columns' order) */
    public List<String> charts() {
        return model.charts();
    }

    /** @return the anchors' ids, in column order (a copy) */
    public long[] anchorIds() {
        return model.anchorIds();
    }

    /**
     * @param chart a chart's name
     * @return its projector, fitted on its embeddings of the anchors
     * @throws InvalidInputException when there is no such chart
     */
    public RelativeProjector projector(String chart) {
        return model.projector(chart);
    }

    /**
     * @param chart a chart's name
     * @return its rows projected on the anchors, {@code rel_t}
     * @throws InvalidInputException when there is no such chart
     */
    public RelativeSpace relative(String chart) {
        RelativeSpace space = relative.get(chart);
        if (space == null) {
            model.projector(chart); // throws: unknown chart
        }
        return space;
    }

    /** @return every chart's relative space, in chart order */
    public List<RelativeSpace> relativeSpaces() {
        return List.copyOf(relative.values());
    }

    /**
     * @param chart a chart's name
     * @return its fitted rows in the atlas' coordinates, {@code v_t} ({@link AtlasModel#aligned}): the relative
     *     rows, shifted for shifted-mean, translated into the reference chart's space for a translation
     */
    public LatentSpace aligned(String chart) {
        int t = charts().indexOf(chart);
        if (t < 0) {
            model.projector(chart); // throws: unknown chart
        }
        return aligned.get(t);
    }

    /**
     * The per-chart shifts {@code s_t} over the id set {@code S} (docs/method.md §9, {@link Shifts}), from the
     * fitted rows' relative vectors, whatever the aggregation.
     *
     * @param ids S: ids every chart's fitted rows hold (e.g. the shared training samples)
     * @return per chart, in chart order, its shift ({@code k} values)
     */
    public Map<String, float[]> shifts(long[] ids) {
        return Shifts.of(relativeSpaces(), ids);
    }

    /**
     * Merges with the builder's configuration: its membership weights when given, else its aggregation
     * with weight 1 per chart.
     *
     * @return the atlas
     * @throws InvalidInputException when two charts label one id differently, or a weight gives a sample
     *     to a chart that does not contain it
     */
    public Atlas merge() {
        if (weights != null) {
            return merge(weights);
        }
        double[] ones = new double[aligned.size()];
        Arrays.fill(ones, 1);
        return Atlas.combine(charts(), aligned, model.anchorIds(), ones, model.aggregation());
    }

    /**
     * Merges with other weights, e.g. the same charts under several membership rules:
     * {@code atlas(x) = sum_t w_t(x) v_t(x) / sum_t w_t(x)} over the charts with {@code w_t(x) > 0}.
     *
     * @param weights one column per chart, in {@link #charts()} order
     * @return the atlas over {@code weights.ids()}
     * @throws InvalidInputException when the number of columns is not the number of charts, a weight gives a
     *     sample to a chart that does not contain it, or the aggregation is {@link Aggregation#FIRST}
     */
    public Atlas merge(MembershipWeights weights) {
        return Atlas.combine(charts(), aligned, model.anchorIds(), weights, model.aggregation());
    }
}
