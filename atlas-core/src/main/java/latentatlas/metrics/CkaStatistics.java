package latentatlas.metrics;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import latentatlas.compute.Blocks;
import latentatlas.InvalidInputException;
import latentatlas.compute.GramSum;
import latentatlas.compute.PowerOfTwo;
import latentatlas.compute.StagedRows;

import java.util.Arrays;

/**
 * The streaming sufficient statistics of linear CKA between paired row blocks of {@code X} ({@code n x p})
 * and {@code Y} ({@code n x q}), given the column means (the first pass). Each block is centred,
 * {@code Xc = X - mean_x}, and its Grams {@code Xc^T Xc}, {@code Yc^T Yc}, {@code Yc^T Xc} are computed
 * as float32 matrix products and added in double; so are the per-row squared norms
 * {@code kx_i = ||xc_i||^2}, {@code ky_i} needed by the debiased estimator. Statistics of disjoint row
 * sets {@link #merge merge} (e.g. one per partition of a distributed job).
 *
 * <p>Scale-safe: each centred block is rescaled by a power of two to a largest magnitude in
 * {@code [0.5, 1)} before its float32 products ({@link PowerOfTwo}), and the products are scaled back in
 * double; so spaces of any float32 magnitude ({@code 1e20 x}, {@code 1e-30 x}) give the CKA of
 * {@code x}, never an overflowed or underflowed 0. The results are range-checked ({@link Bounds}); a space
 * with zero variance, where CKA is undefined, is an {@link InvalidInputException}.
 *
 * <p>Within one {@link #add} call, or one {@link #accumulator} over many, the rows pass through reused
 * native staging buffers ({@link StagedRows}: one copy from the heap), are centred in place, and the block
 * Grams are summed in float64 native memory ({@link GramSum}, which multiplies only the upper tiles of
 * {@code Xc^T Xc} and {@code Yc^T Yc}); only the final {@code p x p}, {@code q x q}, {@code q x p} sums
 * come back to the heap.
 *
 * <ul>
 *   <li>{@link #linearCka()}: {@code ||Yc^T Xc||_F^2 / (||Xc^T Xc||_F ||Yc^T Yc||_F)};</li>
 *   <li>{@link #debiasedCka()}: {@code HSIC_u(X,Y) / sqrt(HSIC_u(X,X) HSIC_u(Y,Y))} with, for centred
 *   features (where {@code 1^T K~ 1 = -sum kx} and {@code K~ 1 = -kx}, {@code K~} the Gram with zeroed
 *   diagonal), {@code n(n-3) HSIC_u = ||Yc^T Xc||_F^2 - n/(n-2) sum_i kx_i ky_i
 *   + (sum kx)(sum ky)/((n-1)(n-2))} (Song et al. 2012, eq. 5).</li>
 * </ul>
 */
public final class CkaStatistics {
    /**
     * The most rows of one block: bounds the length of the float32 sums inside a block product (the sums
     * across blocks are in double) and the native memory of a block.
     */
    static final int BLOCK_ROWS = 16_384;

    private final float[] meanX;
    private final float[] meanY;
    private final int p;
    private final int q;
    private final double[] xx;
    private final double[] yy;
    private final double[] yx;
    private long n;
    /** Whether the row norms (debiased CKA) are missing: statistics {@link #recentred} on other means. */
    private boolean linearOnly;
    private double sumKx;
    private double sumKy;
    private double sumKxKx;
    private double sumKyKy;
    private double sumKxKy;

    /**
     * @param meanX the column means of X (width p)
     * @param meanY the column means of Y (width q)
     */
    public CkaStatistics(double[] meanX, double[] meanY) {
        this.p = meanX.length;
        this.q = meanY.length;
        this.meanX = toFloats(meanX);
        this.meanY = toFloats(meanY);
        this.xx = new double[p * p];
        this.yy = new double[q * q];
        this.yx = new double[q * p];
    }

    private static float[] toFloats(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }

