package latentatlas.report;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Barnes-Hut t-SNE in two dimensions (van der Maaten and Hinton 2008; van der Maaten 2014), following
 * the recipe of scikit-learn's {@code TSNE(method="barnes_hut", init="pca", learning_rate="auto")}:
 *
 * <ol>
 *   <li><b>Input affinities.</b> For each point i its {@code k = min(n - 1, floor(3 u) + 1)} nearest
 *   neighbours (squared Euclidean distances {@code d_ij}, brute force in double), {@code u} the perplexity;
 *   {@code p_j|i = exp(-beta_i d_ij) / sum_l exp(-beta_i d_il)} with {@code beta_i} found by bisection
 *   so that the entropy {@code H_i = -sum_j p_j|i ln p_j|i} equals {@code ln u} (within 1e-5, at most
 *   100 steps); then {@code p_ij = (p_j|i + p_i|j) / (2n)}, a sparse symmetric matrix summing to 1.</li>
 *   <li><b>Output similarities.</b> {@code q_ij = (1 + ||y_i - y_j||^2)^-1 / Z},
 *   {@code Z = sum_{k != l} (1 + ||y_k - y_l||^2)^-1}.</li>
 *   <li><b>Gradient.</b> {@code dC/dy_i = 4 [sum_j p_ij (1 + ||y_i - y_j||^2)^-1 (y_i - y_j)
 *   - (1/Z) sum_j (1 + ||y_i - y_j||^2)^-2 (y_i - y_j)]}, the first (attractive) sum over the sparse
 *   {@code p}, the second (repulsive) sum and {@code Z} by Barnes-Hut on a quadtree of the {@code y}:
 *   a cell whose squared width over the squared distance from {@code y_i} to its centre of mass is
 *   below {@code theta^2} counts as its {@code N_cell} points at the centre of mass.</li>
 *   <li><b>Optimisation.</b> Initialisation: the 2-D PCA of the data scaled so that the first coordinate
 *   has standard deviation 1e-4. Gradient descent with momentum and per-coordinate gains (+0.2 when the
 *   gradient's sign flips against the update, x0.8 otherwise, at least 0.01), learning rate
 *   {@code max(n / exaggeration / 4, 50)}: {@link Config#exaggerationIterations} iterations with
 *   {@code p} multiplied by the early exaggeration (12) and momentum 0.5, then up to
 *   {@link Config#iterations} in all with momentum 0.8; every 50 iterations the (Barnes-Hut) KL
 *   divergence is checked and the run stops after 300 iterations without progress, or when the gradient's
 *   norm is at most 1e-7.</li>
 * </ol>
 *
 * The reported {@link Embedding#kl() KL divergence} {@code KL(P || Q) = sum_ij p_ij ln(p_ij / q_ij)} is
 * computed exactly ({@code O(n^2)}) on the final embedding. {@link #trustworthiness} measures how well the
 * embedding keeps neighbourhoods. Deterministic: no random number is drawn (PCA initialisation), so the
 * same rows give the same picture, however many threads run. Cost: {@code n^2 d} for the neighbours once
 * (the distances column by column, so that the JIT vectorises them, each sum still in the order of the
 * dimensions), then per iteration {@code O(nnz(P) + n log n)} (the quadtree stored depth first and walked
 * without a stack, the points in the tree's order); the neighbours, the calibration, the attraction and
 * the repulsion run on the common fork-join pool. 2,000 points of 128 dimensions, 1,000 iterations: about
 * 3 s of CPU for the embedding and 0.1 s for its trustworthiness, measured on a shared, loaded 2-core
 * machine, where the implementation before these changes (same output, bit for bit) took about 2 and 4
 * times as long, alternated with it in the same process (with 384 dimensions about 2.2 and 5 times).
 *
 * <pre>{@code
 * Tsne.Embedding e = Tsne.embed(rows, n, d, Tsne.Config.DEFAULT);
 * double[] xy = e.xy();            // n x 2, row-major
 * double t = Tsne.trustworthiness(rows, n, d, xy, 10);
 * }</pre>
 */
public final class Tsne {
    private static final double PERPLEXITY_TOLERANCE = 1e-5;
    private static final int BISECTION_STEPS = 100;
    private static final int CHECK_EVERY = 50;
    private static final int NO_PROGRESS = 300;
    private static final double MIN_GRAD_NORM = 1e-7;
    private static final double MIN_GAIN = 0.01;
    private static final double TINY = 1.1754944e-38; // float32's smallest normal, as the reference's log guard

    private Tsne() {
    }

    /**
     * @param perplexity the effective number of neighbours {@code u}, below the number of points
     * @param theta the Barnes-Hut angle (0.5; 0 would be exact but quadratic)
     * @param iterations the most iterations in all (at least {@code exaggerationIterations})
     * @param earlyExaggeration the factor on {@code p} during the first iterations (12)
     * @param exaggerationIterations the iterations with early exaggeration (250)
     */
    public record Config(double perplexity, double theta, int iterations, double earlyExaggeration,
                         int exaggerationIterations) {
        /** scikit-learn's defaults: perplexity 30, angle 0.5, 1,000 iterations, exaggeration 12 for 250. */
        public static final Config DEFAULT = new Config(30, 0.5, 1000, 12, 250);

        /** Checks the ranges. */
        public Config {
            if (!(perplexity > 0) || !(theta >= 0) || !(earlyExaggeration >= 1) || exaggerationIterations < 0
                    || iterations < exaggerationIterations) {
                throw new IllegalArgumentException("t-SNE configuration out of range: " + perplexity + ", " + theta
                        + ", " + iterations + ", " + earlyExaggeration + ", " + exaggerationIterations);
            }
        }

        /** @return this configuration with another perplexity */
        public Config withPerplexity(double value) {
            return new Config(value, theta, iterations, earlyExaggeration, exaggerationIterations);
        }
    }

    /**
     * @param xy the embedding, {@code n x 2} row-major
     * @param kl the exact {@code KL(P || Q)} of the final embedding, in nats
     * @param iterations the iterations run
     */
    public record Embedding(double[] xy, double kl, int iterations) {
    }

    /** The symmetric affinities {@code p_ij} in compressed sparse rows (each row's columns ascending). */
    record Affinities(int n, int[] start, int[] column, double[] value) {
    }

    /**
     * @param data row-major {@code n x d}
     * @param n the points, at least 2 and above the perplexity
     * @param d the dimensions
     * @param config the configuration
     * @return the 2-D embedding
     */
    public static Embedding embed(float[] data, int n, int d, Config config) {
        check(data, n, d);
        if (!(config.perplexity() < n)) {
            throw new IllegalArgumentException("t-SNE perplexity " + config.perplexity() + " must be below the "
                    + n + " points");
        }
        Affinities p = affinities(data, n, d, config.perplexity());
        double[] y = initial(data, n, d);
        double learningRate = Math.max(n / config.earlyExaggeration() / 4, 50);
        int it = descend(p, y, config.earlyExaggeration(), 0, config.exaggerationIterations(), 0.5, learningRate,
                config.exaggerationIterations(), config.theta());
        it = descend(p, y, 1, it + 1, config.iterations(), 0.8, learningRate, NO_PROGRESS, config.theta());
        return new Embedding(y, exactKl(p, y), Math.min(it + 1, config.iterations()));
    }

    private static void check(float[] data, int n, int d) {
        if (n < 2 || d < 1 || (long) n * d != data.length) {
            throw new IllegalArgumentException("t-SNE of " + n + " x " + d + " needs at least 2 points and "
                    + ((long) n * d) + " values, found " + data.length);
        }
    }

    /** Step 1: {@code p_ij} from the perplexity-calibrated conditional probabilities of the k nearest neighbours. */
    static Affinities affinities(float[] data, int n, int d, double perplexity) {
        int k = Math.min(n - 1, (int) (3 * perplexity + 1));
        int[] neighbours = new int[n * k];
        double[] distances = new double[n * k];
        nearest(data, n, d, k, neighbours, distances);
        double[] conditional = new double[n * k];
        double target = Math.log(perplexity);
        IntStream.range(0, n).parallel().forEach(i -> calibrate(distances, i * k, k, target, conditional));
        // symmetrise: row i holds p_j|i + p_i|j for every j that is a neighbour of i or has i as a neighbour
        // (at most two terms, so the order of the addition does not matter)
        int[] inStart = new int[n + 1]; // the rows that have i as a neighbour, grouped by i
        for (int e = 0; e < n * k; e++) {
            inStart[neighbours[e] + 1]++;
        }
        for (int i = 0; i < n; i++) {
            inStart[i + 1] += inStart[i];
        }
        int[] inRow = new int[n * k];
        double[] inValue = new double[n * k];
        int[] fill = Arrays.copyOf(inStart, n);
        for (int e = 0; e < n * k; e++) {
            int at = fill[neighbours[e]]++;
            inRow[at] = e / k;
            inValue[at] = conditional[e];
        }
        int[] start = new int[n + 1];
        int[] column = new int[2 * n * k];
        double[] value = new double[2 * n * k];
        double[] sum = new double[n];
        int[] seen = new int[n]; // i + 1 once column j is in row i
        int[] row = new int[n];
        int size = 0;
        double total = 0;
        for (int i = 0; i < n; i++) {
            int m = 0;
            for (int a = 0; a < k; a++) {
                int j = neighbours[i * k + a];
                sum[j] = conditional[i * k + a];
                seen[j] = i + 1;
                row[m++] = j;
            }
            for (int e = inStart[i]; e < inStart[i + 1]; e++) {
                int j = inRow[e];
                if (seen[j] != i + 1) {
                    seen[j] = i + 1;
                    row[m++] = j;
                }
                sum[j] += inValue[e];
            }
            Arrays.sort(row, 0, m);
            for (int a = 0; a < m; a++) {
                column[size] = row[a];
                value[size] = sum[row[a]];
                total += value[size++];
                sum[row[a]] = 0;
            }
            start[i + 1] = size;
        }
        for (int e = 0; e < size; e++) {
            value[e] /= total;
        }
        return new Affinities(n, start, Arrays.copyOf(column, size), Arrays.copyOf(value, size));
    }

    /** The k nearest neighbours of every row (self excluded), by squared Euclidean distance, ascending. */
    private static void nearest(float[] data, int n, int d, int k, int[] neighbours, double[] distances) {
        double[][] columns = columns(data, n, d);
        IntStream.range(0, n).parallel().forEach(i -> {
            double[] row = new double[n];
            int[] chosen = new int[k];
            squaredDistances(data, columns, n, d, i, row);
            smallest(row, k, chosen);
            for (int a = 0; a < k; a++) {
                neighbours[i * k + a] = chosen[a];
                distances[i * k + a] = row[chosen[a]];
            }
        });
    }

    /** The data's columns in double, {@code columns[c][j] = x_jc}, for {@link #squaredDistances}. */
    private static double[][] columns(float[] data, int n, int d) {
        double[][] columns = new double[d][n];
        for (int j = 0; j < n; j++) {
            for (int c = 0; c < d; c++) {
                columns[c][j] = data[j * d + c];
            }
        }
        return columns;
    }

    /**
     * {@code row[j] = ||x_i - x_j||^2 = sum_c (x_ic - x_jc)^2} in double, added over c in order, and
     * {@code row[i] = +inf}. The loop over c is the outer one, so that the inner loop over j (one column)
     * runs on the vector units while each sum keeps its order.
     */
    private static void squaredDistances(float[] data, double[][] columns, int n, int d, int i, double[] row) {
        Arrays.fill(row, 0);
        for (int c = 0; c < d; c++) {
            double xc = data[i * d + c];
            double[] column = columns[c];
            for (int j = 0; j < n; j++) {
                double diff = xc - column[j];
                row[j] += diff * diff;
            }
        }
        row[i] = Double.POSITIVE_INFINITY;
    }

    /**
     * The indices of the k smallest values, ascending (ties by index), by a bounded max-heap: {@code O(n log k)}.
     */
    private static void smallest(double[] values, int k, int[] out) {
        int size = 0;
        for (int j = 0; j < values.length; j++) {
            if (size < k) {
                out[size] = j;
                siftUp(values, out, size++);
            } else if (before(values, j, out[0])) {
                out[0] = j;
                siftDown(values, out, size);
            }
        }
        // heap sort: repeatedly move the largest to the end
        for (int end = size - 1; end > 0; end--) {
            int t = out[0];
            out[0] = out[end];
            out[end] = t;
            siftDown(values, out, end);
        }
    }

    private static boolean before(double[] v, int a, int b) {
        return v[a] < v[b] || (v[a] == v[b] && a < b);
    }

    private static void siftUp(double[] v, int[] heap, int at) {
        while (at > 0) {
            int parent = (at - 1) / 2;
            if (!before(v, heap[parent], heap[at])) {
                return;
            }
            int t = heap[parent];
            heap[parent] = heap[at];
            heap[at] = t;
            at = parent;
        }
    }

    private static void siftDown(double[] v, int[] heap, int size) {
        int at = 0;
        while (true) {
            int largest = at;
            int left = 2 * at + 1;
            if (left < size && before(v, heap[largest], heap[left])) {
                largest = left;
            }
            if (left + 1 < size && before(v, heap[largest], heap[left + 1])) {
                largest = left + 1;
            }
            if (largest == at) {
                return;
            }
            int t = heap[largest];
            heap[largest] = heap[at];
            heap[at] = t;
            at = largest;
        }
    }

    /** Bisection on {@code beta} so that the entropy of row {@code from..from+k-1} is {@code target}. */
    private static void calibrate(double[] distances, int from, int k, double target, double[] out) {
        double beta = 1;
        double betaMin = Double.NEGATIVE_INFINITY;
        double betaMax = Double.POSITIVE_INFINITY;
        for (int step = 0; step < BISECTION_STEPS; step++) {
            double sum = 0;
            for (int a = 0; a < k; a++) {
                out[from + a] = Math.exp(-distances[from + a] * beta);
                sum += out[from + a];
            }
            if (sum == 0) {
                sum = 1e-8;
            }
            double weighted = 0;
            for (int a = 0; a < k; a++) {
                out[from + a] /= sum;
                weighted += distances[from + a] * out[from + a];
            }
            double diff = Math.log(sum) + beta * weighted - target;
            if (Math.abs(diff) <= PERPLEXITY_TOLERANCE) {
                return;
            }
            if (diff > 0) {
                betaMin = beta;
                beta = betaMax == Double.POSITIVE_INFINITY ? beta * 2 : (beta + betaMax) / 2;
            } else {
                betaMax = beta;
                beta = betaMin == Double.NEGATIVE_INFINITY ? beta / 2 : (beta + betaMin) / 2;
            }
        }
    }

    /** The 2-D PCA of the data, scaled to a standard deviation of 1e-4 along the first axis. */
    private static double[] initial(float[] data, int n, int d) {
        double[] y = Pca.project2(data, n, d).xy();
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += y[2 * i];
        }
        mean /= n;
        double ss = 0;
        for (int i = 0; i < n; i++) {
            ss += (y[2 * i] - mean) * (y[2 * i] - mean);
        }
        double sd = Math.sqrt(ss / n);
        if (!(sd > 0)) { // all rows equal: spread the points on a small circle instead
            for (int i = 0; i < n; i++) {
                y[2 * i] = 1e-4 * Math.cos(2 * Math.PI * i / n);
                y[2 * i + 1] = 1e-4 * Math.sin(2 * Math.PI * i / n);
            }
            return y;
        }
        for (int i = 0; i < 2 * n; i++) {
            y[i] = y[i] / sd * 1e-4;
        }
        return y;
    }

    /**
     * Gradient descent from iteration {@code it} to {@code last - 1}, with fresh momentum and gains.
     *
     * @return the last iteration run
     */
    private static int descend(Affinities p, double[] y, double exaggeration, int it, int last, double momentum,
                               double learningRate, int withoutProgress, double theta) {
        int n = p.n();
        double[] update = new double[2 * n];
        double[] gains = new double[2 * n];
        Arrays.fill(gains, 1);
        double[] grad = new double[2 * n];
        double best = Double.POSITIVE_INFINITY;
        int bestIt = it;
        int i = it;
        for (; i < last; i++) {
            boolean check = (i + 1) % CHECK_EVERY == 0 || i == last - 1;
            double error = gradient(p, exaggeration, y, theta, grad, check);
            double norm = 0;
            for (int c = 0; c < 2 * n; c++) {
                if (update[c] * grad[c] < 0) {
                    gains[c] += 0.2;
                } else {
                    gains[c] *= 0.8;
                }
                gains[c] = Math.max(gains[c], MIN_GAIN);
                grad[c] *= gains[c];
                norm += grad[c] * grad[c];
                update[c] = momentum * update[c] - learningRate * grad[c];
                y[c] += update[c];
            }
            if ((i + 1) % CHECK_EVERY == 0) {
                if (error < best) {
                    best = error;
                    bestIt = i;
                } else if (i - bestIt > withoutProgress) {
                    break;
                }
                if (Math.sqrt(norm) <= MIN_GRAD_NORM) {
                    break;
                }
            }
        }
        return Math.min(i, last - 1);
    }

    /**
     * Writes the KL gradient into {@code grad} (Barnes-Hut repulsion) and returns the Barnes-Hut KL
     * divergence of the exaggerated {@code p} when {@code error}, else NaN.
     */
    private static double gradient(Affinities p, double exaggeration, double[] y, double theta, double[] grad,
                                   boolean error) {
        int n = p.n();
        QuadTree tree = new QuadTree(y, n);
        int[] order = tree.order();
        double[] repulsion = new double[2 * n];
        double[] attraction = new double[2 * n];
        double[] pointQ = new double[n];
        double[] edgeQ = error ? new double[p.value().length] : null; // (1 + ||y_i - y_j||^2)^-1 for the KL
        double theta2 = theta * theta;
        // each point's sums are its own (run in the quadtree's order, so that neighbouring points walk the
        // same cells one after the other); they are added in index order, so threads do not change the result
        IntStream.range(0, n).parallel().forEach(a -> {
            int i = order[a];
            pointQ[i] = tree.repulsion(i, theta2, repulsion);
            double ax = 0;
            double ay = 0;
            for (int e = p.start()[i]; e < p.start()[i + 1]; e++) {
                int j = p.column()[e];
                double dx = y[2 * i] - y[2 * j];
                double dy = y[2 * i + 1] - y[2 * j + 1];
                double q = 1 / (1 + dx * dx + dy * dy);
                double pij = p.value()[e] * exaggeration;
                ax += pij * q * dx;
                ay += pij * q * dy;
                if (edgeQ != null) {
                    edgeQ[e] = q;
                }
            }
            attraction[2 * i] = ax;
            attraction[2 * i + 1] = ay;
        });
        double sumQ = 0;
        for (double q : pointQ) {
            sumQ += q;
        }
        for (int c = 0; c < 2 * n; c++) {
            grad[c] = 4 * (attraction[c] - repulsion[c] / sumQ);
        }
        if (!error) {
            return Double.NaN;
        }
        double kl = 0; // in the order of the entries, so that threads do not change it either
        for (int e = 0; e < edgeQ.length; e++) {
            double pij = p.value()[e] * exaggeration;
            kl += pij * Math.log(Math.max(pij, TINY) / Math.max(edgeQ[e] / sumQ, TINY));
        }
        return kl;
    }

    /** The exact {@code KL(P || Q)} of an embedding ({@code O(n^2)} for {@code Z}). */
    static double exactKl(Affinities p, double[] y) {
        int n = p.n();
        double z = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double dx = y[2 * i] - y[2 * j];
                double dy = y[2 * i + 1] - y[2 * j + 1];
                z += 2 / (1 + dx * dx + dy * dy);
            }
        }
        double kl = 0;
        for (int i = 0; i < n; i++) {
            for (int e = p.start()[i]; e < p.start()[i + 1]; e++) {
                int j = p.column()[e];
                double pij = p.value()[e];
                if (pij > 0) {
                    double dx = y[2 * i] - y[2 * j];
                    double dy = y[2 * i + 1] - y[2 * j + 1];
                    kl += pij * Math.log(pij * z * (1 + dx * dx + dy * dy));
                }
            }
        }
        return kl;
    }

    /**
     * Trustworthiness (Venna and Kaski 2001), as scikit-learn's {@code manifold.trustworthiness}:
     * {@code T(k) = 1 - 2 / (n k (2n - 3k - 1)) sum_i sum_{j in N_k^emb(i)} max(0, r(i, j) - k)}, with
     * {@code N_k^emb(i)} the k nearest neighbours of i in the embedding and {@code r(i, j)} the rank of j
     * among i's neighbours in the input space (1 = nearest), both by Euclidean distance. 1 when every
     * embedded neighbour is a true one.
     *
     * @param data row-major {@code n x d}
     * @param n the points
     * @param d the input dimensions
     * @param embedded row-major {@code n x e} (any e)
     * @param k the neighbours, below {@code n / 2}
     * @return the trustworthiness in [0, 1]
     */
    public static double trustworthiness(float[] data, int n, int d, double[] embedded, int k) {
        check(data, n, d);
        if (k < 1 || k >= n / 2.0 || embedded.length % n != 0) {
            throw new IllegalArgumentException("trustworthiness needs 1 <= k < n/2 and n rows of the embedding, found k "
                    + k + ", n " + n + ", " + embedded.length + " values");
        }
        int e = embedded.length / n;
        double[][] columns = columns(data, n, d);
        long penalty = IntStream.range(0, n).parallel().mapToLong(i -> {
            double[] input = new double[n];
            double[] output = new double[n];
            int[] chosen = new int[k];
            squaredDistances(data, columns, n, d, i, input);
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int c = 0; c < e; c++) {
                    double diff = embedded[i * e + c] - embedded[j * e + c];
                    s += diff * diff;
                }
                output[j] = s;
            }
            output[i] = Double.POSITIVE_INFINITY;
            smallest(output, k, chosen);
            return rankExcess(input, i, chosen, k);
        }).sum();
        return 1 - penalty * 2.0 / ((double) n * k * (2.0 * n - 3.0 * k - 1.0));
    }

    /**
     * {@code sum_a max(0, r(i, j_a) - k)} over the chosen {@code j_a}, with {@code r(i, j) = 1 + #{l != i :
     * l before j}} in {@code input} (by distance, ties by index). One pass over l: the chosen are sorted in
     * that order, and each l is counted once, at the first chosen it comes before (then it comes before all
     * later ones too); a prefix sum gives the ranks. {@code O(n + k r)}, r the largest of these ranks, where
     * counting each rank by its own pass over l takes {@code O(n k)}.
     */
    private static long rankExcess(double[] input, int i, int[] chosen, int k) {
        for (int a = 1; a < k; a++) { // insertion sort by input order
            int t = chosen[a];
            int b = a - 1;
            for (; b >= 0 && before(input, t, chosen[b]); b--) {
                chosen[b + 1] = chosen[b];
            }
            chosen[b + 1] = t;
        }
        int last = chosen[k - 1];
        int[] newly = new int[k]; // newly[a]: the l that come before chosen[a] but not before chosen[a - 1]
        for (int l = 0; l < input.length; l++) {
            if (l != i && before(input, l, last)) {
                int a = 0;
                while (!before(input, l, chosen[a])) {
                    a++;
                }
                newly[a]++;
            }
        }
        long sum = 0;
        int rank = 1;
        for (int a = 0; a < k; a++) {
            rank += newly[a];
            sum += Math.max(0, rank - k);
        }
        return sum;
    }

    /**
     * A quadtree over the embedded points: each cell holds its point count and centre of mass; a cell of
     * one point, or of points that coincide, is a leaf. The non-empty cells are stored depth first (a cell,
     * then the subtrees of its quadrants 3, 2, 1, 0), each as {@code comX, comY, width^2, count} in one
     * array, with the index of the cell after its subtree: the repulsion walks them in that order without a
     * stack, skipping a subtree by one jump.
     */
    private static final class QuadTree {
        private final double[] y;
        private final int[] order; // the points, those of each cell consecutive
        private int cells;
        private double[] cell;
        private int[] after; // c + 1 for a leaf

        QuadTree(double[] y, int n) {
            this.y = y;
            double x0 = Double.MAX_VALUE;
            double x1 = -Double.MAX_VALUE;
            double y0 = Double.MAX_VALUE;
            double y1 = -Double.MAX_VALUE;
            for (int i = 0; i < n; i++) {
                x0 = Math.min(x0, y[2 * i]);
                x1 = Math.max(x1, y[2 * i]);
                y0 = Math.min(y0, y[2 * i + 1]);
                y1 = Math.max(y1, y[2 * i + 1]);
            }
            double side = Math.max(x1 - x0, y1 - y0) * (1 + 1e-3) + 1e-12;
            order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            cell = new double[4 * 2 * n];
            after = new int[2 * n];
            build(0, n, x0, y0, side, 0);
        }

        /** @return the points in the order of the leaves, so that consecutive points are near */
        int[] order() {
            return order;
        }

        /** Adds the cell of points {@code order[from..to)} and, while they differ, the subtrees of its quadrants. */
        private void build(int from, int to, double minX, double minY, double side, int depth) {
            int c = cells++;
            if (c == after.length) {
                after = Arrays.copyOf(after, 2 * c);
                cell = Arrays.copyOf(cell, 8 * c);
            }
            int[] idx = order;
            double sx = 0;
            double sy = 0;
            boolean same = true;
            for (int a = from; a < to; a++) {
                sx += y[2 * idx[a]];
                sy += y[2 * idx[a] + 1];
                same &= y[2 * idx[a]] == y[2 * idx[from]] && y[2 * idx[a] + 1] == y[2 * idx[from] + 1];
            }
            cell[4 * c] = sx / (to - from);
            cell[4 * c + 1] = sy / (to - from);
            cell[4 * c + 2] = side * side;
            cell[4 * c + 3] = to - from;
            if (to - from > 1 && !same && depth < 60) {
                double half = side / 2;
                double midX = minX + half;
                double midY = minY + half;
                // partition in place into the quadrants (x < mid, y < mid), (x >= mid, y < mid), (x < mid, y >= mid), rest
                int[] bounds = new int[5];
                bounds[0] = from;
                int cursor = from;
                for (int quadrant = 0; quadrant < 4; quadrant++) {
                    for (int a = cursor; a < to; a++) {
                        if (quadrant(idx[a], midX, midY) == quadrant) {
                            int t = idx[a];
                            idx[a] = idx[cursor];
                            idx[cursor++] = t;
                        }
                    }
                    bounds[quadrant + 1] = cursor;
                }
                for (int quadrant = 3; quadrant >= 0; quadrant--) {
                    if (bounds[quadrant + 1] > bounds[quadrant]) {
                        build(bounds[quadrant], bounds[quadrant + 1], minX + (quadrant % 2) * half,
                                minY + (quadrant / 2) * half, half, depth + 1);
                    }
                }
            }
            after[c] = cells;
        }

        private int quadrant(int i, double midX, double midY) {
            return (y[2 * i] >= midX ? 1 : 0) + (y[2 * i + 1] >= midY ? 2 : 0);
        }

        /**
         * Adds {@code sum_cells N (1 + d^2)^-2 (y_i - com)} to {@code out[2i..2i+1]}, skipping the leaf of i
         * itself (and of points at its place).
         *
         * @return {@code sum_cells N (1 + d^2)^-1}
         */
        double repulsion(int i, double theta2, double[] out) {
            double px = y[2 * i];
            double py = y[2 * i + 1];
            double[] cell = this.cell;
            int[] after = this.after;
            double sumQ = 0;
            double fx = 0;
            double fy = 0;
            int c = 0;
            while (c < cells) {
                double dx = px - cell[4 * c];
                double dy = py - cell[4 * c + 1];
                double d2 = dx * dx + dy * dy;
                int next = after[c];
                if (next == c + 1) { // a leaf
                    if (dx == 0 && dy == 0) {
                        c = next; // no self-interaction
                        continue;
                    }
                } else if (!(cell[4 * c + 2] / d2 < theta2)) {
                    c++; // open the cell
                    continue;
                }
                double q = 1 / (1 + d2);
                double nq = cell[4 * c + 3] * q;
                sumQ += nq;
                double m = nq * q;
                fx += m * dx;
                fy += m * dy;
                c = next;
            }
            out[2 * i] += fx;
            out[2 * i + 1] += fy;
            return sumQ;
        }
    }
}
