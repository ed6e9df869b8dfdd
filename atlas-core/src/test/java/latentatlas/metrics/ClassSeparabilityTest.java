package latentatlas.metrics;

import latentatlas.InvalidInputException;
import latentatlas.space.LatentSpace;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Separability against numpy (metrics.py), to 1e-9 relative: both sum in double from the same float32 inputs. */
class ClassSeparabilityTest {
    private final LatentSpace space = MetricsFixture.space("sep_x", "sep_y");

    @Test
    void allPairsMatchNumpy() {
        double want = MetricsFixture.number("separability_all");
        assertEquals(want, ClassSeparability.of(space, Set.of()), 1e-9 * want);
    }

    @Test
    void pairsWithAClassOfInterestMatchNumpy() {
        double want = MetricsFixture.number("separability_5_11");
        assertEquals(want, ClassSeparability.of(space, Set.of(5, 11)), 1e-9 * want);
        double seven = MetricsFixture.number("separability_7");
        assertEquals(seven, ClassSeparability.of(space, Set.of(7)), 1e-9 * seven);
    }

    @Test
    void twoPointsByHand() {
        // classes 0: (0,0),(2,0) spread 1; 1: (10,0),(10,4) spread 2; centroid distance sqrt(81 + 4)
        LatentSpace tiny = LatentSpace.of("tiny", new long[] {1, 2, 3, 4},
                new float[] {0, 0, 2, 0, 10, 0, 10, 4}, 2, new int[] {0, 0, 1, 1});
        assertEquals(Math.sqrt(85) / 1.5, ClassSeparability.of(tiny, Set.of()), 1e-12);
    }

    @Test
    void absentClassOfInterestIsAnInputError() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ClassSeparability.of(space, Set.of(3)));
        assertEquals("class of interest 3 has no sample; classes present: [2, 5, 7, 11]", e.getMessage());
    }
}
