package latentatlas.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@link CompareJob} measured between spaces A and B over their common ids.
 *
 * <p>Separability of a space (docs/method.md §6), over every pair of classes {@code (c1, c2)}:
 * {@code ||mu1 - mu2|| / ((mean_{i in c1} ||x_i - mu1|| + mean_{j in c2} ||x_j - mu2||) / 2)}, averaged
 * over the pairs; NaN when fewer than two classes are labelled.
 *
 * @param rows the number of common ids
 * @param dimA the width of A
 * @param dimB the width of B
 * @param linearCka linear CKA between A and B
 * @param classes per labelled class, its statistics (empty when neither space is labelled)
 * @param separabilityA the separability of A
 * @param separabilityB the separability of B
 */
public record Comparison(long rows, int dimA, int dimB, double linearCka, List<ClassStats> classes,
                         double separabilityA, double separabilityB) {
    /**
     * One class.
     *
     * @param label the global class label
     * @param count its number of rows
     * @param meanDistanceA mean distance of its rows to its centroid in A
     * @param meanDistanceB likewise in B
     * @param centroidNormA norm of its centroid in A
     * @param centroidNormB norm of its centroid in B
     */
    public record ClassStats(int label, long count, double meanDistanceA, double meanDistanceB,
                             double centroidNormA, double centroidNormB) {
    }

    static Comparison of(ClassSums sums, double linearCka, CompareJob.Distances distances) {
        Map<Integer, double[]> centroidsA = sums.centroidsX();
        Map<Integer, double[]> centroidsB = sums.centroidsY();
        List<ClassStats> classes = new ArrayList<>();
        sums.classCounts().forEach((label, count) -> {
            double[] d = distances.distanceSums.get(label);
            classes.add(new ClassStats(label, count, d[0] / count, d[1] / count,
                    norm(centroidsA.get(label), null), norm(centroidsB.get(label), null)));
        });
        return new Comparison(sums.count, sums.sumX.length, sums.sumY.length, linearCka, List.copyOf(classes),
                separability(classes, centroidsA, true), separability(classes, centroidsB, false));
    }

    private static double separability(List<ClassStats> classes, Map<Integer, double[]> centroids, boolean a) {
        double total = 0;
        int pairs = 0;
        for (int i = 0; i < classes.size(); i++) {
            for (int j = i + 1; j < classes.size(); j++) {
                ClassStats c1 = classes.get(i);
                ClassStats c2 = classes.get(j);
                double spread = a ? (c1.meanDistanceA() + c2.meanDistanceA()) / 2 : (c1.meanDistanceB() + c2.meanDistanceB()) / 2;
                total += norm(centroids.get(c1.label()), centroids.get(c2.label())) / spread;
                pairs++;
            }
        }
        return pairs == 0 ? Double.NaN : total / pairs;
    }

    /** @return {@code ||u - v||}, or {@code ||u||} when {@code v} is null */
    private static double norm(double[] u, double[] v) {
        double sq = 0;
        for (int j = 0; j < u.length; j++) {
            double diff = v == null ? u[j] : u[j] - v[j];
            sq += diff * diff;
        }
        return Math.sqrt(sq);
    }
}
