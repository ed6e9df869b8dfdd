package latentatlas.relative;

/**
 * The similarity between a (normalized) sample {@code x} and an anchor {@code a}; larger means more
 * similar for every choice.
 */
public enum Similarity {
    /** {@code cos(x, a) = x . a / (||x|| ||a||)} in [-1, 1], the paper's choice. A zero vector is an error. */
    COSINE(true, false),
    /**
     * {@code 1 - arccos(cos(x, a)) / pi} in [0, 1]: the angle rescaled so that 1 is the same direction
     * and 0 the opposite one. The cosine of two unit vectors can exceed 1 by rounding only; it is clamped
     * to [-1, 1] before the arccos. A zero vector is an error.
     */
    ANGULAR(true, true),
    /**
     * {@code -||x - a||_2}, the negative Euclidean distance (not the inverse distance, which is unbounded
     * at 0): in the units of the absolute space, so it is rotation and translation invariant but not
     * scale invariant. Computed as {@code -sqrt(max(0, ||x||^2 + ||a||^2 - 2 x . a))}.
     */
    EUCLIDEAN(false, true),
    /** {@code -||x - a||_1}, the negative Manhattan distance (translation invariant only). */
    L1(false, false);

    private final boolean directional;
    private final boolean wide;

    Similarity(boolean directional, boolean wide) {
        this.directional = directional;
        this.wide = wide;
    }

    /**
     * @return whether the products run in float64: ANGULAR and EUCLIDEAN end in a function (arccos,
     *     square root) whose slope is unbounded where the float32 product cancels (same direction, same
     *     point), so float32 rounding of 1e-7 would become an error of 1e-4
     */
    public boolean wide() {
        return wide;
    }

    /** @return whether the similarity depends on directions only, so that a zero vector is undefined */
    public boolean directional() {
        return directional;
    }
}
