package latentatlas.atlas;

/** How the relative vectors of one sample id, one per chart that contains it, become its atlas vector. */
public enum Aggregation {
    /** The (weighted) mean {@code sum_t w_t rel_t(x) / sum_t w_t} over the charts containing x: the paper's rule. */
    MEAN,
    /** The vector of the first chart (in the given order) that contains x: the reference's {@code single}. */
    FIRST
}
