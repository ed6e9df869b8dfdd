package latentatlas.compute;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.util.ArrayList;
import java.util.List;

/**
 * A sum over row blocks of the products {@code L_b^T R_b} ({@code L_b}: m x r, {@code R_b}: m x c, float32),
 * kept in float64 native memory: each block's product is a float32 matrix product, added in double, so
 * rounding error grows with the block size, not with the total row count. For a Gram {@code X^T X}
 * ({@link #symmetric}) only the tiles on and above the diagonal are multiplied (about
 * {@code (k+1)/(2k)} of the work for {@code k} column tiles of at most {@value #TILE} columns) and the
 * lower triangle is mirrored when the sum is read. A block may come rescaled by a power of two
 * ({@link PowerOfTwo}, so that its float32 product neither overflows nor underflows); its product is
 * then multiplied back by the given factor in double before it is added.
 */
public final class GramSum {
    /** The widest column tile of a symmetric Gram (narrower tiles multiply below the engine's best rate). */
    static final int TILE = 512;

    private final int rows;
    private final int cols;
    private final boolean symmetric;
    private final List<Tile> tiles = new ArrayList<>();

    private record Tile(int rowStart, int rowEnd, int colStart, int colEnd, NDArray sum) {
    }

    private GramSum(NDManager manager, int rows, int cols, boolean symmetric) {
        this.rows = rows;
        this.cols = cols;
        this.symmetric = symmetric;
        if (symmetric) {
            int count = (cols + TILE - 1) / TILE;
            int width = (cols + count - 1) / count;
            for (int i = 0; i < cols; i += width) {
                for (int j = i; j < cols; j += width) {
                    int rowEnd = Math.min(cols, i + width);
                    int colEnd = Math.min(cols, j + width);
                    tiles.add(new Tile(i, rowEnd, j, colEnd,
                            manager.zeros(new Shape(rowEnd - i, colEnd - j), DataType.FLOAT64)));
                }
            }
        } else {
            tiles.add(new Tile(0, rows, 0, cols, manager.zeros(new Shape(rows, cols), DataType.FLOAT64)));
        }
    }

    /**
     * @param manager owns the running sums
     * @param width the width d of the blocks
     * @return an empty sum of {@code X_b^T X_b} (d x d)
     */
    public static GramSum symmetric(NDManager manager, int width) {
        return new GramSum(manager, width, width, true);
    }

    /**
     * @param manager owns the running sum
     * @param leftWidth the width r of the left blocks
     * @param rightWidth the width c of the right blocks
     * @return an empty sum of {@code L_b^T R_b} (r x c)
     */
    public static GramSum cross(NDManager manager, int leftWidth, int rightWidth) {
        return new GramSum(manager, leftWidth, rightWidth, false);
    }

    /** Adds {@code block^T block} (a symmetric sum). */
    public void add(NDArray block) {
        add(block, 1);
    }

    /**
     * Adds {@code factor * block^T block} (a symmetric sum), the factor applied in double.
     *
     * @param block a (rescaled) block
     * @param factor what undoes the rescaling of the product, e.g. {@code 2^(2e)} (a power of two keeps it exact)
     */
    public void add(NDArray block, double factor) {
        if (!symmetric) {
            throw new IllegalStateException("a cross product sum needs a left and a right block");
        }
        addProducts(block, block, factor);
    }

    /** Adds {@code left^T right} (a cross sum; the blocks hold the same rows). */
    public void add(NDArray left, NDArray right) {
        add(left, right, 1);
    }

    /**
     * Adds {@code factor * left^T right} (a cross sum; the blocks hold the same rows), the factor applied in double.
     *
     * @param left a (rescaled) block
     * @param right a (rescaled) block of the same rows
     * @param factor what undoes the rescaling of the product, e.g. {@code 2^(e_left + e_right)}
     */
    public void add(NDArray left, NDArray right, double factor) {
        if (symmetric) {
            throw new IllegalStateException("a symmetric Gram sum takes one block");
        }
        addProducts(left, right, factor);
    }

    private void addProducts(NDArray left, NDArray right, double factor) {
        for (Tile tile : tiles) {
            NDArray l = columns(left, tile.rowStart, tile.rowEnd, rows);
            NDArray r = columns(right, tile.colStart, tile.colEnd, cols);
            try (NDArray product = l.transpose().matMul(r)) {
                if (factor == 1) {
                    tile.sum.addi(product);
                } else {
                    try (NDArray wide = product.toType(DataType.FLOAT64, true)) {
                        tile.sum.addi(wide.muli(factor));
                    }
                }
            }
        }
    }

    /** @return the columns {@code start .. end-1} of a block, as a view where they are not all of it */
    private static NDArray columns(NDArray block, int start, int end, int width) {
        return start == 0 && end == width ? block : block.get(new NDIndex(":, {}:{}", start, end));
    }

    /**
     * Adds the sum into a row-major {@code r x c} array of doubles (a symmetric sum fills both triangles).
     *
     * @param into the destination, of length r * c
     */
    public void addTo(double[] into) {
        for (Tile tile : tiles) {
            double[] values = tile.sum.toDoubleArray();
            int width = tile.colEnd - tile.colStart;
            boolean mirror = symmetric && tile.rowStart != tile.colStart;
            for (int i = tile.rowStart; i < tile.rowEnd; i++) {
                for (int j = tile.colStart; j < tile.colEnd; j++) {
                    double v = values[(i - tile.rowStart) * width + (j - tile.colStart)];
                    into[i * cols + j] += v;
                    if (mirror) {
                        into[j * cols + i] += v;
                    }
                }
            }
        }
    }
}
