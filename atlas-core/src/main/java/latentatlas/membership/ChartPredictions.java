package latentatlas.membership;

import java.util.Arrays;

/**
 * One chart's classifier output on a sample set: the softmax probabilities over the chart's own
 * classes, row-aligned with {@code ids}.
 *
 * @param classes the chart's global classes; column {@code j} of the probabilities is class
 *                {@code classes[j]}
 * @param ids the samples, in row order (the same order for every chart of a membership decision)
 * @param probabilities row-major {@code ids.length x classes.length}, rows summing to 1
 */
public record ChartPredictions(int[] classes, long[] ids, float[] probabilities) {
    /** Checks the shapes. */
    public ChartPredictions {
        if ((long) ids.length * classes.length != probabilities.length) {
            throw new IllegalArgumentException(probabilities.length + " probabilities are not "
                    + ids.length + " rows of " + classes.length + " classes");
        }
    }

    /** @return the number of samples */
    public int size() {
        return ids.length;
    }

    /** @return the column of the largest probability of row {@code row} */
    public int argmax(int row) {
        int c = classes.length;
        int best = 0;
        for (int j = 1; j < c; j++) {
            if (probabilities[row * c + j] > probabilities[row * c + best]) {
                best = j;
            }
        }
        return best;
    }

    /** @return the largest probability of row {@code row} (the max-softmax confidence) */
    public float maxProbability(int row) {
        return probabilities[row * classes.length + argmax(row)];
    }

    /** @return the global class predicted for row {@code row} */
    public int predictedClass(int row) {
        return classes[argmax(row)];
    }

    /** @return whether the chart has global class {@code global} */
    public boolean hasClass(int global) {
        for (int c : classes) {
            if (c == global) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChartPredictions p && Arrays.equals(classes, p.classes)
                && Arrays.equals(ids, p.ids) && Arrays.equals(probabilities, p.probabilities);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(classes) * 31 + Arrays.hashCode(ids);
    }
}
