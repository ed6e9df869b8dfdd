package latentatlas.experiment;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Mean and sample standard deviation, checked by hand. */
class SeedSummaryTest {
    @Test
    void meanAndSampleStandardDeviation() {
        double[] m = SeedSummary.meanAndSd(new double[] {1, 2, 3, 4});
        assertEquals(2.5, m[0], 1e-15);
        // sum of squares 2.25 + 0.25 + 0.25 + 2.25 = 5, over n - 1 = 3
        assertEquals(Math.sqrt(5.0 / 3.0), m[1], 1e-15);
        assertTrue(Double.isNaN(SeedSummary.meanAndSd(new double[] {0.9})[1]), "one seed has no spread");
    }
}
