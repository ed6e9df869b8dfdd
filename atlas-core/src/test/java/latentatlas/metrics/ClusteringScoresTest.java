package latentatlas.metrics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Homogeneity, completeness, V-measure, MI, NMI, AMI against scikit-learn (metrics.py), to 1e-9 absolute. */
class ClusteringScoresTest {
    private final int[] truth = MetricsFixture.labels("clu_truth");

    private static void check(String key, ClusteringScores s) {
        double[] got = {s.homogeneity(), s.completeness(), s.vMeasure(), s.mutualInformation(),
            s.normalizedMutualInformation(), s.adjustedMutualInformation()};
        String[] names = {"homogeneity", "completeness", "V", "MI", "NMI", "AMI"};
        for (int i = 0; i < got.length; i++) {
            assertEquals(MetricsFixture.expected(key).get(i).asDouble(), got[i], 1e-9, key + " " + names[i]);
        }
    }

    @Test
    void noisyClusteringMatchesSklearn() {
        check("clustering_scores", ClusteringScores.of(truth, MetricsFixture.labels("clu_pred")));
    }

    @Test
    void identicalLabelingsMatchSklearn() {
        check("clustering_scores_identical", ClusteringScores.of(truth, truth));
    }

    @Test
    void singleClusterMatchesSklearn() {
        check("clustering_scores_one_cluster", ClusteringScores.of(truth, new int[truth.length]));
    }
}
