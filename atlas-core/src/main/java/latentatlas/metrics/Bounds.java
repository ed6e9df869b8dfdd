package latentatlas.metrics;

/**
 * The range check of a bounded metric: a value outside its range by no more than rounding is clamped
 * to the range (so that "CKA in [0, 1]" holds in every output, e.g. 1.0000001 becomes 1), a value
 * further outside, or NaN, is a bug and throws {@link IllegalStateException}. Two tolerances: metrics
 * built on float32 products (CKA, silhouettes) round at about {@code 1e-7} per product, those
 * computed in double (counts, entropies) at about {@code 1e-15}.
 */
final class Bounds {
    /** Rounding allowed to metrics built on float32 matrix products. */
    static final double FLOAT32 = 1e-5;
    /** Rounding allowed to metrics computed in double. */
    static final double FLOAT64 = 1e-9;

    private Bounds() {
    }

    /**
     * @param metric the metric's name, for the message
     * @param value the computed value
     * @param low the least value in exact arithmetic
     * @param high the greatest value in exact arithmetic
     * @param tolerance the rounding allowed beyond either end
     * @return {@code value} clamped to {@code [low, high]}
     * @throws IllegalStateException when the value is NaN or outside by more than {@code tolerance}
     */
    static double clamp(String metric, double value, double low, double high, double tolerance) {
        if (!(value >= low - tolerance && value <= high + tolerance)) {
            throw new IllegalStateException(metric + " = " + value + " lies outside [" + low + ", " + high
                    + "] by more than rounding (" + tolerance + "): a bug in its computation");
        }
        return Math.max(low, Math.min(high, value));
    }
}
