package latentatlas.compute;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** IdIndex against a boxed {@code HashMap}: rows in order of first appearance, through many growths. */
class IdIndexTest {
    @Test
    void rowsAreTheOrderOfFirstAppearanceAsAHashMapNumbersThem() {
        SplittableRandom random = new SplittableRandom(7);
        IdIndex index = new IdIndex(1); // grows from 32 slots to 2^18
        Map<Long, Integer> reference = new HashMap<>();
        long[] edges = {0, -1, 1, Long.MIN_VALUE, Long.MAX_VALUE, 1L << 32, -(1L << 32), 0xFFFFFFFFL};
        for (int i = 0; i < 200_000; i++) {
            // edge ids, small ids (many repeated), sequential ids and ids sharing their low half
            long id = switch (i % 4) {
                case 0 -> edges[random.nextInt(edges.length)];
                case 1 -> random.nextInt(50_000);
                case 2 -> i;
                default -> ((long) random.nextInt(1000) << 32) | 5;
            };
            int expected = reference.computeIfAbsent(id, k -> reference.size());
            assertEquals(expected, index.addIfAbsent(id), "id " + id);
        }
        assertEquals(reference.size(), index.size());
        long[] byRow = new long[reference.size()];
        reference.forEach((id, row) -> byRow[row] = id);
        assertArrayEquals(byRow, index.ids());
        for (long id : byRow) {
            assertEquals(reference.get(id), index.get(id));
        }
        assertEquals(-1, index.get(-2));
        assertEquals(-1, index.get(7L << 32));
    }
}
