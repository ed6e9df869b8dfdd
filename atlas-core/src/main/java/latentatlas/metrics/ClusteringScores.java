package latentatlas.metrics;

import latentatlas.InvalidInputException;

import java.util.HashMap;
import java.util.Map;

/**
 * Agreement between true classes {@code C} and a clustering {@code K} of the same {@code n} samples,
 * exactly as scikit-learn defines it (natural logarithm, contingency counts {@code n_ck}):
 *
 * <pre>
 *   H(C)   = -sum_c (n_c/n) ln(n_c/n)                    H(K) likewise
 *   MI     = sum_{c,k} (n_ck/n) ln(n n_ck / (n_c n_k))    (mutual_info_score)
 *   homogeneity  h = MI / H(C)   (1 when H(C) = 0)
 *   completeness c = MI / H(K)   (1 when H(K) = 0)
 *   V-measure      = 2 h c / (h + c)   (0 when h + c = 0)
 *   NMI = MI / ((H(C) + H(K)) / 2)                         (arithmetic normalisation)
 *   AMI = (MI - E[MI]) / ((H(C) + H(K)) / 2 - E[MI])       (E[MI] under the hypergeometric model)
 * </pre>
 *
 * with scikit-learn's limit cases (both labelings with one cluster: NMI = AMI = 1; MI below machine
 * epsilon: NMI = 0); homogeneity, completeness, V-measure and NMI are range-checked to [0, 1] and AMI
 * to at most 1 (rounding clamped, {@link Bounds}). Cost {@code O(n + |C||K| min(n_c, n_k))}.
 *
 * @param homogeneity each cluster holds one class
 * @param completeness each class lies in one cluster
 * @param vMeasure harmonic mean of homogeneity and completeness
 * @param mutualInformation MI in nats
 * @param normalizedMutualInformation NMI (arithmetic mean of the entropies)
 * @param adjustedMutualInformation AMI (arithmetic mean of the entropies)
 */
public record ClusteringScores(double homogeneity, double completeness, double vMeasure,
        double mutualInformation, double normalizedMutualInformation, double adjustedMutualInformation) {

    private static final double EPS = Math.ulp(1.0);

    /**
     * @param truth the true class of every sample
     * @param clusters the cluster of every sample
     * @return the scores
     */
    public static ClusteringScores of(int[] truth, int[] clusters) {
        if (truth.length != clusters.length) {
            throw new InvalidInputException(truth.length + " true labels but " + clusters.length
                    + " cluster labels: give one of each per sample");
        }
        if (truth.length == 0) {
            throw new InvalidInputException("clustering scores of zero samples are undefined: give at least one sample");
        }
        int n = truth.length;
        int[] a = dense(truth);
        int[] b = dense(clusters);
        int rows = max(a) + 1;
        int cols = max(b) + 1;
        long[] table = new long[rows * cols];
        long[] rowSum = new long[rows];
        long[] colSum = new long[cols];
        for (int i = 0; i < n; i++) {
            table[a[i] * cols + b[i]]++;
            rowSum[a[i]]++;
            colSum[b[i]]++;
        }
        double hTrue = entropy(rowSum, n);
        double hPred = entropy(colSum, n);
        double mi = mutualInformation(table, rowSum, colSum, cols, n);
        double h = hTrue == 0 ? 1.0 : mi / hTrue;
        double c = hPred == 0 ? 1.0 : mi / hPred;
        double v = h + c == 0 ? 0.0 : 2 * h * c / (h + c);
        boolean trivial = rows == 1 && cols == 1;
        double normaliser = (hTrue + hPred) / 2;
        double nmi = trivial ? 1.0 : Math.abs(mi) < EPS ? 0.0 : mi / normaliser;
        double ami;
        if (trivial) {
            ami = 1.0;
        } else {
            double emi = expectedMutualInformation(rowSum, colSum, n);
            double denominator = normaliser - emi;
            denominator = denominator < 0 ? Math.min(denominator, -EPS) : Math.max(denominator, EPS);
            ami = (mi - emi) / denominator;
        }
        return new ClusteringScores(Bounds.clamp("homogeneity", h, 0, 1, Bounds.FLOAT64),
                Bounds.clamp("completeness", c, 0, 1, Bounds.FLOAT64), Bounds.clamp("V-measure", v, 0, 1, Bounds.FLOAT64),
                mi, Bounds.clamp("NMI", nmi, 0, 1, Bounds.FLOAT64), Bounds.clamp("AMI", ami, Double.NEGATIVE_INFINITY, 1, Bounds.FLOAT64));
    }

    private static int[] dense(int[] labels) {
        Map<Integer, Integer> index = new HashMap<>();
        int[] out = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            out[i] = index.computeIfAbsent(labels[i], key -> index.size());
        }
        return out;
    }

    private static int max(int[] values) {
        int m = 0;
        for (int v : values) {
            m = Math.max(m, v);
        }
        return m;
    }

    /** {@code -sum p ln p} with {@code p = count / n}, as {@code sklearn.metrics.cluster.entropy}. */
    private static double entropy(long[] counts, long n) {
        double s = 0;
        for (long count : counts) {
            if (count > 0) {
                s -= ((double) count / n) * (Math.log(count) - Math.log(n));
            }
        }
        return s;
    }

    /** As {@code sklearn.metrics.mutual_info_score}: per-cell terms below epsilon are zeroed, the sum clipped at 0. */
    private static double mutualInformation(long[] table, long[] rowSum, long[] colSum, int cols, long n) {
        double logN = Math.log(n);
        double mi = 0;
        for (int r = 0; r < rowSum.length; r++) {
            for (int k = 0; k < cols; k++) {
                long nij = table[r * cols + k];
                if (nij == 0) {
                    continue;
                }
                double p = (double) nij / n;
                double logOuter = -Math.log((double) rowSum[r] * colSum[k]) + 2 * logN;
                double term = p * (Math.log(nij) - logN) + p * logOuter;
                mi += Math.abs(term) < EPS ? 0.0 : term;
            }
        }
        return Math.max(mi, 0.0);
    }

    /**
     * Expected mutual information of two labelings with the given marginals under random permutation
     * (Vinh, Epps and Bailey 2010), term by term as {@code sklearn}'s {@code expected_mutual_information}.
     */
    private static double expectedMutualInformation(long[] a, long[] b, int n) {
        double[] logFactorial = new double[n + 1];
        for (int i = 2; i <= n; i++) {
            logFactorial[i] = logFactorial[i - 1] + Math.log(i);
        }
        double logN = Math.log(n);
        double emi = 0;
        for (long ai : a) {
            for (long bj : b) {
                long start = Math.max(1, ai + bj - n);
                long end = Math.min(ai, bj);
                double fixed = logFactorial[(int) ai] + logFactorial[(int) bj] + logFactorial[(int) (n - ai)]
                        + logFactorial[(int) (n - bj)] - logFactorial[n];
                for (long nij = start; nij <= end; nij++) {
                    double term2 = logN + Math.log(nij) - Math.log(ai) - Math.log(bj);
                    double gln = fixed - logFactorial[(int) nij] - logFactorial[(int) (ai - nij)]
                            - logFactorial[(int) (bj - nij)] - logFactorial[(int) (n - ai - bj + nij)];
                    emi += ((double) nij / n) * term2 * Math.exp(gln);
                }
            }
        }
        return emi;
    }
}
