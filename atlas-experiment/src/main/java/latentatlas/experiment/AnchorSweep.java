package latentatlas.experiment;

import latentatlas.InvalidInputException;
import latentatlas.anchors.AnchorStrategy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What {@link Experiment#sweepAnchors} varies (docs/method.md §10): every anchor count with every
 * strategy, the charts fixed.
 *
 * @param counts the anchor counts, each at least 1, none twice (e.g. {@link #DEFAULT_COUNTS})
 * @param strategies the strategies, none twice
 */
public record AnchorSweep(List<Integer> counts, List<AnchorStrategy> strategies) {
    /** 16 to 512 anchors, doubling: around the charts' embedding width of 128. */
    public static final List<Integer> DEFAULT_COUNTS = List.of(16, 32, 64, 128, 256, 512);

    /** Checks the counts and the strategies. */
    public AnchorSweep {
        counts = List.copyOf(counts);
        strategies = List.copyOf(strategies);
        if (counts.isEmpty()) {
            throw new InvalidInputException(List.of("counts"), "anchor counts: expected at least one, found none");
        }
        Set<Integer> seen = new HashSet<>();
        for (int k : counts) {
            if (k < 1) {
                throw new InvalidInputException(List.of("counts"), "anchor count " + k + ": expected at least 1");
            }
            if (!seen.add(k)) {
                throw new InvalidInputException(List.of("counts"), "anchor count " + k + " is given twice: give each once");
            }
        }
        if (strategies.isEmpty()) {
            throw new InvalidInputException(List.of("strategies"), "anchor strategies: expected at least one, found none");
        }
        if (new HashSet<>(strategies).size() != strategies.size()) {
            throw new InvalidInputException(List.of("strategies"), "anchor strategies " + strategies
                    + ": a strategy is given twice: give each once");
        }
    }

    /** @return every strategy with the default counts */
    public static AnchorSweep defaults() {
        return new AnchorSweep(DEFAULT_COUNTS, List.of(AnchorStrategy.values()));
    }
}
