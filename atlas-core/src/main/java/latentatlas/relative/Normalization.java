package latentatlas.relative;

/**
 * A per-column affine map of the absolute space, fitted on the anchors and applied to anchors and
 * samples alike before the similarity: {@code T(x)_j = (x_j - mu_j) / s_j}.
 */
public enum Normalization {
    /** {@code T(x) = x}. */
    NONE,
    /** {@code T(x) = x - mu}, mu the anchors' column means: makes every similarity translation invariant. */
    CENTER,
    /**
     * {@code T(x) = (x - mu) / sigma}, sigma the anchors' population standard deviation per column
     * (ddof 0); a column that is constant over the anchors keeps scale 1 (as scikit-learn's
     * StandardScaler does).
     */
    STANDARD
}
