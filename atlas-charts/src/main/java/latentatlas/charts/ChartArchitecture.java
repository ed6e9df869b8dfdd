package latentatlas.charts;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import latentatlas.dataset.Samples;

/**
 * A {@link NetworkArchitecture} whose inputs come from dataset {@link Samples}: the architecture of
 * a chart. It knows how to turn samples into one raw tensor (all samples at once: the trainer slices
 * batches out of it).
 */
public interface ChartArchitecture extends NetworkArchitecture {
    /**
     * @param manager owns the result
     * @param samples the samples, in order
     * @return one raw tensor {@code n x sampleShape} (uint8 pixels, or float vectors)
     */
    NDArray inputs(NDManager manager, Samples samples);

    /** Fits an architecture to a task's training samples (e.g. computes the input normalisation). */
    interface Factory {
        /** @return the architecture's name, recorded in the configuration hash */
        String name();

        /**
         * @param trainSamples the task's training samples (validation excluded)
         * @return the fitted architecture
         */
        ChartArchitecture fit(Samples trainSamples);
    }
}
