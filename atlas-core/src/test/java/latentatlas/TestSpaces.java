package latentatlas;

import latentatlas.io.Npy;
import latentatlas.space.LatentSpace;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Random;

/** Shared helpers of the core tests: fixtures, random spaces and random orthogonal maps. */
public final class TestSpaces {
    private TestSpaces() {
    }

    /** @return the path of a test resource under /fixtures */
    public static Path fixture(String relative) {
        try {
            return Path.of(TestSpaces.class.getResource("/fixtures/" + relative).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return a float64 fixture matrix as doubles, row-major */
    public static Npy.Matrix matrix(String relative) {
        return Npy.readMatrix(fixture(relative));
    }

    /** @return a space with ids {@code firstId..firstId+n-1} of Gaussian values */
    public static LatentSpace gaussian(int n, int d, long firstId, long seed) {
        Random random = new Random(seed);
        long[] ids = new long[n];
        float[] v = new float[n * d];
        for (int i = 0; i < n; i++) {
            ids[i] = firstId + i;
            for (int j = 0; j < d; j++) {
                v[i * d + j] = (float) (random.nextGaussian() + 0.5 * j / d);
            }
        }
        return LatentSpace.of("gaussian", ids, v, d, null);
    }

    /** @return a random d x d orthogonal matrix (Gram-Schmidt of Gaussian columns), row-major */
    public static double[] orthogonal(int d, long seed) {
        Random random = new Random(seed);
        double[] q = new double[d * d];
        for (int c = 0; c < d; c++) {
            double[] v = new double[d];
            for (int r = 0; r < d; r++) {
                v[r] = random.nextGaussian();
            }
            for (int p = 0; p < c; p++) {
                double dot = 0;
                for (int r = 0; r < d; r++) {
                    dot += v[r] * q[r * d + p];
                }
                for (int r = 0; r < d; r++) {
                    v[r] -= dot * q[r * d + p];
                }
            }
            double norm = 0;
            for (double x : v) {
                norm += x * x;
            }
            norm = Math.sqrt(norm);
            for (int r = 0; r < d; r++) {
                q[r * d + c] = v[r] / norm;
            }
        }
        return q;
    }

    /** @return {@code scale * x Q + shift} for every row x of the space (same ids and labels) */
    public static LatentSpace transform(LatentSpace space, double[] q, double scale, double shift) {
        int n = space.size();
        int d = space.dim();
        float[] x = space.rawVectors();
        float[] out = new float[n * d];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < d; c++) {
                double sum = 0;
                for (int r = 0; r < d; r++) {
                    sum += x[i * d + r] * q[r * d + c];
                }
                out[i * d + c] = (float) (scale * sum + shift * (c + 1));
            }
        }
        return LatentSpace.of("transformed", space.ids(), out, d, space.hasLabels() ? space.labels() : null);
    }
}
