package latentatlas.metrics;

import latentatlas.InvalidInputException;
import latentatlas.space.LatentSpace;

import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * Class separability (docs/method.md §6): for every pair of classes {@code (c1, c2)} with at least one
 * class of interest,
 *
 * <pre>
 *   sep(c1, c2) = ||mu_1 - mu_2|| / ((mean_{i in c1} ||x_i - mu_1|| + mean_{j in c2} ||x_j - mu_2||) / 2)
 * </pre>
 *
 * with {@code mu_c} the class mean and Euclidean norms, averaged over the pairs. Without classes of
 * interest every pair counts. One pass over the rows, sums in double: {@code O(n d + |C|^2 d)}.
 */
public final class ClassSeparability {
    private ClassSeparability() {
    }

    /**
     * @param space a labelled space with at least two classes
     * @param classesOfInterest classes one of which every counted pair must contain; empty for all pairs
     * @return the mean separability over the counted pairs
     * @throws InvalidInputException when the space is unlabelled, has fewer than two classes, a class
     *     of interest is absent, or both classes of a pair have zero spread
     */
    public static double of(LatentSpace space, Set<Integer> classesOfInterest) {
        if (!space.hasLabels()) {
            throw new InvalidInputException(List.of("labels"), "separability needs class labels, found a space without them");
        }
        int d = space.dim();
        float[] x = space.rawVectors();
        TreeMap<Integer, Integer> index = new TreeMap<>();
        for (int i = 0; i < space.size(); i++) {
            index.putIfAbsent(space.label(i), 0);
        }
        int c = index.size();
        if (c < 2) {
            throw new InvalidInputException("separability needs at least 2 classes, found " + c);
        }
        for (int wanted : classesOfInterest) {
            if (!index.containsKey(wanted)) {
                throw new InvalidInputException("class of interest " + wanted + " has no sample; classes present: "
                        + index.keySet());
            }
        }
        int[] classOf = new int[c];
        int next = 0;
        for (var e : index.entrySet()) {
            classOf[next] = e.getKey();
            e.setValue(next++);
        }
        double[] means = new double[c * d];
        long[] counts = new long[c];
        int[] row2class = new int[space.size()];
        for (int i = 0; i < space.size(); i++) {
            int k = index.get(space.label(i));
            row2class[i] = k;
            counts[k]++;
            for (int j = 0; j < d; j++) {
                means[k * d + j] += x[i * d + j];
            }
        }
        for (int k = 0; k < c; k++) {
            for (int j = 0; j < d; j++) {
                means[k * d + j] /= counts[k];
            }
        }
        double[] spread = new double[c];
        for (int i = 0; i < space.size(); i++) {
            int k = row2class[i];
            double sq = 0;
            for (int j = 0; j < d; j++) {
                double diff = x[i * d + j] - means[k * d + j];
                sq += diff * diff;
            }
            spread[k] += Math.sqrt(sq);
        }
        for (int k = 0; k < c; k++) {
            spread[k] /= counts[k];
        }
        double total = 0;
        int pairs = 0;
        for (int a = 0; a < c; a++) {
            for (int b = a + 1; b < c; b++) {
                if (!classesOfInterest.isEmpty()
                        && !classesOfInterest.contains(classOf[a]) && !classesOfInterest.contains(classOf[b])) {
                    continue;
                }
                double denominator = (spread[a] + spread[b]) / 2;
                if (denominator == 0) {
                    throw new InvalidInputException("classes " + classOf[a] + " and " + classOf[b]
                            + " both have zero spread (every sample equals its class mean): separability is undefined");
                }
                double sq = 0;
                for (int j = 0; j < d; j++) {
                    double diff = means[a * d + j] - means[b * d + j];
                    sq += diff * diff;
                }
                total += Math.sqrt(sq) / denominator;
                pairs++;
            }
        }
        return total / pairs;
    }
}
