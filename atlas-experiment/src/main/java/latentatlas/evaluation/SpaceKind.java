package latentatlas.evaluation;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import latentatlas.InvalidInputException;
import latentatlas.atlas.Aggregation;

import java.util.Arrays;

/**
 * The kinds of space an experiment evaluates (docs/method.md §5), each with the external name that
 * {@code results.json}, the tables and the figures spell. {@link #parse} is the one place that reads a
 * name.
 */
public enum SpaceKind {
    /** The end-to-end model's absolute embeddings. */
    END_TO_END_ABS("end-to-end-abs"),
    /** The end-to-end model's relative embeddings (cosine to its embedded anchors). */
    END_TO_END_REL("end-to-end-rel"),
    /** The atlas: {@code atlas(x) = sum_t w_t(x) rel_t(x) / sum_t w_t(x)} ({@link Aggregation#MEAN}, the paper's). */
    ATLAS("atlas"),
    /**
     * The atlas of the shifted relative vectors, {@code sum_t w_t(x) (rel_t(x) + s_t) / sum_t w_t(x)}, each
     * chart's shift fitted on the training samples the membership gives to every chart
     * ({@link Aggregation#SHIFTED_MEAN}).
     */
    ATLAS_SHIFTED_MEAN("atlas-shifted-mean"),
    /**
     * The mean of the charts' absolute rows mapped into the first chart's absolute space by the orthogonal
     * Procrustes map fitted on the anchors ({@link Aggregation#PROCRUSTES}).
     */
    ATLAS_PROCRUSTES("atlas-procrustes"),
    /** The same with the affine least-squares map fitted on the anchors ({@link Aggregation#LSTSQ}). */
    ATLAS_LSTSQ("atlas-lstsq"),
    /** The naive union of the member charts' absolute rows (one row per member chart and sample). */
    NAIVE("naive"),
    /** Disjoint setting: {@code [e_t*(x), onehot(t*)]}, the absolute embedding of the sample's chart and its task id. */
    TASK_ONE_HOT("abs+task-onehot"),
    /** Disjoint setting: the absolute embedding of the sample's chart and a learned task embedding. */
    TASK_EMBEDDING("abs+task-embedding");

    private final String externalName;

    SpaceKind(String externalName) {
        this.externalName = externalName;
    }

    /** @return the name results use, e.g. {@code end-to-end-abs} */
    @JsonValue
    public String externalName() {
        return externalName;
    }

    /** @return whether this is one of the end-to-end model's spaces */
    public boolean endToEnd() {
        return this == END_TO_END_ABS || this == END_TO_END_REL;
    }

    /** @return whether this is an atlas, under any aggregation */
    public boolean atlas() {
        return aggregation() != null;
    }

    /** @return the aggregation of an atlas kind, or {@code null} for the other kinds */
    public Aggregation aggregation() {
        return switch (this) {
            case ATLAS -> Aggregation.MEAN;
            case ATLAS_SHIFTED_MEAN -> Aggregation.SHIFTED_MEAN;
            case ATLAS_PROCRUSTES -> Aggregation.PROCRUSTES;
            case ATLAS_LSTSQ -> Aggregation.LSTSQ;
            default -> null;
        };
    }

    /**
     * @param aggregation an aggregation that averages ({@link Aggregation#FIRST} has no membership weights)
     * @return the kind of the atlas it builds
     * @throws IllegalArgumentException for {@link Aggregation#FIRST}
     */
    public static SpaceKind atlasOf(Aggregation aggregation) {
        for (SpaceKind k : values()) {
            if (k.aggregation() == aggregation) {
                return k;
            }
        }
        throw new IllegalArgumentException("no atlas space of aggregation " + aggregation);
    }

    /** @return {@link #externalName()}, so that labels and messages read as before */
    @Override
    public String toString() {
        return externalName;
    }

    /**
     * @param name an external name
     * @return its kind
     * @throws InvalidInputException naming the expected names and the one found
     */
    @JsonCreator
    public static SpaceKind parse(String name) {
        for (SpaceKind k : values()) {
            if (k.externalName.equals(name)) {
                return k;
            }
        }
        throw new InvalidInputException("space kind '" + name + "' is unknown; expected one of "
                + Arrays.stream(values()).map(SpaceKind::externalName).toList());
    }
}
