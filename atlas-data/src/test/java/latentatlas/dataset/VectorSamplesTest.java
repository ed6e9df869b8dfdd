package latentatlas.dataset;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Feature-vector samples: kind, selection by id, and validation of their shape and values. */
class VectorSamplesTest {
    /** Three 2-d vectors: row r is (10 r, 10 r + 1). */
    private static Samples three() {
        return Samples.vectors(new long[] {7, 8, 9}, new int[] {2, 0, 1}, 2, new float[] {0, 1, 10, 11, 20, 21});
    }

    @Test
    void isOnlyVectors() {
        Samples s = three();
        assertTrue(s.isVectors());
        assertFalse(s.isImages());
        assertFalse(s.isTexts());
        assertNull(s.texts());
        assertNull(s.pixels());
        assertEquals(2, s.dim());
        assertEquals(3, s.size());
        assertEquals("2-d vectors", s.kind());
        assertEquals("1x2x3 images", Samples.images(new long[] {1}, new int[] {0}, new ImageShape(1, 2, 3), new byte[6]).kind());
        assertEquals(0, Samples.texts(new long[] {1}, new int[] {0}, new String[] {"a"}).dim());
    }

    @Test
    void selectCopiesTheRowsOfTheWantedIds() {
        Samples s = three();
        assertEquals(2, s.rowOf(9));
        assertEquals(-1, s.rowOf(3));
        Samples sub = s.select(new long[] {9, 7});
        assertArrayEquals(new long[] {9, 7}, sub.ids());
        assertArrayEquals(new int[] {1, 2}, sub.labels());
        assertEquals(2, sub.dim());
        assertArrayEquals(new float[] {20, 21, 0, 1}, sub.vectors());
        assertEquals(0, sub.rowOf(9));
        assertThrows(IllegalArgumentException.class, () -> s.select(new long[] {5}));
    }

    @Test
    void rejectsWrongLengthsAndNonFiniteValues() {
        assertThrows(IllegalArgumentException.class,
                () -> Samples.vectors(new long[] {1, 2}, new int[] {0, 0}, 2, new float[3]));
        assertThrows(IllegalArgumentException.class,
                () -> Samples.vectors(new long[] {1}, new int[] {0}, 0, new float[0]));
        assertThrows(IllegalArgumentException.class,
                () -> Samples.vectors(new long[] {1}, new int[] {0, 1}, 1, new float[1]));
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> Samples.vectors(new long[] {1, 2}, new int[] {0, 0}, 2, new float[] {0, 0, 0, Float.NaN}));
        assertEquals("vector row 1 has the non-finite value NaN at column 1", nan.getMessage());
    }
}
