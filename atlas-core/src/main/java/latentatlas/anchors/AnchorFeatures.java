package latentatlas.anchors;

import latentatlas.space.LatentSpace;

/**
 * The input features of candidate anchors, looked up by id: the pixels of an image dataset, the
 * cached encoder vectors of a text dataset, or the vectors of a user's reference space. Only the
 * strategies that measure distances ({@link AnchorStrategy#needsFeatures()}) read them.
 */
@FunctionalInterface
public interface AnchorFeatures {
    /**
     * @param ids candidate ids
     * @return their feature vectors, one row per id in the given order
     * @throws latentatlas.InvalidInputException when an id has no features
     */
    LatentSpace rows(long[] ids);

    /** @return features taken from {@code space} (its rows selected by id) */
    static AnchorFeatures of(LatentSpace space) {
        return ids -> space.select("anchor features", ids);
    }
}