    /** Adds {@code n} paired rows ({@code xRows}: n x p, {@code yRows}: n x q, row-major). */
    public void add(float[] xRows, float[] yRows, int n) {
        if ((long) n * p != xRows.length || (long) n * q != yRows.length) {
            throw new IllegalArgumentException("expected " + n + " rows of widths " + p + " and " + q + ", found "
                    + xRows.length + " and " + yRows.length + " values");
        }
        add(xRows, yRows, 0, n);
    }

    /** Adds rows {@code first .. first+count-1} of two row-major arrays (widths p and q). */
    public void add(float[] xRows, float[] yRows, int first, int count) {
        checkRows(xRows, yRows, first, count);
        if (count == 0) {
            return;
        }
        try (Accumulator accumulator = accumulator(Math.min(count, BLOCK_ROWS))) {
            accumulator.add(xRows, yRows, first, count);
        }
    }

    private void checkRows(float[] xRows, float[] yRows, int first, int count) {
        if (first < 0 || count < 0 || (long) (first + count) * p > xRows.length
                || (long) (first + count) * q > yRows.length) {
            throw new IllegalArgumentException("rows " + first + " .. " + (first + count - 1) + " are not in arrays of "
                    + xRows.length + " and " + yRows.length + " values (widths " + p + " and " + q + ")");
        }
    }

    /**
     * @param blockRows the most rows of one block (at most {@link #BLOCK_ROWS} are multiplied at once)
     * @return an accumulator of row blocks into these statistics, for many {@code add} calls of a few rows
     *     each: its staging buffers and native Gram sums are made once, and the sums come back to these
     *     statistics when it is closed
     */
    public Accumulator accumulator(int blockRows) {
        return new Accumulator(Math.max(1, Math.min(blockRows, Math.min(BLOCK_ROWS, Blocks.rowsPerBlock(Math.max(p, q))))));
    }

    /**
     * Adds row blocks to the statistics that made it ({@link #accumulator}), keeping the Gram sums in native
     * memory until {@link #close}, which adds them to the statistics (the row counts and norms are added at
     * once). Not thread-safe: use and close it on one thread.
     */
    public final class Accumulator implements AutoCloseable {
        private final int block;
        private final StagedRows xStage;
        private final StagedRows yStage;
        private final NDManager manager;
        private final NDArray mx;
        private final NDArray my;
        private final GramSum gxx;
        private final GramSum gyy;
        private final GramSum gyx;
        private boolean closed;

        private Accumulator(int block) {
            this.block = block;
            this.xStage = new StagedRows(block, p);
            this.yStage = new StagedRows(block, q);
            this.manager = NDManager.newBaseManager();
            try {
                this.mx = Blocks.row(manager, meanX);
                this.my = Blocks.row(manager, meanY);
                this.gxx = GramSum.symmetric(manager, p);
                this.gyy = GramSum.symmetric(manager, q);
                this.gyx = GramSum.cross(manager, q, p);
            } catch (RuntimeException e) { // no accumulator to close: free what was made
                manager.close();
                throw e;
            }
        }

        /**
         * Adds rows {@code first .. first+count-1} of two row-major arrays (widths p and q).
         *
         * @throws IllegalStateException once closed
         */
        public void add(float[] xRows, float[] yRows, int first, int count) {
            if (closed) {
                throw new IllegalStateException("this CKA accumulator is closed: its sums are in the statistics");
            }
            checkRows(xRows, yRows, first, count);
            for (int start = first; start < first + count; start += block) {
                int rows = Math.min(block, first + count - start);
                try (NDManager scope = manager.newSubManager()) {
                    NDArray xc = xStage.load(scope, xRows, start, rows).subi(mx);
                    NDArray yc = yStage.load(scope, yRows, start, rows).subi(my);
                    int ex = PowerOfTwo.exponent(PowerOfTwo.maxAbs(xc));
                    int ey = PowerOfTwo.exponent(PowerOfTwo.maxAbs(yc));
                    PowerOfTwo.scaleInPlace(xc, ex);
                    PowerOfTwo.scaleInPlace(yc, ey);
                    double fxx = Math.scalb(1.0, 2 * ex);
                    double fyy = Math.scalb(1.0, 2 * ey);
                    gxx.add(xc, fxx);
                    gyy.add(yc, fyy);
                    gyx.add(yc, xc, Math.scalb(1.0, ex + ey));
                    addRowNorms(xc.muli(xc).sum(new int[] {1}).toFloatArray(),
                            yc.muli(yc).sum(new int[] {1}).toFloatArray(), fxx, fyy);
                }
            }
        }

