package latentatlas.anchors;

import java.util.Arrays;

/**
 * The candidates anchors are chosen from: their ids, and, where a strategy needs them, their labels
 * and their features.
 *
 * @param ids candidate ids, distinct (any order: {@link AnchorSelection} sorts them first)
 * @param labels one class label per id (same order), or {@code null} when the candidates are unlabelled
 * @param features the candidates' input features, or {@code null} when there are none
 * @param name what the pool is called in error messages (e.g. {@code the 24000 training samples of the
 *     shared classes of fashion-mnist})
 */
public record AnchorPool(long[] ids, int[] labels, AnchorFeatures features, String name) {
    /** Checks that the labels match the ids. */
    public AnchorPool {
        if (labels != null && labels.length != ids.length) {
            throw new IllegalArgumentException(labels.length + " labels for " + ids.length + " candidate ids");
        }
        ids = ids.clone();
        labels = labels == null ? null : labels.clone();
    }

    /** @return the number of candidates */
    public int size() {
        return ids.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AnchorPool p && Arrays.equals(ids, p.ids) && Arrays.equals(labels, p.labels)
                && java.util.Objects.equals(features, p.features) && name.equals(p.name);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(ids) + Arrays.hashCode(labels);
    }

    @Override
    public String toString() {
        return "AnchorPool[" + name + ", " + ids.length + " candidates]";
    }
}
