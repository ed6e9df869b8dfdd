package latentatlas.metrics;

import latentatlas.InvalidInputException;
import latentatlas.space.LatentSpace;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * k-NN Jaccard and counterpart MRR against numpy (metrics.py). Both are ratios of counts, exact when no
 * neighbour order is a near tie (the fixture guarantees gaps above 1e-4), so the tolerance is 1e-12.
 */
class NeighbourhoodAgreementTest {
    private final LatentSpace a = MetricsFixture.spaceWithIds("na_a", "na_ids");

    @Test
    void rotatedSpaceInAnotherRowOrderIsJoinedById() {
        LatentSpace b = MetricsFixture.spaceWithIds("na_b_perm", "na_ids_perm");
        NeighbourhoodAgreement agreement = NeighbourhoodAgreement.of(a, b, 5);
        assertEquals(MetricsFixture.number("na_jaccard_ab_k5"), agreement.jaccard(), 1e-12);
    }

    @Test
    void sameCoordinatesGiveJaccardAndMrr() {
        LatentSpace d = MetricsFixture.spaceWithIds("na_d", "na_ids");
        NeighbourhoodAgreement agreement = NeighbourhoodAgreement.of(a, d, 5);
        assertEquals(MetricsFixture.number("na_jaccard_ad_k5"), agreement.jaccard(), 1e-12);
        assertEquals(MetricsFixture.number("na_mrr_ad"), agreement.meanReciprocalRank().orElseThrow(), 1e-12);
        assertEquals(1.0, NeighbourhoodAgreement.meanReciprocalRank(a, a), 1e-12);
    }

    @Test
    void differentWidthsGiveJaccardOnly() {
        LatentSpace c = MetricsFixture.spaceWithIds("na_c", "na_ids");
        NeighbourhoodAgreement agreement = NeighbourhoodAgreement.of(a, c, 5);
        assertEquals(MetricsFixture.number("na_jaccard_ac_k5"), agreement.jaccard(), 1e-12);
        assertTrue(agreement.meanReciprocalRank().isEmpty());
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> NeighbourhoodAgreement.meanReciprocalRank(a, c));
        assertTrue(e.getMessage().contains("widths 12 and 6 differ"), e.getMessage());
    }
}
