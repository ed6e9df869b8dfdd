package latentatlas.atlas;

import latentatlas.InvalidInputException;
import latentatlas.compute.Svd;
import latentatlas.space.LatentSpace;

import java.util.List;
import java.util.Objects;

/**
 * A latent space translation (docs/method.md §9; Maiorca et al. 2023): an affine map
 * {@code T(x) = x W + b} from a chart's absolute space ({@code d_t} wide) into a reference chart's absolute
 * space ({@code d_r} wide), fitted on the two charts' embeddings of the same anchors alone, so that neither
 * a label nor any other sample takes part. Immutable, plain Java data.
 *
 * <ul>
 *   <li>{@link #procrustes}: with {@code X = e_t(A)} and {@code Y = e_r(A)} ({@code k x d}, rows in anchor
 *   order), centre and scale each, {@code X~ = (X - mu_X) / s_X} with {@code mu_X} the column means and
 *   {@code s_X = ||X - mu_X||_F} (likewise {@code Y~}); take {@code U S V^T = svd(X~^T Y~)} and
 *   {@code R = U V^T}, the orthogonal {@code R} minimising {@code ||X~ R - Y~||_F} (scipy's
 *   {@code orthogonal_procrustes(X~, Y~)}); then
 *   {@code T(x) = ((x - mu_X) / s_X) R s_Y + mu_Y}, i.e. {@code W = R s_Y / s_X},
 *   {@code b = mu_Y - mu_X W}. Reflections are allowed (as in scipy). Both charts must have the same width.
 *   With fewer than {@code d + 1} anchors {@code X~^T Y~} is singular, and {@code R} is then fixed only on
 *   the directions the anchors span: {@code U}'s columns of singular value 0 are completed to an
 *   orthonormal basis (Gram-Schmidt over the standard basis), one valid minimiser among several.</li>
 *   <li>{@link #leastSquares}: {@code [W; b] = argmin ||[X 1] [W; b] - Y||_F}, the minimum-norm solution
 *   {@code [X 1]^+ Y} (numpy's {@code lstsq} with its default {@code rcond = eps max(k, d_t + 1)}: singular
 *   values at or below {@code rcond s_max} count as 0). With {@code k <= d_t} anchors the map interpolates
 *   the anchors exactly and is only as good as the anchors are many.</li>
 *   <li>{@link #identity}: {@code T(x) = x}, the reference chart's own map.</li>
 * </ul>
 *
 * <p>The fit runs in float64 ({@link Svd}); {@code W} and {@code b} are then rounded to float32 once and
 * used from there, so a saved and reloaded map ({@link AtlasModel}) gives the same rows bit for bit.
 * {@link #apply} accumulates {@code x W + b} in float64 and rounds each output to float32.
 */
public final class Translation {
    /** How a translation was fitted. */
    public enum Kind {
        /** {@code T(x) = x}. */
        IDENTITY,
        /** Orthogonal Procrustes after centring and scaling. */
        PROCRUSTES,
        /** Affine least squares. */
        LSTSQ
    }

    private final Kind kind;
    private final int inputWidth;
    private final int outputWidth;
    private final float[] matrix;
    private final float[] bias;

    private Translation(Kind kind, int inputWidth, int outputWidth, float[] matrix, float[] bias) {
        this.kind = kind;
        this.inputWidth = inputWidth;
        this.outputWidth = outputWidth;
        this.matrix = matrix;
        this.bias = bias;
    }

    /**
     * @param width the width {@code d} of the space
     * @return {@code T(x) = x}
     */
    public static Translation identity(int width) {
        float[] w = new float[width * width];
        for (int i = 0; i < width; i++) {
            w[i * width + i] = 1;
        }
        return new Translation(Kind.IDENTITY, width, width, w, new float[width]);
    }

    /**
     * A translation from its parameters (as {@link AtlasModel#load} reads them back).
     *
     * @param kind how it was fitted
     * @param matrix {@code W}, row-major {@code inputWidth x outputWidth}, finite
     * @param bias {@code b}, {@code outputWidth} values, finite
     * @param inputWidth {@code d_t}
     * @param outputWidth {@code d_r}
     * @return the map
     * @throws InvalidInputException when the sizes disagree or a value is not finite
     */
    public static Translation of(Kind kind, float[] matrix, float[] bias, int inputWidth, int outputWidth) {
        Objects.requireNonNull(kind, "kind");
        if (inputWidth < 1 || outputWidth < 1 || (long) inputWidth * outputWidth != matrix.length
                || bias.length != outputWidth) {
            throw new InvalidInputException("translation: expected a " + inputWidth + " x " + outputWidth
                    + " matrix and " + outputWidth + " offsets, found " + matrix.length + " and " + bias.length + " values");
        }
        for (float[] values : new float[][] {matrix, bias}) {
            for (float v : values) {
                if (!Float.isFinite(v)) {
                    throw new InvalidInputException("translation: expected finite values, found " + v);
                }
            }
        }
        return new Translation(kind, inputWidth, outputWidth, matrix.clone(), bias.clone());
    }

