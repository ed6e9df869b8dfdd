package latentatlas.report;

/**
 * Projection on the first two principal components: the covariance {@code C = Xc^T Xc / (n-1)} of
 * the column-centred data (accumulated in double) and its two leading eigenvectors by power
 * iteration with deflation; signs are fixed so that each component's largest loading is positive,
 * which makes the picture reproducible.
 */
final class Pca {
    private Pca() {
    }

    /**
     * @param data row-major {@code n x d}
     * @param n rows
     * @param d columns
     * @return row-major {@code n x 2} coordinates
     */
    static double[] project2(float[] data, int n, int d) {
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += data[i * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        double[] cov = new double[d * d];
        double[] row = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                row[j] = data[i * d + j] - mean[j];
            }
            for (int a = 0; a < d; a++) {
                double ra = row[a];
                if (ra == 0) {
                    continue;
                }
                for (int b = a; b < d; b++) {
                    cov[a * d + b] += ra * row[b];
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < a; b++) {
                cov[a * d + b] = cov[b * d + a];
            }
        }
        double[] first = leadingEigenvector(cov, d);
        double lambda = rayleigh(cov, first, d);
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                cov[a * d + b] -= lambda * first[a] * first[b];
            }
        }
        double[] second = leadingEigenvector(cov, d);
        double[] out = new double[n * 2];
        for (int i = 0; i < n; i++) {
            double x = 0;
            double y = 0;
            for (int j = 0; j < d; j++) {
                double v = data[i * d + j] - mean[j];
                x += v * first[j];
                y += v * second[j];
            }
            out[2 * i] = x;
            out[2 * i + 1] = y;
        }
        return out;
    }

    private static double[] leadingEigenvector(double[] m, int d) {
        double[] v = new double[d];
        for (int j = 0; j < d; j++) {
            v[j] = 1.0 / Math.sqrt(d) * (1 + 0.01 * j);
        }
        double[] next = new double[d];
        for (int iter = 0; iter < 500; iter++) {
            double norm = 0;
            for (int a = 0; a < d; a++) {
                double s = 0;
                for (int b = 0; b < d; b++) {
                    s += m[a * d + b] * v[b];
                }
                next[a] = s;
                norm += s * s;
            }
            norm = Math.sqrt(norm);
            if (norm == 0) {
                return v;
            }
            double change = 0;
            for (int a = 0; a < d; a++) {
                double nv = next[a] / norm;
                change += Math.abs(nv - v[a]);
                v[a] = nv;
            }
            if (change < 1e-10) {
                break;
            }
        }
        int largest = 0;
        for (int a = 1; a < d; a++) {
            if (Math.abs(v[a]) > Math.abs(v[largest])) {
                largest = a;
            }
        }
        if (v[largest] < 0) {
            for (int a = 0; a < d; a++) {
                v[a] = -v[a];
            }
        }
        return v;
    }

    private static double rayleigh(double[] m, double[] v, int d) {
        double s = 0;
        for (int a = 0; a < d; a++) {
            double t = 0;
            for (int b = 0; b < d; b++) {
                t += m[a * d + b] * v[b];
            }
            s += v[a] * t;
        }
        return s;
    }
}
