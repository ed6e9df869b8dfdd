package latentatlas.charts;

import ai.djl.ndarray.NDArray;

import java.util.SplittableRandom;

/** A random transformation of a prepared training batch (applied to training batches only). */
@FunctionalInterface
public interface Augmentation {
    /** No augmentation. */
    Augmentation NONE = (batch, random) -> batch;

    /**
     * @param batch a prepared batch (its manager owns the result)
     * @param random the trainer's seeded generator
     * @return the transformed batch, same shape
     */
    NDArray apply(NDArray batch, SplittableRandom random);
}
