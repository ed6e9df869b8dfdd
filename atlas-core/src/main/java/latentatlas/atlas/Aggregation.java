package latentatlas.atlas;

import latentatlas.InvalidInputException;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How the vectors of one sample id, one per chart that contains it, become its atlas vector
 * (docs/method.md §2 and §9). Every rule first gives chart {@code t}'s row of {@code x} in the atlas'
 * coordinates, {@code v_t(x)}, then merges: the (weighted) mean
 * {@code atlas(x) = sum_t w_t(x) v_t(x) / sum_t w_t(x)} over the charts containing x, except
 * {@link #FIRST}. Each rule is label-free: it reads the charts' embeddings of the anchors and of the
 * samples, never a label, so the atlas is label-free whenever the membership (the weights, or which
 * charts hold an id) is.
 *
 * <p>The command line spells them as {@link #toString()} does: {@code mean}, {@code first},
 * {@code shifted-mean}, {@code procrustes}, {@code lstsq}.
 */
public enum Aggregation {
    /** {@code v_t(x) = rel_t(x)}, then the (weighted) mean: the paper's rule. Width: the anchors. */
    MEAN("mean"),
    /** The relative vector of the first chart (in the given order) that contains x: the reference's {@code single}. */
    FIRST("first"),
    /**
     * {@code v_t(x) = rel_t(x) + s_t}, then the (weighted) mean, where the per-chart shift
     * {@code s_t = mean over i in S of (mean_u rel_u(i) - rel_t(i))} is fitted on a set S of ids that every
     * chart embeds (the reference's correction of its {@code federated_learning} script; {@link Shifts}).
     * The shifts sum to 0 over the charts, so an id of S that every chart holds keeps its plain mean.
     * Width: the anchors.
     */
    SHIFTED_MEAN("shifted-mean"),
    /**
     * {@code v_t(x) = T_t(e_t(x))}: the chart's absolute row mapped into the reference chart's absolute
     * space by the orthogonal Procrustes map fitted on the anchors after centring and scaling
     * ({@link Translation#procrustes}), the reference's own map being the identity; then the mean.
     * Width: the reference chart's.
     */
    PROCRUSTES("procrustes"),
    /**
     * {@code v_t(x) = [e_t(x) 1] W_t}, the affine least-squares map fitted on the anchors
     * ({@link Translation#leastSquares}) into the reference chart's absolute space; then the mean.
     * Width: the reference chart's.
     */
    LSTSQ("lstsq");

    private final String external;

    Aggregation(String external) {
        this.external = external;
    }

    /** @return whether the atlas lives in a reference chart's absolute space ({@link #PROCRUSTES}, {@link #LSTSQ}) */
    public boolean translates() {
        return this == PROCRUSTES || this == LSTSQ;
    }

    /** @return whether rows are merged by the (weighted) mean (every rule but {@link #FIRST}) */
    public boolean averages() {
        return this != FIRST;
    }

    /** @return the name on the command line and in JSON, e.g. {@code shifted-mean} */
    @Override
    public String toString() {
        return external;
    }

    /**
     * @param name a rule's name as {@link #toString()} spells it (case-insensitive)
     * @return the rule
     * @throws InvalidInputException naming the input {@code aggregation} when there is no such rule
     */
    public static Aggregation parse(String name) {
        for (Aggregation a : values()) {
            if (a.external.equalsIgnoreCase(name.strip())) {
                return a;
            }
        }
        throw new InvalidInputException(List.of("aggregation"), "expected one of " + names()
                + ", found '" + name + "'");
    }

    /** @return the names, comma separated, in declaration order */
    public static String names() {
        return Arrays.stream(values()).map(Aggregation::toString).collect(Collectors.joining(", "));
    }
}
