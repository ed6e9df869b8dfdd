package latentatlas.metrics;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import latentatlas.InvalidInputException;
import latentatlas.compute.PowerOfTwo;
import latentatlas.space.LatentSpace;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * K-means configuration and fitting, following scikit-learn's {@code KMeans(init="k-means++",
 * algorithm="lloyd")}: minimise the inertia {@code sum_i ||x_i - mu_{l(i)}||^2}.
 *
 * <ul>
 *   <li>Greedy k-means++ seeding: the first centre uniformly at random, then each next centre the best
 *       (lowest resulting potential) of {@code 2 + floor(ln k)} candidates drawn with probability
 *       proportional to the squared distance to the nearest chosen centre.</li>
 *   <li>Lloyd iterations: assign every row to its nearest centre, move each centre to its cluster's
 *       mean; an empty cluster takes the row farthest from its centre. Stop when the labels no longer
 *       change, when {@code sum_c ||mu_c' - mu_c||^2 <= tol * mean_j var(x_.j)}, or after
 *       {@code maxIter} iterations; the labels are always those of the final centres.</li>
 *   <li>{@code nInit} seeded runs; the one with the lowest inertia is kept.</li>
 * </ul>
 *
 * <p>The data are centred first (column mean in double) and rescaled by a power of two to a largest
 * magnitude in {@code [0.5, 1)} ({@code PowerOfTwo}: exact, so {@code 1e20 x} clusters as {@code x}
 * does, where its float32 squared norms would overflow); assignments are float32 matmuls
 * {@code argmin_c ||mu_c||^2 - 2 x.mu_c} over row blocks; centres and inertia are summed in double.
 * Memory is {@code O(n d)}; one iteration costs {@code O(n k d)}. The same seed gives the same result;
 * the random stream differs from NumPy's, so results match scikit-learn's in distribution, not bit for bit.
 *
 * @param clusters {@code k}, at least 1
 * @param nInit seeded runs, at least 1
 * @param maxIter Lloyd iterations per run, at least 1
 * @param tol relative tolerance on the centre shift, at least 0
 * @param seed the random seed
 */
public record KMeans(int clusters, int nInit, int maxIter, double tol, long seed) {
    /** Runs kept from, as scikit-learn before 1.4 (and its reference implementation). */
    public static final int DEFAULT_N_INIT = 10;
    /** scikit-learn's default iteration limit. */
    public static final int DEFAULT_MAX_ITER = 300;
    /** scikit-learn's default relative tolerance. */
    public static final double DEFAULT_TOL = 1e-4;

    /** Validates the configuration. */
    public KMeans {
        if (clusters < 1) {
            throw new InvalidInputException("k-means: clusters must be at least 1, found " + clusters);
        }
        if (nInit < 1) {
            throw new InvalidInputException("k-means: n_init must be at least 1, found " + nInit);
        }
        if (maxIter < 1) {
            throw new InvalidInputException("k-means: max_iter must be at least 1, found " + maxIter);
        }
        if (!(tol >= 0) || Double.isInfinite(tol)) {
            throw new InvalidInputException("k-means: tol must be finite and at least 0, found " + tol);
        }
    }

    /** @return k-means with scikit-learn's defaults for the other settings */
    public static KMeans of(int clusters, long seed) {
        return new KMeans(clusters, DEFAULT_N_INIT, DEFAULT_MAX_ITER, DEFAULT_TOL, seed);
    }

    /**
     * @param space the points (at least {@code clusters} rows)
     * @return the best of {@code nInit} runs
     */
    public KMeansClustering fit(LatentSpace space) {
        int n = space.size();
        int d = space.dim();
        if (n < clusters) {
            throw new InvalidInputException("k-means: " + clusters + " clusters asked for " + n + " rows: lower k");
        }
        float[] x = RowBlocks.centred(space);
        int e = PowerOfTwo.exponent(PowerOfTwo.maxAbs(x));
        PowerOfTwo.scaleInPlace(x, e);
        double tolAbs = tol * meanVariance(x, n, d);
        SplittableRandom seeds = new SplittableRandom(seed);
        Run best = null;
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray data = RowBlocks.matrix(manager, x, n, d);
            NDArray sq = data.square().sum(new int[] {1});
            for (int r = 0; r < nInit; r++) {
                Run run = lloyd(data, sq, x, n, d, plusPlus(data, sq, x, n, d, seeds.split()), tolAbs);
                if (best == null || run.inertia < best.inertia) {
                    best = run;
                }
            }
        }
        double[] mean = new double[d];
        float[] raw = space.rawVectors();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += raw[i * d + j];
            }
        }
        float[] centroids = new float[clusters * d];
        for (int c = 0; c < clusters; c++) {
            for (int j = 0; j < d; j++) {
                centroids[c * d + j] = (float) (Math.scalb(best.centres[c * d + j], e) + mean[j] / n);
            }
        }
        return new KMeansClustering(best.labels, centroids, d, Math.scalb(best.inertia, 2 * e), best.iterations);
    }

    private record Run(int[] labels, double[] centres, double inertia, int iterations) {
    }

    /** The mean column variance, the sums of every column in row order (one row-major pass). */
    private static double meanVariance(float[] x, int n, int d) {
        double[] s = new double[d];
        double[] s2 = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double v = x[i * d + j];
                s[j] += v;
                s2[j] += v * v;
            }
        }
        double total = 0;
        for (int j = 0; j < d; j++) {
            double m = s[j] / n;
            total += s2[j] / n - m * m;
        }
        return total / d;
    }

    /** Squared distances of the given centres (rows, row-major double) to every point: {@code t x n}. */
    private static float[] squaredDistances(NDArray data, NDArray sq, double[] centres, int t, int d) {
        try (NDManager scope = data.getManager().newSubManager()) {
            float[] c = new float[t * d];
            for (int i = 0; i < c.length; i++) {
                c[i] = (float) centres[i];
            }
            NDArray cm = RowBlocks.matrix(scope, c, t, d);
            return cm.matMul(data.transpose()).muli(-2).addi(sq.expandDims(0))
                    .addi(cm.square().sum(new int[] {1}).expandDims(1)).maximum(0f).toFloatArray();
        }
    }

    private double[] plusPlus(NDArray data, NDArray sq, float[] x, int n, int d, SplittableRandom random) {
        int trials = 2 + (int) Math.log(clusters);
        double[] centres = new double[clusters * d];
        copyRow(x, random.nextInt(n), d, centres, 0);
        float[] first = squaredDistances(data, sq, Arrays.copyOf(centres, d), 1, d);
        double[] closest = new double[n];
        double potential = 0;
        for (int i = 0; i < n; i++) {
            closest[i] = first[i];
            potential += first[i];
        }
        double[] cumulative = new double[n];
        for (int c = 1; c < clusters; c++) {
            double running = 0;
            for (int i = 0; i < n; i++) {
                running += closest[i];
                cumulative[i] = running;
            }
            int[] candidates = new int[trials];
            double[] rows = new double[trials * d];
            for (int t = 0; t < trials; t++) {
                int pos = Arrays.binarySearch(cumulative, random.nextDouble() * potential);
                candidates[t] = Math.min(n - 1, pos >= 0 ? pos : -pos - 1);
                copyRow(x, candidates[t], d, rows, t);
            }
            float[] dist = squaredDistances(data, sq, rows, trials, d);
            int bestTrial = -1;
            double bestPotential = Double.POSITIVE_INFINITY;
            for (int t = 0; t < trials; t++) {
                double p = 0;
                for (int i = 0; i < n; i++) {
                    p += Math.min(closest[i], dist[t * n + i]);
                }
                if (p < bestPotential) {
                    bestPotential = p;
                    bestTrial = t;
                }
            }
            for (int i = 0; i < n; i++) {
                closest[i] = Math.min(closest[i], dist[bestTrial * n + i]);
            }
            potential = bestPotential;
            copyRow(x, candidates[bestTrial], d, centres, c);
        }
        return centres;
    }

    private static void copyRow(float[] x, int row, int d, double[] target, int targetRow) {
        for (int j = 0; j < d; j++) {
            target[targetRow * d + j] = x[row * d + j];
        }
    }

    private Run lloyd(NDArray data, NDArray sq, float[] x, int n, int d, double[] centres, double tolAbs) {
        int[] labels = assign(data, centres, n, d);
        int iterations = 0;
        while (iterations < maxIter) {
            iterations++;
            double[] moved = means(x, labels, centres, n, d);
            double shift = 0;
            for (int i = 0; i < moved.length; i++) {
                shift += (moved[i] - centres[i]) * (moved[i] - centres[i]);
            }
            centres = moved;
            int[] next = assign(data, centres, n, d);
            boolean stable = Arrays.equals(next, labels);
            labels = next;
            if (stable || shift <= tolAbs) {
                break;
            }
        }
        return new Run(labels, centres, inertia(x, labels, centres, n, d), iterations);
    }

    /** @return the nearest centre of every row: {@code argmin_c ||mu_c||^2 - 2 x.mu_c}, over row blocks */
    private int[] assign(NDArray data, double[] centres, int n, int d) {
        int[] labels = new int[n];
        float[] c = new float[centres.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = (float) centres[i];
        }
        int block = RowBlocks.rows(n, clusters);
        try (NDManager scope = data.getManager().newSubManager()) {
            NDArray cm = RowBlocks.matrix(scope, c, clusters, d);
            NDArray cT = cm.transpose().mul(-2);
            NDArray norms = cm.square().sum(new int[] {1}).expandDims(0);
            for (int start = 0; start < n; start += block) {
                int end = Math.min(n, start + block);
                try (NDManager inner = scope.newSubManager()) {
                    long[] best = data.get(inner, new NDIndex("{}:{}", start, end)).matMul(cT).addi(norms)
                            .argMin(1).toLongArray();
                    for (int r = 0; r < best.length; r++) {
                        labels[start + r] = (int) best[r];
                    }
                }
            }
        }
        return labels;
    }

    /** Cluster means in double; an empty cluster takes the row farthest from its current centre. */
    private double[] means(float[] x, int[] labels, double[] centres, int n, int d) {
        double[] sums = new double[clusters * d];
        long[] counts = new long[clusters];
        for (int i = 0; i < n; i++) {
            int c = labels[i];
            counts[c]++;
            for (int j = 0; j < d; j++) {
                sums[c * d + j] += x[i * d + j];
            }
        }
        int empty = 0;
        for (long count : counts) {
            if (count == 0) {
                empty++;
            }
        }
        if (empty > 0) {
            Integer[] order = new Integer[n];
            double[] far = new double[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
                far[i] = squaredDistance(x, i, centres, labels[i], d);
            }
            Arrays.sort(order, (p, q) -> Double.compare(far[q], far[p]));
            int next = 0;
            for (int c = 0; c < clusters; c++) {
                if (counts[c] > 0) {
                    continue;
                }
                int row = order[next++];
                int old = labels[row];
                counts[old]--;
                counts[c] = 1;
                for (int j = 0; j < d; j++) {
                    sums[old * d + j] -= x[row * d + j];
                    sums[c * d + j] = x[row * d + j];
                }
            }
        }
        for (int c = 0; c < clusters; c++) {
            for (int j = 0; j < d; j++) {
                sums[c * d + j] = counts[c] > 0 ? sums[c * d + j] / counts[c] : centres[c * d + j];
            }
        }
        return sums;
    }

    private static double squaredDistance(float[] x, int row, double[] centres, int c, int d) {
        double s = 0;
        for (int j = 0; j < d; j++) {
            double diff = x[row * d + j] - centres[c * d + j];
            s += diff * diff;
        }
        return s;
    }

    private static double inertia(float[] x, int[] labels, double[] centres, int n, int d) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += squaredDistance(x, i, centres, labels[i], d);
        }
        return s;
    }
}
