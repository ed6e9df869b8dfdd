package latentatlas.metrics;

import latentatlas.InvalidInputException;

import java.util.OptionalDouble;
import java.util.Set;

/**
 * Classification accuracy: {@code (1/|S|) sum_{i in S} [pred_i = true_i]}, over all rows or over the
 * rows whose true class is in a given subset (e.g. the shared or the novel classes of setting 1).
 */
public final class Accuracy {
    private Accuracy() {
    }

    /** @return the fraction of rows where {@code predicted} equals {@code truth} */
    public static double of(int[] truth, int[] predicted) {
        return on(truth, predicted, Set.of()).orElseThrow(
                () -> new InvalidInputException("accuracy of zero samples is undefined: give at least one sample"));
    }

    /**
     * @param classes true classes to keep; empty keeps every row
     * @return the accuracy on the kept rows, empty when no row is kept
     */
    public static OptionalDouble on(int[] truth, int[] predicted, Set<Integer> classes) {
        if (truth.length != predicted.length) {
            throw new IllegalArgumentException(truth.length + " true labels but " + predicted.length + " predictions");
        }
        long kept = 0;
        long right = 0;
        for (int i = 0; i < truth.length; i++) {
            if (classes.isEmpty() || classes.contains(truth[i])) {
                kept++;
                if (truth[i] == predicted[i]) {
                    right++;
                }
            }
        }
        return kept == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) right / kept);
    }
}
