package latentatlas.spark;

import latentatlas.InvalidInputException;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * First-pass sufficient statistics of two joined spaces, mergeable across partitions: the row count,
 * the column sums of both spaces and, for labelled rows, the per-class counts and column sums
 * (all in double). They give the column means (for centring CKA) and the class centroids
 * {@code mu_c = (1 / n_c) sum_{i in c} x_i}.
 */
final class ClassSums implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int dimX;
    private final int dimY;
    long count;
    final double[] sumX;
    final double[] sumY;
    /** Per class: {@code [count, sum of x (dimX), sum of y (dimY)]}. */
    final Map<Integer, double[]> classes = new TreeMap<>();

    ClassSums(int dimX, int dimY) {
        this.dimX = dimX;
        this.dimY = dimY;
        this.sumX = new double[dimX];
        this.sumY = new double[dimY];
    }

    /** Adds one pair: x at {@code xs[xOffset ..]} (dimX values), y at {@code ys[yOffset ..]} (dimY values). */
    void add(float[] xs, int xOffset, float[] ys, int yOffset, Integer label) {
        count++;
        accumulate(sumX, 0, xs, xOffset, dimX);
        accumulate(sumY, 0, ys, yOffset, dimY);
        if (label != null) {
            double[] c = classes.computeIfAbsent(label, l -> new double[1 + dimX + dimY]);
            c[0]++;
            accumulate(c, 1, xs, xOffset, dimX);
            accumulate(c, 1 + dimX, ys, yOffset, dimY);
        }
    }

    ClassSums merge(ClassSums other) {
        if (other.dimX != dimX || other.dimY != dimY) {
            throw new InvalidInputException("compare: some rows have widths " + dimX + " / " + dimY + ", others "
                    + other.dimX + " / " + other.dimY + ": every row of a space must have the same width");
        }
        count += other.count;
        accumulate(sumX, 0, other.sumX);
        accumulate(sumY, 0, other.sumY);
        other.classes.forEach((label, sums) -> {
            double[] mine = classes.get(label);
            if (mine == null) {
                classes.put(label, sums.clone());
            } else {
                for (int j = 0; j < sums.length; j++) {
                    mine[j] += sums[j];
                }
            }
        });
        return this;
    }

    double[] meanX() {
        return scaled(sumX, 0, dimX, 1.0 / count);
    }

    double[] meanY() {
        return scaled(sumY, 0, dimY, 1.0 / count);
    }

    /** @return class label to its centroid in A */
    Map<Integer, double[]> centroidsX() {
        Map<Integer, double[]> out = new TreeMap<>();
        classes.forEach((label, c) -> out.put(label, scaled(c, 1, dimX, 1.0 / c[0])));
        return out;
    }

    /** @return class label to its centroid in B */
    Map<Integer, double[]> centroidsY() {
        Map<Integer, double[]> out = new TreeMap<>();
        classes.forEach((label, c) -> out.put(label, scaled(c, 1 + dimX, dimY, 1.0 / c[0])));
        return out;
    }

    /** @return class label to its number of rows */
    Map<Integer, Long> classCounts() {
        Map<Integer, Long> out = new TreeMap<>();
        classes.forEach((label, c) -> out.put(label, (long) c[0]));
        return out;
    }

    private static void accumulate(double[] into, int offset, float[] values, int from, int length) {
        for (int j = 0; j < length; j++) {
            into[offset + j] += values[from + j];
        }
    }

    private static void accumulate(double[] into, int offset, double[] values) {
        for (int j = 0; j < values.length; j++) {
            into[offset + j] += values[j];
        }
    }

    private static double[] scaled(double[] values, int offset, int length, double factor) {
        double[] out = new double[length];
        for (int j = 0; j < length; j++) {
            out[j] = values[offset + j] * factor;
        }
        return out;
    }
}
