package latentatlas.report;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.exception.MaxCountExceededException;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * Projection on the first two principal components.
 *
 * <p>With {@code Xc} the column-centred data ({@code n x d}, in double), the axes are the two
 * leading eigenvectors {@code v_1, v_2} of {@code Xc^T Xc} (the covariance up to the factor
 * {@code 1/(n-1)}) and the coordinates are {@code Xc v_k}. When {@code n < d} the smaller Gram matrix
 * {@code Xc Xc^T} is decomposed instead: its eigenvectors {@code u_k} give {@code v_k = Xc^T u_k / ||Xc^T u_k||}
 * (the same axes). The symmetric eigendecomposition is commons-math3's (Householder tridiagonalisation and
 * QL), with its SVD as the fallback when QL does not converge (rank-deficient matrices). Signs are fixed so that each axis's largest-magnitude
 * loading (the first one on ties) is positive, which makes the picture reproducible.
 */
final class Pca {
    private Pca() {
    }

    /**
     * @param xy row-major {@code n x 2} coordinates {@code (Xc v_1, Xc v_2)}
     * @param axes the unit axes {@code v_1, v_2}, each of length {@code d}
     * @param explained the fraction of the total variance {@code trace(Xc^T Xc)} along each axis
     *                  (0 when the data has no variance)
     */
    record Projection(double[] xy, double[][] axes, double[] explained) {
    }

    /**
     * @param data row-major {@code n x d}
     * @param n rows, at least 1
     * @param d columns, at least 1
     * @return the projection
     */
    static Projection project2(float[] data, int n, int d) {
        if (n < 1 || d < 1 || (long) n * d != data.length) {
            throw new IllegalArgumentException("PCA of " + n + " x " + d + " needs " + ((long) n * d)
                    + " values, found " + data.length);
        }
        double[][] centred = centre(data, n, d);
        double total = 0;
        for (double[] row : centred) {
            for (double v : row) {
                total += v * v;
            }
        }
        double[][] axes = new double[2][];
        double[] explained = new double[2];
        boolean gram = n < d;
        double[][] m = gram ? crossProducts(centred, n, d, true) : crossProducts(centred, n, d, false);
        double[] values;
        double[][] vectors;
        try {
            EigenDecomposition eigen = new EigenDecomposition(new Array2DRowRealMatrix(m, false));
            values = eigen.getRealEigenvalues();
            vectors = new double[values.length][];
            for (int k = 0; k < values.length; k++) {
                vectors[k] = eigen.getEigenvector(k).toArray();
            }
        } catch (MaxCountExceededException e) {
            // The QL iteration can fail on rank-deficient matrices (e.g. a cosine relative space of
            // rank 128 in 256 columns); the SVD of the symmetric positive semi-definite matrix gives the
            // same eigenpairs: singular values = eigenvalues, left singular vectors = eigenvectors.
            SingularValueDecomposition svd = new SingularValueDecomposition(new Array2DRowRealMatrix(m, false));
            values = svd.getSingularValues();
            vectors = new double[values.length][];
            for (int k = 0; k < values.length; k++) {
                vectors[k] = svd.getU().getColumn(k);
            }
        }
        int[] top = twoLargest(values);
        for (int k = 0; k < 2; k++) {
            if (k >= values.length) {
                axes[k] = new double[d];  // d == 1 (or n == 1 via the Gram path): no second direction
                continue;
            }
            double[] vector = vectors[top[k]];
            axes[k] = gram ? loadingsFromGram(centred, vector, d) : vector;
            fixSign(axes[k]);
            explained[k] = total > 0 ? Math.max(0, values[top[k]]) / total : 0;
        }
        double[] xy = new double[2 * n];
        for (int i = 0; i < n; i++) {
            xy[2 * i] = dot(centred[i], axes[0]);
            xy[2 * i + 1] = dot(centred[i], axes[1]);
        }
        return new Projection(xy, axes, explained);
    }

    private static double[][] centre(float[] data, int n, int d) {
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += data[i * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        double[][] centred = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                centred[i][j] = data[i * d + j] - mean[j];
            }
        }
        return centred;
    }

    /** {@code Xc Xc^T} ({@code n x n}) when {@code gram}, else {@code Xc^T Xc} ({@code d x d}). */
    private static double[][] crossProducts(double[][] x, int n, int d, boolean gram) {
        int size = gram ? n : d;
        double[][] m = new double[size][size];
        if (gram) {
            for (int a = 0; a < n; a++) {
                for (int b = a; b < n; b++) {
                    m[a][b] = dot(x[a], x[b]);
                }
            }
        } else {
            for (double[] row : x) {
                for (int a = 0; a < d; a++) {
                    double ra = row[a];
                    for (int b = a; b < d; b++) {
                        m[a][b] += ra * row[b];
                    }
                }
            }
        }
        for (int a = 0; a < size; a++) {
            for (int b = 0; b < a; b++) {
                m[a][b] = m[b][a];
            }
        }
        return m;
    }

    /** {@code v = Xc^T u / ||Xc^T u||}, or zero when {@code u} carries no variance. */
    private static double[] loadingsFromGram(double[][] x, double[] u, int d) {
        double[] v = new double[d];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < d; j++) {
                v[j] += x[i][j] * u[i];
            }
        }
        double norm = Math.sqrt(dot(v, v));
        if (norm > 0) {
            for (int j = 0; j < d; j++) {
                v[j] /= norm;
            }
        }
        return v;
    }

    private static int[] twoLargest(double[] values) {
        int first = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[first]) {
                first = i;
            }
        }
        int second = first == 0 ? 1 : 0;
        for (int i = 0; i < values.length; i++) {
            if (i != first && values[i] > values[second]) {
                second = i;
            }
        }
        return new int[] {first, second};
    }

    private static void fixSign(double[] v) {
        int largest = 0;
        for (int j = 1; j < v.length; j++) {
            if (Math.abs(v[j]) > Math.abs(v[largest])) {
                largest = j;
            }
        }
        if (v[largest] < 0) {
            for (int j = 0; j < v.length; j++) {
                v[j] = -v[j];
            }
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += a[j] * b[j];
        }
        return s;
    }
}
