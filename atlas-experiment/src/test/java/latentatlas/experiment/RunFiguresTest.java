package latentatlas.experiment;

import latentatlas.space.LatentSpace;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** Class prototypes, checked by hand. */
class RunFiguresTest {
    @Test
    void prototypesAreTheClassMeansInClassOrder() {
        LatentSpace s = LatentSpace.of("s", new long[] {5, 6, 7, 8},
                new float[] {1, 2, 3, 4, 10, 20, 5, 6}, 2, new int[] {3, 1, 3, 1});
        LatentSpace p = RunFigures.prototypes(s);
        assertArrayEquals(new long[] {1, 3}, p.ids());
        assertArrayEquals(new int[] {1, 3}, p.labels());
        assertArrayEquals(new float[] {4, 5, 5.5f, 11}, p.rawVectors());
    }
}
