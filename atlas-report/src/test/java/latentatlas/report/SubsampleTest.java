package latentatlas.report;

import latentatlas.space.LatentSpace;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class SubsampleTest {
    private static LatentSpace space(long[] ids) {
        int[] labels = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            labels[i] = (int) (ids[i] % 3);
        }
        return LatentSpace.of("s", ids, new float[ids.length], 1, labels);
    }

    private static long[] chosenIds(LatentSpace s, int[] rows) {
        return Arrays.stream(rows).mapToLong(s::id).sorted().toArray();
    }

    @Test
    void theSameIdsAreChosenWhateverTheRowOrder() {
        long[] ids = new long[500];
        Arrays.setAll(ids, i -> 10L * i);
        long[] reversed = new long[ids.length];
        Arrays.setAll(reversed, i -> ids[ids.length - 1 - i]);
        LatentSpace a = space(ids);
        LatentSpace b = space(reversed);
        int[] rowsA = Subsample.rows(a, 60, 42);
        int[] rowsB = Subsample.rows(b, 60, 42);
        assertEquals(60, rowsA.length);
        assertArrayEquals(chosenIds(a, rowsA), chosenIds(b, rowsB));
        assertNotEquals(Arrays.toString(chosenIds(a, rowsA)), Arrays.toString(chosenIds(a, Subsample.rows(a, 60, 43))));
        assertEquals(500, Subsample.rows(a, 1000, 42).length, "a small space is drawn whole");
    }

    @Test
    void byLabelSortsByLabelThenId() {
        LatentSpace s = space(new long[] {5, 3, 4, 9, 1});
        int[] sorted = Subsample.byLabel(s, new int[] {0, 1, 2, 3, 4});
        // labels: 5->2, 3->0, 4->1, 9->0, 1->1
        assertArrayEquals(new long[] {3, 9, 1, 4, 5}, Arrays.stream(sorted).mapToLong(s::id).toArray());
    }
}
