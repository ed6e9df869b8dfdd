package latentatlas.relative;

import latentatlas.space.LatentSpace;

import java.util.Objects;

/**
 * A relative space: the relative vectors of one chart ({@code space}, one column per anchor, in the
 * order of {@code anchorIds}), the ids of its anchors and the chart's name. Two relative spaces can be
 * averaged only when their anchor ids are the same sequence.
 *
 * @param chart the chart (model, task) the space comes from
 * @param space the relative vectors, width = number of anchors
 * @param anchorIds the anchors' sample ids, in column order
 */
public record RelativeSpace(String chart, LatentSpace space, long[] anchorIds) {
    /** Validates that the width matches the anchors. */
    public RelativeSpace {
        Objects.requireNonNull(chart, "chart");
        Objects.requireNonNull(space, "space");
        anchorIds = anchorIds.clone();
        if (space.dim() != anchorIds.length) {
            throw new IllegalArgumentException(chart + ": relative width " + space.dim() + " is not the "
                    + anchorIds.length + " anchors");
        }
    }

    /** @return a copy of the anchor ids */
    @Override
    public long[] anchorIds() {
        return anchorIds.clone();
    }
}
