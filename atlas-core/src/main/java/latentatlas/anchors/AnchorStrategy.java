package latentatlas.anchors;

import latentatlas.InvalidInputException;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The ways of choosing k anchors from a pool of candidate samples (docs/method.md §10); see
 * {@link AnchorSelection#select} for each one's rule.
 */
public enum AnchorStrategy {
    /** k candidates uniformly at random (the reference's and the default). */
    RANDOM,
    /** the same number of candidates from every class of the pool (differing by at most one). */
    STRATIFIED,
    /** k-means with k clusters on the features; each anchor the candidate nearest a centroid. */
    KMEANS,
    /** greedy farthest-point (max-min distance) from a seeded first candidate. */
    FARTHEST;

    /** The strategy of every plan that does not name one. */
    public static final AnchorStrategy DEFAULT = RANDOM;

    /** @return the name the command line, plans and results use: {@code random}, {@code stratified}, ... */
    public String externalName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return whether the strategy reads the candidates' features (k-means, farthest) */
    public boolean needsFeatures() {
        return this == KMEANS || this == FARTHEST;
    }

    /** @return whether the strategy reads the candidates' labels (stratified) */
    public boolean needsLabels() {
        return this == STRATIFIED;
    }

    /** @return every external name, in declaration order */
    public static List<String> names() {
        return Arrays.stream(values()).map(AnchorStrategy::externalName).toList();
    }

    /**
     * @param name an external name
     * @return the strategy
     * @throws InvalidInputException (input {@code anchorSelection}) for an unknown name
     */
    public static AnchorStrategy parse(String name) {
        for (AnchorStrategy s : values()) {
            if (s.externalName().equals(name)) {
                return s;
            }
        }
        throw new InvalidInputException(List.of("anchorSelection"), "anchor selection '" + name
                + "' is unknown; expected one of " + String.join(", ", names()));
    }

    @Override
    public String toString() {
        return externalName();
    }
}
