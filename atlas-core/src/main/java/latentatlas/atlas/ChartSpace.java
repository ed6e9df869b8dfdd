package latentatlas.atlas;

import latentatlas.space.LatentSpace;

import java.util.Objects;

/**
 * One chart's rows handed to {@link AtlasModel#transform(java.util.List)}: the chart's name (one the model
 * knows) and its absolute embeddings of some samples (their ids; row numbers when the user has none).
 *
 * @param chart the chart's name
 * @param space the chart's absolute rows
 */
public record ChartSpace(String chart, LatentSpace space) {
    /** Checks that both are given. */
    public ChartSpace {
        Objects.requireNonNull(chart, "chart");
        Objects.requireNonNull(space, "space");
    }
}
