package latentatlas.compute;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.nio.FloatBuffer;

/**
 * Row blocks: copies {@code n} rows of a row-major float array into an {@code n x d} NDArray and
 * copies results back into a row-major float array, one copy each way.
 */
public final class Blocks {
    /** Target number of floats in one block (64 MiB), which bounds native memory per block. */
    public static final int BLOCK_FLOATS = 16 << 20;
    /**
     * Target number of floats in the largest temporary of one block of streamed work (24 MiB), e.g. a
     * relative projection's or a neighbour search's block of results: below glibc malloc's largest mmap
     * threshold (32 MiB), so the engine's allocator hands a freed block's memory to the next block. Larger
     * temporaries are mapped afresh and returned to the kernel on every block, one page fault per 4 KiB
     * (a 64 MiB block: 16,384 faults). Measured on a cosine projection of 32,768 x 384 rows on 1,000
     * anchors (2 cores): 36,000-48,000 minor faults and 0.08 s of system time per call in 64 MiB
     * blocks, 2,500-5,000 and 0.01 s in 24 MiB blocks. Smaller blocks cost user time on two engine
     * threads (0.38 s per call in 64 MiB blocks, 0.44 s in 24, 0.51 s in 16, 0.69 s in 8).
     */
    public static final int STREAM_FLOATS = 6 << 20;

    private Blocks() {
    }

    /**
     * @param width the widest row a block holds (input or output width)
     * @return rows per block so that a block holds about {@link #BLOCK_FLOATS} values, at least 1
     */
    public static int rowsPerBlock(int width) {
        return Math.max(1, BLOCK_FLOATS / Math.max(1, width));
    }

    /**
     * @param manager owns the result
     * @param data row-major values
     * @param firstRow the first row to copy
     * @param n the number of rows
     * @param d the row width
     * @return an {@code n x d} float32 array
     */
    public static NDArray rows(NDManager manager, float[] data, int firstRow, int n, int d) {
        return manager.create(FloatBuffer.wrap(data, firstRow * d, n * d), new Shape(n, d));
    }

    /** @return a 1 x d float32 array of {@code values} (for broadcasting over rows) */
    public static NDArray row(NDManager manager, float[] values) {
        return manager.create(values, new Shape(1, values.length));
    }

    /**
     * Copies an NDArray (any shape, float32) into {@code out} starting at {@code offset}.
     *
     * @param array the values, in row-major order
     * @param out the destination
     * @param offset where the first value goes
     */
    public static void copyInto(NDArray array, float[] out, int offset) {
        int size = Math.toIntExact(array.size());
        array.toByteBuffer(true).asFloatBuffer().get(out, offset, size);
    }
}
