package latentatlas.evaluation;

import latentatlas.space.LatentSpace;

/**
 * One space of an experiment, on the training samples (where probes, centroids and neighbours are
 * fitted) and on the test samples (where they are measured).
 *
 * @param space the kind of space
 * @param membership the membership mode that chose the charts of each sample, or {@code null} for the
 *                   end-to-end spaces
 * @param train the training rows
 * @param test the test rows
 * @param trainSampleIds for spaces with several rows per sample (naive), the sample of each training
 *                       row; {@code null} when the training ids are the sample ids
 * @param testSampleIds the same for the test rows
 * @param routing for the rules that decide from predictions, how well they route the test samples;
 *                {@code null} for the oracle and the end-to-end spaces
 */
public record EvaluatedSpace(SpaceKind space, Membership membership, LatentSpace train, LatentSpace test,
                             long[] trainSampleIds, long[] testSampleIds, Routing routing) {
    /** @return the name used in tables and file names, e.g. {@code atlas [oracle]} */
    public String label() {
        return label(space, membership);
    }

    /**
     * @param kind a kind of space
     * @param membership its membership mode, or {@code null} for an end-to-end space
     * @return the name of such a space in tables and file names, e.g. {@code atlas [oracle]}
     */
    public static String label(SpaceKind kind, Membership membership) {
        return membership == null ? kind.externalName() : kind.externalName() + " [" + membership.name() + "]";
    }

    /** @return the membership mode's name, or {@code null} for the end-to-end spaces */
    public String membershipName() {
        return membership == null ? null : membership.name();
    }

    /** @return whether no label entered the construction of a test vector; {@code null} for the end-to-end spaces */
    public Boolean labelFree() {
        return membership == null ? null : membership.labelFree();
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
