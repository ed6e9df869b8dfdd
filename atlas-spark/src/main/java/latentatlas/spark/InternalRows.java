package latentatlas.spark;

import latentatlas.InvalidInputException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;

/**
 * The rows of a checked table as Spark's internal rows, for the partition functions of the jobs.
 *
 * <p>Why not a bean encoder: Spark decodes an {@code array<float>} column whose elements may be null
 * (every table read from Parquet says so, checked or not) element by element into a {@code float[]}
 * ({@code MapObjects}), which was the largest part of a merge task once the column checks were
 * compiled. Internal rows hand the partition the array as stored ({@link ArrayData}), and
 * {@link #copyVector} copies it straight into the block the partition builds: one pass, no object per row.
 *
 * <p>The internal rows of a plan with a shuffle are planned by Spark's adaptive execution, which runs
 * the shuffle's map side when {@link #of} is called; the partitions run when the result is used.
 */
final class InternalRows {
    private InternalRows() {
    }

    /**
     * @param table a table whose column order and types the caller fixed (a {@code select} of cast columns)
     * @return its rows as internal rows (reused by Spark between rows: copy what you keep)
     */
    static JavaRDD<InternalRow> of(Dataset<Row> table) {
        return table.queryExecution().toRdd().toJavaRDD();
    }

    /**
     * Copies a vector, whose width the caller checked, into {@code into} at {@code offset}, checking its
     * elements on the way: each one neither null nor NaN nor infinite (a float32 infinity, or a float64
     * beyond float32 cast to one).
     *
     * @param vector a float array of a row
     * @param into the destination, with room for {@code vector.numElements()} values from {@code offset}
     * @param offset where the first element goes
     * @return {@code null} when every element is a finite float32, else what is wrong with the vector
     *     ({@link AtlasTables#NULL_ELEMENT}, {@link AtlasTables#NAN} or {@link AtlasTables#BEYOND_FLOAT32}),
     *     for the caller to refuse naming the row
     */
    static String copyVector(ArrayData vector, float[] into, int offset) {
        int width = vector.numElements();
        for (int j = 0; j < width; j++) {
            if (vector.isNullAt(j)) {
                return AtlasTables.NULL_ELEMENT;
            }
            float value = vector.getFloat(j);
            if (!Float.isFinite(value)) {
                return Float.isNaN(value) ? AtlasTables.NAN : AtlasTables.BEYOND_FLOAT32;
            }
            into[offset + j] = value;
        }
        return null;
    }

    /** @return the refusal of a vector, {@code what} naming its row, {@code fault} {@link #copyVector}'s */
    static InvalidInputException refused(String what, String fault) {
        return new InvalidInputException(what + ": " + fault);
    }
}
