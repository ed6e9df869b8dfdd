package latentatlas.cli;

import latentatlas.InvalidInputException;
import latentatlas.anchors.AnchorSelection;
import latentatlas.anchors.AnchorStrategy;
import latentatlas.space.LatentSpace;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --select-anchors K --strategy S --anchor-seed N}: anchors chosen among the ids every given space
 * holds (docs/method.md §10), instead of {@code --anchors FILE}; a picocli mixin for the commands that
 * merge the user's own spaces ({@code atlas merge}, and {@code atlas fit}). The space the choice measures
 * is the command's reference space ({@code --reference}, default the first {@code --space}).
 */
final class AnchorChoiceOptions {
    @Option(names = "--select-anchors", paramLabel = "K",
            description = "Choose K anchors among the ids common to every --space (instead of --anchors), measured"
                    + " in the --reference space; written to OUT/anchors.ids.npy.")
    Integer count;

    @Option(names = "--strategy", paramLabel = "S",
            description = "With --select-anchors: random, stratified (the same count per class of the reference's"
                    + " labels), kmeans (the ids nearest the k-means centroids of the reference's vectors), farthest"
                    + " (greedy max-min distance). Default: random.")
    String strategy;

    @Option(names = "--anchor-seed", paramLabel = "SEED",
            description = "With --select-anchors: the seed of the choice. Default: 42.")
    Long seed;

    /**
     * @return whether {@code --select-anchors} was given
     * @throws InvalidInputException when {@code --strategy} or {@code --anchor-seed} comes without it
     */
    boolean given() {
        if (count == null && (strategy != null || seed != null)) {
            throw new InvalidInputException((strategy != null ? "--strategy" : "--anchor-seed")
                    + " applies to --select-anchors K, which is missing; add it or remove the option");
        }
        return count != null;
    }

    private AnchorStrategy parsed() {
        try {
            return strategy == null ? AnchorStrategy.DEFAULT : AnchorStrategy.parse(strategy);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(List.of("strategy"), e.getMessage(), e);
        }
    }

    private long seed() {
        return seed == null ? 42 : seed;
    }

    /**
     * @param names the spaces' names, in {@code --space} order
     * @param spaces the spaces
     * @param reference the reference space's name, or {@code null} for the first space
     * @return the chosen anchor ids, sorted
     */
    long[] choose(List<String> names, List<LatentSpace> spaces, String reference) {
        int at = reference == null ? 0 : names.indexOf(reference);
        if (at < 0) {
            throw new InvalidInputException(List.of("reference"), "reference space '" + reference
                    + "' is not a --space; expected one of " + String.join(", ", names));
        }
        return AnchorSelection.amongCommonIds(parsed(), spaces, spaces.get(at), count, seed());
    }

    /** @return how the anchors were chosen, for summary.json */
    Map<String, Object> describe(String referenceName) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("selected", count);
        d.put("strategy", parsed().externalName());
        d.put("seed", seed());
        d.put("reference", referenceName);
        return d;
    }
}
