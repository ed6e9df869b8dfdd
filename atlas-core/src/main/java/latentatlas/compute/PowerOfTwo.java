package latentatlas.compute;

import ai.djl.ndarray.NDArray;

/**
 * Exact rescaling by powers of two, so that float32 products neither overflow nor underflow whatever
 * the scale of the input: a block with largest magnitude {@code m} is multiplied by {@code 2^-e},
 * {@code e = exponent(m)}, which brings {@code m} into {@code [0.5, 1)} without rounding (a power of
 * two changes only the exponent), and a product of two such blocks is multiplied back by
 * {@code 2^(e1 + e2)} in double. Scale-invariant metrics (CKA, silhouettes, nearest centroids) are
 * computed on rescaled blocks, so {@code CKA(1e20 x, x) = CKA(x, x)} exactly, where plain float32
 * Grams overflow to infinity ({@code (1e20)^2 > 3.4e38}) or, for {@code 1e-30 x}, underflow to 0.
 */
public final class PowerOfTwo {
    private PowerOfTwo() {
    }

    /**
     * @param maxAbs the largest magnitude of a block (finite, non-negative)
     * @return {@code e} with {@code maxAbs * 2^-e} in {@code [0.5, 1)}; 0 when {@code maxAbs} is 0
     */
    public static int exponent(double maxAbs) {
        return maxAbs > 0 && Double.isFinite(maxAbs) ? Math.getExponent(maxAbs) + 1 : 0;
    }

    /** @return the largest magnitude of a float32 array's values */
    public static float maxAbs(NDArray values) {
        return values.size() == 0 ? 0f : values.abs().max().getFloat();
    }

    /**
     * Multiplies a float32 array by {@code 2^-e} in place (exactly, in steps that stay representable).
     *
     * @param values the array
     * @param e the exponent, e.g. {@link #exponent} of its largest magnitude
     * @return {@code values}
     */
    public static NDArray scaleInPlace(NDArray values, int e) {
        int left = -e;
        while (left != 0) {
            int step = Math.max(-100, Math.min(100, left));
            values.muli(Math.scalb(1f, step));
            left -= step;
        }
        return values;
    }

    /**
     * Multiplies every value by {@code 2^-e} in place (exact unless a value becomes subnormal), with
     * {@link Math#scalb(float, int)}'s result: when {@code 2^-e} is a normal float that is one float
     * product per value (the exact product correctly rounded, as {@code scalb} rounds it), a loop the JIT
     * vectorises.
     *
     * @param values the values
     * @param e the exponent
     */
    public static void scaleInPlace(float[] values, int e) {
        if (e >= -Float.MAX_EXPONENT && e <= -Float.MIN_EXPONENT) {
            float factor = Math.scalb(1f, -e);
            for (int i = 0; i < values.length; i++) {
                values[i] *= factor;
            }
            return;
        }
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.scalb(values[i], -e);
        }
    }

    /** @return the largest magnitude of the values */
    public static float maxAbs(float[] values) {
        float m = 0;
        for (float v : values) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
