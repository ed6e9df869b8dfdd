package latentatlas.atlas;

import latentatlas.InvalidInputException;
import latentatlas.membership.MembershipWeights;
import latentatlas.relative.RelativeProjector;
import latentatlas.relative.RelativeSpace;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The charts of an atlas after fitting ({@link AtlasBuilder#fit()}), immutable: per chart, in the order
 * added, its relative projector (fitted on its own embeddings of the anchors) and its relative space
 * {@code rel_t} (its rows projected); {@link #merge()} turns them into the {@link Atlas},
 * {@code atlas(x) = sum_t w_t(x) rel_t(x) / sum_t w_t(x)} (docs/method.md §2).
 *
 * <p>A projector also maps new rows of its chart onto the same anchors
 * ({@link RelativeProjector#relative}), so the relative coordinates of later samples stay comparable
 * with the atlas.
 */
public final class FittedAtlas {
    private final long[] anchorIds;
    private final Map<String, RelativeProjector> projectors;
    private final Map<String, RelativeSpace> relative;
    private final Aggregation aggregation;
    private final MembershipWeights weights;

    FittedAtlas(long[] anchorIds, Map<String, RelativeProjector> projectors, List<RelativeSpace> relative,
                Aggregation aggregation, MembershipWeights weights) {
        this.anchorIds = anchorIds.clone();
        this.projectors = Collections.unmodifiableMap(new LinkedHashMap<>(projectors));
        Map<String, RelativeSpace> byChart = new LinkedHashMap<>();
        relative.forEach(s -> byChart.put(s.chart(), s));
        this.relative = Collections.unmodifiableMap(byChart);
        this.aggregation = aggregation;
        this.weights = weights;
    }

    /** @return the charts' names, in the order they were added (the weight columns' order) */
    public List<String> charts() {
        return List.copyOf(projectors.keySet());
    }

    /** @return the anchors' ids, in column order (a copy) */
    public long[] anchorIds() {
        return anchorIds.clone();
    }

    /**
     * @param chart a chart's name
     * @return its projector, fitted on its embeddings of the anchors
     * @throws InvalidInputException when there is no such chart
     */
    public RelativeProjector projector(String chart) {
        RelativeProjector projector = projectors.get(chart);
        if (projector == null) {
            throw unknown(chart);
        }
        return projector;
    }

    /**
     * @param chart a chart's name
     * @return its rows projected on the anchors, {@code rel_t}
     * @throws InvalidInputException when there is no such chart
     */
    public RelativeSpace relative(String chart) {
        RelativeSpace space = relative.get(chart);
        if (space == null) {
            throw unknown(chart);
        }
        return space;
    }

    /** @return every chart's relative space, in chart order */
    public List<RelativeSpace> relativeSpaces() {
        return List.copyOf(relative.values());
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
        return weights != null ? merge(weights) : Atlas.merge(relativeSpaces(), aggregation);
    }

    /**
     * Merges with other weights, e.g. the same charts under several membership rules:
     * {@code atlas(x) = sum_t w_t(x) rel_t(x) / sum_t w_t(x)} over the charts with {@code w_t(x) > 0}.
     *
     * @param weights one column per chart, in {@link #charts()} order
     * @return the atlas over {@code weights.ids()} ({@link Aggregation#MEAN})
     * @throws InvalidInputException when the number of columns is not the number of charts, or a weight
     *     gives a sample to a chart that does not contain it
     */
    public Atlas merge(MembershipWeights weights) {
        return Atlas.merge(relativeSpaces(), weights);
    }

    private InvalidInputException unknown(String chart) {
        return new InvalidInputException("chart '" + chart + "': expected one of " + projectors.keySet()
                + ", found no chart of that name");
    }
}
