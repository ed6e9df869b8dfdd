package latentatlas.compute;

/**
 * The thin singular value decomposition {@code A = U diag(s) V^T} of a small dense matrix in float64, by
 * one-sided Jacobi rotations (Hestenes): the columns of {@code A} (of {@code A^T} when {@code A} has fewer
 * rows than columns) are rotated in pairs until every pair is orthogonal to working precision; the
 * singular values are then the column norms, {@code U}'s columns the normalised columns, and {@code V} the
 * product of the rotations. For the small maps fitted on anchors (docs/method.md §9: Procrustes and least
 * squares), where the sizes are the embedding width and the number of anchors.
 *
 * <p>Shapes: {@code A} is {@code m x n}, {@code p = min(m, n)}; {@code U} is {@code m x p}, {@code s} has
 * {@code p} values in decreasing order, {@code V} is {@code n x p}. A singular value of 0 has a zero column
 * of {@code U}: the caller decides what a rank-deficient direction means ({@link #orthonormalU()} completes
 * it, {@link #pseudoInverse} ignores it).
 *
 * @param m rows of {@code A}
 * @param n columns of {@code A}
 * @param u {@code U}, row-major {@code m x p}
 * @param s the singular values, decreasing
 * @param v {@code V}, row-major {@code n x p}
 */
public record Svd(int m, int n, double[] u, double[] s, double[] v) {
    private static final int MAX_SWEEPS = 80;

    /**
     * @param a row-major {@code m x n}, finite
     * @param m rows
     * @param n columns
     * @return the decomposition
     */
    public static Svd of(double[] a, int m, int n) {
        if ((long) m * n != a.length || m < 1 || n < 1) {
            throw new IllegalArgumentException("svd: expected " + m + " x " + n + " values, found " + a.length);
        }
        if (m < n) {
            Svd t = of(transpose(a, m, n), n, m);
            return new Svd(m, n, t.v, t.s, t.u);
        }
        // columns of A as contiguous arrays: w[j] = A[:, j]; V starts as the identity
        double[][] w = new double[n][m];
        double[][] vc = new double[n][n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < m; i++) {
                w[j][i] = a[i * n + j];
            }
            vc[j][j] = 1;
        }
        double tol = Math.ulp(1.0) * m;
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            boolean rotated = false;
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    double alpha = dot(w[p], w[p]);
                    double beta = dot(w[q], w[q]);
                    double gamma = dot(w[p], w[q]);
                    if (gamma == 0 || Math.abs(gamma) <= tol * Math.sqrt(alpha * beta)) {
                        continue;
                    }
                    rotated = true;
                    double zeta = (beta - alpha) / (2 * gamma);
                    double t = Math.signum(zeta) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
                    if (zeta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(1 + t * t);
                    double sn = c * t;
                    rotate(w[p], w[q], c, sn);
                    rotate(vc[p], vc[q], c, sn);
                }
            }
            if (!rotated) {
                break;
            }
        }
        double[] norms = new double[n];
        Integer[] order = new Integer[n];
        for (int j = 0; j < n; j++) {
            norms[j] = Math.sqrt(dot(w[j], w[j]));
            order[j] = j;
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(norms[y], norms[x]));
        double[] u = new double[m * n];
        double[] s = new double[n];
        double[] v = new double[n * n];
        double tiny = norms[order[0]] * Math.ulp(1.0) * Math.max(m, n);
        for (int k = 0; k < n; k++) {
            int j = order[k];
            s[k] = norms[j];
            for (int i = 0; i < n; i++) {
                v[i * n + k] = vc[j][i];
            }
            if (norms[j] > tiny && norms[j] > 0) {
                for (int i = 0; i < m; i++) {
                    u[i * n + k] = w[j][i] / norms[j];
                }
            } else {
                s[k] = norms[j] > tiny ? norms[j] : 0;
            }
        }
        return new Svd(m, n, u, s, v);
    }

    /** @return {@code p = min(m, n)} */
    public int rank() {
        return Math.min(m, n);
    }

    /**
     * @return {@code U} with every zero column (a singular value of 0) replaced by a unit vector orthogonal
     *     to the other columns (Gram-Schmidt over the standard basis), so that {@code U^T U = I}
     */
    public double[] orthonormalU() {
        int p = rank();
        double[] out = u.clone();
        for (int k = 0; k < p; k++) {
            if (s[k] > 0) {
                continue;
            }
            for (int e = 0; e < m; e++) {
                double[] c = new double[m];
                c[e] = 1;
                for (int j = 0; j < p; j++) {
                    if (j == k || (s[j] == 0 && j > k)) {
                        continue;
                    }
                    double d = 0;
                    for (int i = 0; i < m; i++) {
                        d += out[i * p + j] * c[i];
                    }
                    for (int i = 0; i < m; i++) {
                        c[i] -= d * out[i * p + j];
                    }
                }
                double norm = Math.sqrt(dot(c, c));
                if (norm > 0.5) {
                    for (int i = 0; i < m; i++) {
                        out[i * p + k] = c[i] / norm;
                    }
                    break;
                }
            }
        }
        return out;
    }

    /**
     * The Moore-Penrose pseudo-inverse {@code A^+ = V diag(1/s) U^T}, the singular values at or below
     * {@code rcond * s_max} treated as 0 (as numpy's {@code lstsq} and {@code pinv} do).
     *
     * @param rcond the relative cutoff, e.g. {@code eps * max(m, n)} (numpy's {@code lstsq} default)
     * @return row-major {@code n x m}
     */
    public double[] pseudoInverse(double rcond) {
        int p = rank();
        double cutoff = rcond * s[0];
        double[] out = new double[n * m];
        for (int k = 0; k < p; k++) {
            if (!(s[k] > cutoff)) {
                continue;
            }
            double inv = 1 / s[k];
            for (int i = 0; i < n; i++) {
                double vi = v[i * p + k] * inv;
                if (vi == 0) {
                    continue;
                }
                for (int j = 0; j < m; j++) {
                    out[i * m + j] += vi * u[j * p + k];
                }
            }
        }
        return out;
    }

    private static double dot(double[] x, double[] y) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += x[i] * y[i];
        }
        return sum;
    }

    private static void rotate(double[] x, double[] y, double c, double s) {
        for (int i = 0; i < x.length; i++) {
            double xi = x[i];
            double yi = y[i];
            x[i] = c * xi - s * yi;
            y[i] = s * xi + c * yi;
        }
    }

    private static double[] transpose(double[] a, int m, int n) {
        double[] t = new double[a.length];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                t[j * m + i] = a[i * n + j];
            }
        }
        return t;
    }
}
