package latentatlas.experiment;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mean and sample standard deviation, checked by hand; the 95% t-intervals against scipy 1.10
 * ({@code m +- stats.t.ppf(0.975, n - 1) * v.std(ddof=1) / sqrt(n)}), to 1e-9 (the accuracy of commons-math3's inverse t distribution).
 */
class SeedSummaryTest {
    @Test
    void meanAndSampleStandardDeviation() {
        double[] m = SeedSummary.meanAndSd(new double[] {1, 2, 3, 4});
        assertEquals(2.5, m[0], 1e-15);
        // sum of squares 2.25 + 0.25 + 0.25 + 2.25 = 5, over n - 1 = 3
        assertEquals(Math.sqrt(5.0 / 3.0), m[1], 1e-15);
        assertTrue(Double.isNaN(SeedSummary.meanAndSd(new double[] {0.9})[1]), "one seed has no spread");
    }

    @Test
    void tIntervalsMatchScipy() {
        assertEquals(3.182446305284263, SeedSummary.tQuantile(4), 1e-9);
        assertEquals(4.302652729911275, SeedSummary.tQuantile(3), 1e-9);
        assertEquals(12.706204736432095, SeedSummary.tQuantile(2), 1e-9);
        assertArrayEquals(new double[] {2.5, 0.445739743239121, 4.5542602567608785},
                SeedSummary.tInterval(new double[] {1, 2, 3, 4}), 1e-9);
        assertArrayEquals(new double[] {0.063, 0.03478561923218664, 0.09121438076781335},
                SeedSummary.tInterval(new double[] {0.068, 0.071, 0.05}), 1e-9);
        assertArrayEquals(new double[] {-0.005, -0.19559307104648144, 0.18559307104648143},
                SeedSummary.tInterval(new double[] {0.01, -0.02}), 1e-9);
        double[] one = SeedSummary.tInterval(new double[] {0.9});
        assertEquals(0.9, one[0], 0);
        assertTrue(Double.isNaN(one[1]) && Double.isNaN(one[2]), "no interval from one seed");
    }
}
