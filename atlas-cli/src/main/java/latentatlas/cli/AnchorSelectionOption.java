package latentatlas.cli;

import latentatlas.anchors.AnchorStrategy;
import picocli.CommandLine.Option;

/**
 * {@code --anchor-selection}: how a plan's anchors are chosen (docs/method.md §10), for {@code tasks},
 * {@code run} and {@code paper}.
 */
public final class AnchorSelectionOption {
    @Option(names = "--anchor-selection", paramLabel = "S", defaultValue = "random",
            description = "How the anchors are chosen among the samples the setting allows: random, stratified"
                    + " (the same count per class), kmeans (the samples nearest the k-means centroids of the inputs:"
                    + " pixels, or the end-to-end encoder's vectors), farthest (greedy max-min distance).")
    private String anchorSelection;

    /** @return the strategy named (the library's error names the flag) */
    public AnchorStrategy strategy() {
        return AnchorStrategy.parse(anchorSelection);
    }
}
