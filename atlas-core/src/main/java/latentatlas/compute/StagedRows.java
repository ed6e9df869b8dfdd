package latentatlas.compute;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A reusable native staging area for row blocks of one width: {@link #load} copies rows of a row-major
 * heap array into one direct buffer (a single bulk copy) and wraps that buffer as an NDArray, which the
 * PyTorch engine does without a second copy. Unlike {@link Blocks#rows}, no native memory is allocated
 * (nor zeroed) per block. The array returned by {@link #load} shares the buffer: close it (its scope)
 * before the next {@code load}, which overwrites the values.
 */
public final class StagedRows {
    private final ByteBuffer buffer;
    private final int width;
    private final int capacityRows;

    /**
     * @param capacityRows the most rows one block holds
     * @param width the row width
     */
    public StagedRows(int capacityRows, int width) {
        if (capacityRows < 1 || width < 1 || (long) capacityRows * width > Integer.MAX_VALUE / Float.BYTES) {
            throw new IllegalArgumentException("staging area of " + capacityRows + " x " + width
                    + " floats: expected 1..2^29 values in all");
        }
        this.buffer = ByteBuffer.allocateDirect(capacityRows * width * Float.BYTES).order(ByteOrder.nativeOrder());
        this.width = width;
        this.capacityRows = capacityRows;
    }

    /**
     * @param scope owns the returned array (close it before the next load)
     * @param data row-major values of width {@code width}
     * @param firstRow the first row to copy
     * @param rows the number of rows, at most the capacity
     * @return a {@code rows x width} float32 array over the staging buffer
     */
    public NDArray load(NDManager scope, float[] data, int firstRow, int rows) {
        if (rows < 1 || rows > capacityRows) {
            throw new IllegalArgumentException("expected 1.." + capacityRows + " rows, found " + rows);
        }
        int size = rows * width;
        ByteBuffer view = buffer.slice(0, size * Float.BYTES).order(ByteOrder.nativeOrder());
        view.asFloatBuffer().put(data, firstRow * width, size);
        return scope.create(view, new Shape(rows, width), DataType.FLOAT32);
    }
}
