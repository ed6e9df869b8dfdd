package latentatlas.compute;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StagedRowsTest {
    private static final float[] DATA = {0, 1, 2, 10, 11, 12, 20, 21, 22, 30, 31, 32};

    @Test
    void eachLoadHoldsTheRowsAskedForInTheReusedBuffer() {
        StagedRows staged = new StagedRows(3, 3);
        try (NDManager manager = NDManager.newBaseManager()) {
            try (NDManager scope = manager.newSubManager()) {
                assertArrayEquals(new float[] {10, 11, 12, 20, 21, 22, 30, 31, 32},
                        staged.load(scope, DATA, 1, 3).toFloatArray());
            }
            try (NDManager scope = manager.newSubManager()) {
                var rows = staged.load(scope, DATA, 0, 2);
                assertEquals(new Shape(2, 3), rows.getShape());
                assertArrayEquals(new float[] {0, 1, 2, 10, 11, 12}, rows.toFloatArray());
                assertArrayEquals(new float[] {-1, 0, 1, 9, 10, 11}, rows.subi(1f).toFloatArray());
            }
            assertThrows(IllegalArgumentException.class, () -> staged.load(manager, DATA, 0, 4));
        }
        assertThrows(IllegalArgumentException.class, () -> new StagedRows(0, 3));
    }
}