        /** Adds the Gram sums to the statistics and frees the native memory (once: a second call does nothing). */
        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            try (manager) {
                gxx.addTo(xx);
                gyy.addTo(yy);
                gyx.addTo(yx);
            }
        }
    }

    /**
     * Adds the centred rows' squared norms {@code kx_i = fx * kxScaled_i}, {@code ky_i} to the sums (in double).
     */
    private void addRowNorms(float[] kxScaled, float[] kyScaled, double fx, double fy) {
        for (int i = 0; i < kxScaled.length; i++) {
            double kx = kxScaled[i] * fx;
            double ky = kyScaled[i] * fy;
            sumKx += kx;
            sumKy += ky;
            sumKxKx += kx * kx;
            sumKyKy += ky * ky;
            sumKxKy += kx * ky;
        }
        n += kxScaled.length;
    }

    /** Adds the statistics of other rows (same means). */
    public void merge(CkaStatistics other) {
        if (!Arrays.equals(meanX, other.meanX) || !Arrays.equals(meanY, other.meanY)) {
            throw new IllegalArgumentException("CKA statistics over different means cannot be merged");
        }
        for (int i = 0; i < xx.length; i++) {
            xx[i] += other.xx[i];
        }
        for (int i = 0; i < yy.length; i++) {
            yy[i] += other.yy[i];
        }
        for (int i = 0; i < yx.length; i++) {
            yx[i] += other.yx[i];
        }
        n += other.n;
        linearOnly |= other.linearOnly;
        sumKx += other.sumKx;
        sumKy += other.sumKy;
        sumKxKx += other.sumKxKx;
        sumKyKy += other.sumKyKy;
        sumKxKy += other.sumKxKy;
    }

    /**
     * The same statistics centred on other means, exactly (in double), so that statistics gathered
     * around provisional means (e.g. each partition of a distributed job around its first block's mean,
     * in one pass) can be merged around the global means. With {@code m} this object's means, {@code c}
     * the new ones, {@code delta = m - c} and {@code s = sum_i (x_i - m) = rowSumX - n m}:
     * <pre>
     *     sum_i (x_i - c)(x_i - c)^T = Xm^T Xm + s delta^T + delta s^T + n delta delta^T
     * </pre>
     * and likewise {@code Yc^T Yc} and {@code Yc^T Xc = Ym^T Xm + s_y delta_x^T + delta_y s_x^T + n delta_y delta_x^T}.
     * The per-row norms of the debiased estimator do not re-centre: the result gives {@link #linearCka()}
     * only ({@link #debiasedCka()} throws).
     *
     * @param rowSumX the exact column sums of the rows added (width p)
     * @param rowSumY likewise of Y (width q)
     * @param meanX the new means of X
     * @param meanY the new means of Y
     * @return the re-centred statistics, mergeable with others re-centred on the same means
     */
    public CkaStatistics recentred(double[] rowSumX, double[] rowSumY, double[] meanX, double[] meanY) {
        CkaStatistics out = new CkaStatistics(meanX, meanY);
        double[] dx = new double[p];
        double[] sx = new double[p];
        for (int j = 0; j < p; j++) {
            dx[j] = (double) this.meanX[j] - out.meanX[j];
            sx[j] = rowSumX[j] - n * (double) this.meanX[j];
        }
        double[] dy = new double[q];
        double[] sy = new double[q];
        for (int j = 0; j < q; j++) {
            dy[j] = (double) this.meanY[j] - out.meanY[j];
            sy[j] = rowSumY[j] - n * (double) this.meanY[j];
        }
        recentre(xx, out.xx, sx, dx, sx, dx, n);
        recentre(yy, out.yy, sy, dy, sy, dy, n);
        recentre(yx, out.yx, sy, dy, sx, dx, n);
        out.n = n;
        out.linearOnly = true;
        return out;
    }

    /** {@code into[a][b] = from[a][b] + s_a d_b + d_a t_b + n d_a d_b} (row-major, rows a of s/d, columns b of t/e). */
    private static void recentre(double[] from, double[] into, double[] sRows, double[] dRows, double[] sCols,
                                 double[] dCols, long n) {
        int cols = sCols.length;
        for (int a = 0; a < sRows.length; a++) {
            for (int b = 0; b < cols; b++) {
                into[a * cols + b] = from[a * cols + b] + sRows[a] * dCols[b] + dRows[a] * sCols[b]
                        + n * dRows[a] * dCols[b];
            }
        }
    }

    /** @return the number of rows added */
    public long count() {
        return n;
    }

    /**
     * @return linear CKA in [0, 1] (rounding beyond 1 clamped)
     * @throws InvalidInputException when either space has zero variance (all rows the same vector), where
     *     CKA is undefined
     */
    public double linearCka() {
        double xNorm = squaredNorm(xx);
        double yNorm = squaredNorm(yy);
        requireVariance(xNorm, yNorm);
        return Bounds.clamp("linear CKA", squaredNorm(yx) / (Math.sqrt(xNorm) * Math.sqrt(yNorm)), 0, 1,
                Bounds.FLOAT32);
    }

    /**
     * @return debiased linear CKA in [-1, 1] (the unbiased HSIC is an inner product; may be slightly
     *     negative for unrelated spaces)
     * @throws IllegalStateException with fewer than 4 rows, where the estimator is undefined
     * @throws InvalidInputException when either space has zero variance, or its unbiased HSIC is not
     *     positive (too few distinct rows), where debiased CKA is undefined
     */
    public double debiasedCka() {
        if (linearOnly) {
            throw new IllegalStateException("re-centred CKA statistics carry no row norms: debiased CKA needs the"
                    + " statistics centred on the final means");
        }
        if (n < 4) {
            throw new IllegalStateException("debiased CKA needs at least 4 samples, found " + n);
        }
        requireVariance(squaredNorm(xx), squaredNorm(yy));
        double xy = unbiasedHsic(squaredNorm(yx), sumKxKy, sumKx, sumKy);
        double xxHsic = unbiasedHsic(squaredNorm(xx), sumKxKx, sumKx, sumKx);
        double yyHsic = unbiasedHsic(squaredNorm(yy), sumKyKy, sumKy, sumKy);
        if (!(xxHsic > 0 && yyHsic > 0)) {
            throw new InvalidInputException("debiased CKA is undefined here: the unbiased HSIC of the "
                    + (xxHsic > 0 ? "second" : "first") + " space with itself is " + (xxHsic > 0 ? yyHsic : xxHsic)
                    + " over " + n + " samples, expected a positive value: use more (distinct) samples");
        }
        return Bounds.clamp("debiased CKA", xy / (Math.sqrt(xxHsic) * Math.sqrt(yyHsic)), -1, 1, Bounds.FLOAT32);
    }

    /** Refuses a space without variance: its centred Gram is 0 and CKA's denominator with it. */
    private void requireVariance(double xNorm, double yNorm) {
        if (xNorm == 0 || yNorm == 0) {
            throw new InvalidInputException("CKA is undefined: the " + (xNorm == 0 ? "first" : "second")
                    + " space has zero variance (all " + n + " rows are the same vector): compare spaces whose rows differ");
        }
    }

    /** {@code n(n-3) HSIC_u}; the factor cancels in the ratio. */
    private double unbiasedHsic(double crossGram, double sumProducts, double sumA, double sumB) {
        double m = n;
        return crossGram - m / (m - 2) * sumProducts + sumA * sumB / ((m - 1) * (m - 2));
    }

    private static double squaredNorm(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v * v;
        }
        return sum;
    }
}
