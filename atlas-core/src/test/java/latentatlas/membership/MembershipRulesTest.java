package latentatlas.membership;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Hand-computed cases. Two charts share class 0; chart A also has class 1, chart B class 2. Samples:
 * s10 (A predicts 0, B predicts 0), s11 (A predicts its exclusive 1 at 0.9, B predicts 0),
 * s12 (A predicts 1 at 0.6, B predicts its exclusive 2 at 0.8).
 */
class MembershipRulesTest {
    private static final long[] IDS = {10, 11, 12};
    private static final ChartPredictions A = new ChartPredictions(new int[] {0, 1}, IDS,
            new float[] {0.7f, 0.3f, 0.1f, 0.9f, 0.4f, 0.6f});
    private static final ChartPredictions B = new ChartPredictions(new int[] {0, 2}, IDS,
            new float[] {0.95f, 0.05f, 0.5f, 0.5f, 0.2f, 0.8f});
    private static final List<ChartPredictions> BOTH = List.of(A, B);

    @Test
    void allChartsGiveEveryoneWeightOne() {
        assertArrayEquals(new double[] {1, 1, 1, 1, 1, 1}, new AllCharts().assign(BOTH).weights());
    }

    @Test
    void exclusiveClaimRoutesNovelPredictionsAndBreaksTiesByConfidence() {
        // s10: nobody claims -> both; s11: A claims (B's top is 0, a tie 0.5/0.5 resolved to the first column)
        // s12: A claims (0.6) and B claims (0.8) -> B
        assertArrayEquals(new double[] {1, 1, 1, 0, 0, 1}, new ExclusiveClaim().assign(BOTH).weights());
    }

    @Test
    void topOneMaxProbabilityPicksTheMostConfidentChart() {
        // confidences A: .7 .9 .6 ; B: .95 .5 .8
        assertArrayEquals(new double[] {0, 1, 1, 0, 0, 1},
                new TopConfidence(1, Confidence.MAX_PROBABILITY).assign(BOTH).weights());
        assertEquals("top1-maxprob", new TopConfidence(1, Confidence.MAX_PROBABILITY).name());
    }

    @Test
    void negativeEntropyIsOneMinusNormalisedEntropy() {
        double h = -(0.7 * Math.log(0.7) + 0.3 * Math.log(0.3));
        assertEquals(1 - h / Math.log(2), Confidence.NEGATIVE_ENTROPY.of(A, 0), 1e-6);
        assertEquals(0.0, Confidence.NEGATIVE_ENTROPY.of(B, 1), 1e-6);
    }

    @Test
    void confidenceWeightsArePowersOfConfidence() {
        double[] w = new ConfidenceWeighted(Confidence.MAX_PROBABILITY, 2).assign(BOTH).weights();
        assertArrayEquals(new double[] {0.49, 0.9025, 0.81, 0.25, 0.36, 0.64}, w, 1e-6);
    }

    @Test
    void oracleFollowsThePlan() {
        MembershipWeights w = new OracleMembership(List.of(Set.of(10L, 11L), Set.of(10L, 12L))).assign(BOTH);
        assertArrayEquals(new double[] {1, 1, 1, 0, 0, 1}, w.weights());
        assertEquals(2, w.coverage(0));
    }

    @Test
    void routingQualityCountsOwningCharts() {
        // labels: s10 class 0 (both own), s11 class 2 (only B owns), s12 class 2
        MembershipWeights w = new TopConfidence(1, Confidence.MAX_PROBABILITY).assign(BOTH);
        double[] q = RoutingQuality.of(w, List.of(A.classes(), B.classes()), new int[] {0, 2, 2});
        assertArrayEquals(new double[] {2.0 / 3, 2.0 / 3}, q, 1e-12);
    }

    @Test
    void aSampleWithoutChartIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> new OracleMembership(List.of(Set.of(10L), Set.of(10L))).assign(BOTH));
    }
}
