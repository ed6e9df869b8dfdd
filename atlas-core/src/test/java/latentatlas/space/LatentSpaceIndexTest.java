package latentatlas.space;

import latentatlas.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The id-to-row index of {@link LatentSpace} against a {@code HashMap} on ids that stress a hash table. */
class LatentSpaceIndexTest {
    @Test
    void rowOfEqualsAHashMapOnSequentialStridedExtremeAndRandomIds() {
        SplittableRandom random = new SplittableRandom(7);
        long[][] cases = new long[4][];
        cases[0] = new long[5000]; // 0..n-1, the usual
        cases[1] = new long[5000]; // a stride of 2^32: equal low bits
        cases[2] = new long[] {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1, 1};
        cases[3] = new long[5000];
        for (int i = 0; i < 5000; i++) {
            cases[0][i] = i;
            cases[1][i] = (long) i << 32;
            cases[3][i] = random.nextLong();
        }
        for (long[] ids : cases) {
            LatentSpace space = LatentSpace.of("s", ids.clone(), new float[ids.length], 1, null);
            Map<Long, Integer> reference = new HashMap<>();
            for (int i = 0; i < ids.length; i++) {
                reference.put(ids[i], i);
            }
            for (long id : ids) {
                assertEquals(reference.get(id), space.rowOf(id));
                assertTrue(space.contains(id));
            }
            for (int probe = 0; probe < 2000; probe++) {
                long id = random.nextLong();
                assertEquals(reference.getOrDefault(id, -1), space.rowOf(id));
                assertEquals(reference.containsKey(id), space.contains(id));
            }
            assertFalse(ids.length == 5000 && space.contains(ids[0] + (ids[1] - ids[0]) * 5000L));
        }
    }

    @Test
    void aDuplicateIdIsNamedWithBothRows() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> LatentSpace.of("vectors.npy", new long[] {4, 9, 2, 9}, new float[4], 1, null));
        assertEquals("vectors.npy: id 9 appears twice (rows 1 and 3): ids must be unique", e.getMessage());
    }

    @Test
    void selectionsAndRelabelledSpacesFindTheirRows() {
        LatentSpace space = LatentSpace.of("s", new long[] {10, 20, 30}, new float[] {1, 2, 3}, 1, new int[] {0, 1, 0});
        LatentSpace sub = space.select("sub", new long[] {30, 10});
        assertEquals(0, sub.rowOf(30));
        assertEquals(1, sub.rowOf(10));
        assertEquals(-1, sub.rowOf(20));
        assertEquals(2, space.withLabels(null).rowOf(30));
    }
}