    /**
     * Orthogonal Procrustes after centring and scaling (see the class comment).
     *
     * @param source the chart's embeddings of the anchors, {@code k x d}, rows in anchor order
     * @param target the reference chart's embeddings of the same anchors, {@code k x d}, same order
     * @return the fitted map from the chart's space into the reference's
     * @throws InvalidInputException when the widths or the anchor counts differ, there are fewer than 2
     *     anchors, or the anchors of a chart are all one point
     */
    public static Translation procrustes(LatentSpace source, LatentSpace target) {
        int k = checkPair(source, target);
        int d = source.dim();
        if (target.dim() != d) {
            throw new InvalidInputException(List.of("aggregation"), "procrustes: width " + source.dim() + " of "
                    + source + " differs from width " + target.dim() + " of the reference " + target
                    + ": an orthogonal map needs equal widths; use lstsq");
        }
        double[] x = centred(source);
        double[] y = centred(target);
        double[] muX = mean(source);
        double[] muY = mean(target);
        double sX = frobenius(x);
        double sY = frobenius(y);
        if (!(sX > 0) || !(sY > 0)) {
            throw new InvalidInputException("procrustes: the anchors of " + (sX > 0 ? target : source)
                    + " are all one point (zero spread after centring): nothing to align");
        }
        double[] m = new double[d * d];
        for (int i = 0; i < k; i++) {
            for (int a = 0; a < d; a++) {
                double xa = x[i * d + a] / sX;
                if (xa == 0) {
                    continue;
                }
                for (int b = 0; b < d; b++) {
                    m[a * d + b] += xa * (y[i * d + b] / sY);
                }
            }
        }
        Svd svd = Svd.of(m, d, d);
        double[] u = svd.orthonormalU();
        double[] v = svd.v();
        double[] w = new double[d * d];
        double ratio = sY / sX;
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                double r = 0;
                for (int c = 0; c < d; c++) {
                    r += u[a * d + c] * v[b * d + c];
                }
                w[a * d + b] = r * ratio;
            }
        }
        return rounded(Kind.PROCRUSTES, d, d, w, muX, muY);
    }

    /**
     * Affine least squares, the minimum-norm solution (see the class comment).
     *
     * @param source the chart's embeddings of the anchors, {@code k x d_t}, rows in anchor order
     * @param target the reference chart's embeddings of the same anchors, {@code k x d_r}, same order
     * @return the fitted map
     * @throws InvalidInputException when the anchor counts differ or there are fewer than 2 anchors
     */
    public static Translation leastSquares(LatentSpace source, LatentSpace target) {
        int k = checkPair(source, target);
        int dIn = source.dim();
        int dOut = target.dim();
        int cols = dIn + 1;
        double[] a = new double[k * cols];
        float[] xs = source.rawVectors();
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < dIn; j++) {
                a[i * cols + j] = xs[i * dIn + j];
            }
            a[i * cols + dIn] = 1;
        }
        double[] pinv = Svd.of(a, k, cols).pseudoInverse(Math.ulp(1.0) * Math.max(k, cols));
        float[] ys = target.rawVectors();
        double[] full = new double[cols * dOut];
        for (int r = 0; r < cols; r++) {
            for (int i = 0; i < k; i++) {
                double p = pinv[r * k + i];
                if (p == 0) {
                    continue;
                }
                for (int b = 0; b < dOut; b++) {
                    full[r * dOut + b] += p * ys[i * dOut + b];
                }
            }
        }
        float[] w = new float[dIn * dOut];
        float[] bias = new float[dOut];
        for (int j = 0; j < dIn * dOut; j++) {
            w[j] = (float) full[j];
        }
        for (int b = 0; b < dOut; b++) {
            bias[b] = (float) full[dIn * dOut + b];
        }
        return of(Kind.LSTSQ, w, bias, dIn, dOut);
    }

    /** {@code W} rounded to float32, then {@code b = mu_Y - mu_X W} in float64 from the rounded {@code W}. */
    private static Translation rounded(Kind kind, int dIn, int dOut, double[] w, double[] muX, double[] muY) {
        float[] wf = new float[w.length];
        for (int i = 0; i < w.length; i++) {
            wf[i] = (float) w[i];
        }
        float[] bias = new float[dOut];
        for (int b = 0; b < dOut; b++) {
            double sum = muY[b];
            for (int a = 0; a < dIn; a++) {
                sum -= muX[a] * wf[a * dOut + b];
            }
            bias[b] = (float) sum;
        }
        return of(kind, wf, bias, dIn, dOut);
    }

    private static int checkPair(LatentSpace source, LatentSpace target) {
        if (source.size() != target.size()) {
            throw new InvalidInputException("translation: " + source + " has " + source.size() + " anchor rows, the"
                    + " reference " + target + " " + target.size() + ": fit on the same anchors");
        }
        if (source.size() < 2) {
            throw new InvalidInputException(List.of("anchors"), "translation: expected at least 2 anchors to fit a"
                    + " map on, found " + source.size());
        }
        return source.size();
    }

    private static double[] mean(LatentSpace s) {
        int d = s.dim();
        double[] mu = new double[d];
        float[] v = s.rawVectors();
        for (int i = 0; i < s.size(); i++) {
            for (int j = 0; j < d; j++) {
                mu[j] += v[i * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mu[j] /= s.size();
        }
        return mu;
    }

    private static double[] centred(LatentSpace s) {
        int d = s.dim();
        double[] mu = mean(s);
        float[] v = s.rawVectors();
        double[] out = new double[v.length];
        for (int i = 0; i < s.size(); i++) {
            for (int j = 0; j < d; j++) {
                out[i * d + j] = v[i * d + j] - mu[j];
            }
        }
        return out;
    }

    private static double frobenius(double[] x) {
        double sum = 0;
        for (double v : x) {
            sum += v * v;
        }
        return Math.sqrt(sum);
    }

    /** @return how the map was fitted */
    public Kind kind() {
        return kind;
    }

    /** @return {@code d_t}, the width of the chart's space */
    public int inputWidth() {
        return inputWidth;
    }

    /** @return {@code d_r}, the width of the reference's space */
    public int outputWidth() {
        return outputWidth;
    }

    /** @return {@code W}, row-major {@code d_t x d_r} (a copy) */
    public float[] matrix() {
        return matrix.clone();
    }

    /** @return {@code b}, {@code d_r} values (a copy) */
    public float[] bias() {
        return bias.clone();
    }

    /**
     * @param space the chart's absolute rows, {@code d_t} wide
     * @return {@code T(x)} per row, same ids and labels, {@code d_r} wide
     * @throws InvalidInputException when the width is not {@code d_t}
     */
    public LatentSpace apply(LatentSpace space) {
        if (space.dim() != inputWidth) {
            throw new InvalidInputException(space + ": width " + space.dim() + " differs from the " + inputWidth
                    + " of the chart the translation was fitted on");
        }
        return LatentSpace.of("translated " + space, space.ids(), applyRows(space.rawVectors(), space.size()),
                outputWidth, space.hasLabels() ? space.labels() : null);
    }

    /**
     * @param rows row-major {@code n x d_t}
     * @param n the number of rows
     * @return row-major {@code n x d_r}, {@code x W + b} accumulated in float64
     */
    public float[] applyRows(float[] rows, int n) {
        if ((long) n * inputWidth != rows.length) {
            throw new InvalidInputException("rows: expected " + n + " x " + inputWidth + " values, found " + rows.length);
        }
        if (kind == Kind.IDENTITY) {
            return rows.clone();
        }
        float[] out = new float[Math.multiplyExact(n, outputWidth)];
        double[] acc = new double[outputWidth];
        for (int i = 0; i < n; i++) {
            for (int b = 0; b < outputWidth; b++) {
                acc[b] = bias[b];
            }
            for (int a = 0; a < inputWidth; a++) {
                double x = rows[i * inputWidth + a];
                if (x == 0) {
                    continue;
                }
                int base = a * outputWidth;
                for (int b = 0; b < outputWidth; b++) {
                    acc[b] += x * matrix[base + b];
                }
            }
            for (int b = 0; b < outputWidth; b++) {
                out[i * outputWidth + b] = (float) acc[b];
            }
        }
        return out;
    }
}
