package latentatlas.evaluation;

import latentatlas.space.LatentSpace;

import java.util.Map;

/**
 * One space of an experiment, on the training samples (where probes, centroids and neighbours are
 * fitted) and on the test samples (where they are measured).
 *
 * @param space {@code end-to-end-abs}, {@code end-to-end-rel}, {@code atlas}, {@code naive} or
 *              {@code abs+task-onehot}, {@code abs+task-embedding}
 * @param membership the membership rule that chose the charts of each sample, or {@code null} for the
 *                   end-to-end spaces
 * @param labelFree whether no label entered the construction of a test vector
 * @param train the training rows
 * @param test the test rows
 * @param trainSampleIds for spaces with several rows per sample (naive), the sample of each training
 *                       row; {@code null} when the training ids are the sample ids
 * @param testSampleIds the same for the test rows
 * @param routing for label-free rules, how often the chosen charts include one that owns the class
 *                ({@code recall}, {@code top1}) and the mean number of charts per sample ({@code charts})
 */
public record EvaluatedSpace(String space, String membership, Boolean labelFree, LatentSpace train, LatentSpace test,
                             long[] trainSampleIds, long[] testSampleIds, Map<String, Double> routing) {
    /** @return the name used in tables and file names, e.g. {@code atlas [oracle]} */
    public String label() {
        return membership == null ? space : space + " [" + membership + "]";
    }

    /** @return the sample of every training row */
    public long[] trainSamples() {
        return trainSampleIds == null ? train.ids() : trainSampleIds;
    }

    /** @return the test rows keyed by sample id, or {@code null} when a sample has several rows */
    public LatentSpace testBySample() {
        if (testSampleIds == null) {
            return test;
        }
        if (java.util.Arrays.stream(testSampleIds).distinct().count() != testSampleIds.length) {
            return null;
        }
        return LatentSpace.of(label(), testSampleIds.clone(), test.rawVectors(), test.dim(), test.labels());
    }
}
