package latentatlas.spark;

import latentatlas.InvalidInputException;
import latentatlas.io.OutputNames;
import latentatlas.space.LatentSpace;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.apache.spark.sql.functions.col;

/**
 * Brings Parquet tables back to the single-machine tool: chart rows become one {@link LatentSpace}
 * per chart (its name, which becomes a file name, checked by {@link OutputNames}), the atlas becomes a
 * space plus its coverage. Rows are sorted by id, so the result does
 * not depend on how the table was partitioned. The table is collected on the driver: use it for
 * results that fit in memory.
 */
public final class SpaceImport {
    private SpaceImport() {
    }

    /** An imported atlas: the mean relative vectors and, per row, the number of charts behind it. */
    public record ImportedAtlas(LatentSpace space, int[] coverage) {
    }

    /**
     * @param table chart rows as written by {@link SpaceExport} (an optional {@code label} column is
     *              kept when the first row of a chart has one; then every row of it must)
     * @param what the table's name in messages (its path)
     * @return chart name to its space, charts in name order
     * @throws InvalidInputException when a column is missing or of the wrong type, a value is unusable,
     *     or the table has no rows
     */
    public static Map<String, LatentSpace> charts(Dataset<Row> table, String what) {
        if (!AtlasTables.has(table, AtlasTables.CHART)) {
            throw new InvalidInputException(what + ": no '" + AtlasTables.CHART + "' or '" + AtlasTables.COVERAGE
                    + "' column (found "
                    + Arrays.toString(table.columns()) + "); expected " + AtlasTables.ROWS.simpleString()
                    + " or an atlas " + AtlasTables.ATLAS.simpleString());
        }
        AtlasTables.require(table, what, AtlasTables.ID, AtlasTables.VECTOR);
        Dataset<Row> rows = table.select(AtlasTables.column(table, what, AtlasTables.CHART),
                AtlasTables.column(table, what, AtlasTables.ID), AtlasTables.column(table, what, AtlasTables.VECTOR),
                AtlasTables.optional(table, what, AtlasTables.LABEL));
        List<String> charts = rows.select(AtlasTables.CHART).distinct().orderBy(AtlasTables.CHART)
                .as(Encoders.STRING()).collectAsList();
        charts.forEach(chart -> OutputNames.check(what + ": chart name", chart));
        Map<String, LatentSpace> spaces = new LinkedHashMap<>();
        for (String chart : charts) {
            Dataset<Row> chartRows = rows.filter(col(AtlasTables.CHART).equalTo(chart))
                    .select(AtlasTables.ID, AtlasTables.VECTOR, AtlasTables.LABEL);
            spaces.put(chart, Collected.of(chartRows, what + ": chart " + chart).space(what + ": chart " + chart));
        }
        if (spaces.isEmpty()) {
            throw new InvalidInputException(what + ": the table has no rows: nothing to import");
        }
        return spaces;
    }

    /**
     * @param atlas a table with the {@link AtlasTables#ATLAS} schema
     * @param what the table's name in messages (its path)
     * @return the atlas space (unlabelled) and its coverage, by ascending id
     * @throws InvalidInputException when a column is missing or of the wrong type, a value is unusable,
     *     or the table has no rows
     */
    public static ImportedAtlas atlas(Dataset<Row> atlas, String what) {
        AtlasTables.require(atlas, what, AtlasTables.ID, AtlasTables.VECTOR, AtlasTables.COVERAGE);
        Collected rows = Collected.of(atlas.select(AtlasTables.column(atlas, what, AtlasTables.ID),
                AtlasTables.column(atlas, what, AtlasTables.VECTOR), AtlasTables.column(atlas, what, AtlasTables.COVERAGE)), what);
        return new ImportedAtlas(rows.space(what), rows.third);
    }

    /**
     * The rows {@code (id, vector, third)} of a table in arrays, by ascending id. The rows come to the
     * driver a partition at a time (Spark's internal rows, binary: no {@code Row} object and no boxed
     * {@code Float} per element; within {@code spark.driver.maxResultSize} however large the table),
     * are copied into arrays of the table's row count, and are sorted by id in place there (no sort job,
     * no shuffle): a table of {@code n x d} floats takes {@code 4 n d} bytes of the driver's heap, plus a
     * partition's rows while they arrive. The third column is an atlas's coverage or a chart's label
     * (null in every row or in none).
     */
    private static final class Collected {
        private long[] ids;
        private float[] vectors;
        private int[] third;
        private boolean hasThird = true;
        private int n;
        private int dim;

        private Collected(int count) {
            ids = new long[count];
            third = new int[count];
        }

        static Collected of(Dataset<Row> table, String name) {
            long count = table.count();
            if (count == 0) {
                throw new InvalidInputException(name + ": no rows to import");
            }
            if (count > Integer.MAX_VALUE - 16) {
                throw new InvalidInputException(name + ": " + count + " rows are more than one space holds (2^31):"
                        + " import a part of it (filter its ids in Spark)");
            }
            Collected collected = new Collected((int) count);
            scala.collection.Iterator<InternalRow> rows = table.queryExecution().executedPlan().executeToIterator();
            while (rows.hasNext()) {
                collected.add(rows.next(), name);
            }
            if (collected.n != count) {
                throw new InvalidInputException(name + ": " + collected.n + " rows read where " + count + " were counted:"
                        + " the table changed while it was read");
            }
            collected.sortById();
            return collected;
        }

        /**
         * Sorts the rows by id (stable): the order by a sort of row numbers, then applied in place, cycle
         * by cycle (each row moved once, one row held aside per cycle).
         */
        private void sortById() {
            int[] order = IntStream.range(0, n).boxed().sorted(Comparator.comparingLong(i -> ids[i]))
                    .mapToInt(Integer::intValue).toArray();
            BitSet placed = new BitSet(n);
            float[] held = new float[dim];
            for (int start = 0; start < n; start++) {
                if (placed.get(start) || order[start] == start) {
                    continue;
                }
                long heldId = ids[start];
                int heldThird = third[start];
                System.arraycopy(vectors, start * dim, held, 0, dim);
                int to = start;
                while (true) {
                    placed.set(to);
                    int from = order[to];
                    if (from == start) {
                        ids[to] = heldId;
                        third[to] = heldThird;
                        System.arraycopy(held, 0, vectors, to * dim, dim);
                        break;
                    }
                    ids[to] = ids[from];
                    third[to] = third[from];
                    System.arraycopy(vectors, from * dim, vectors, to * dim, dim);
                    to = from;
                }
            }
        }

        private void add(InternalRow row, String name) {
            long id = row.getLong(0);
            ArrayData vector = row.getArray(1);
            if (n == 0) {
                dim = vector.numElements();
                if ((long) ids.length * dim > Integer.MAX_VALUE - 16) {
                    throw new InvalidInputException(name + ": " + ids.length + " rows x " + dim + " floats are more than"
                            + " one space holds (2^31 floats): import a part of it (filter its ids in Spark)");
                }
                vectors = new float[ids.length * dim];
                hasThird = !row.isNullAt(2);
            } else if (vector.numElements() != dim) {
                throw new InvalidInputException(name + ": id " + id + " has a vector of width " + vector.numElements()
                        + ", expected " + dim + " like the first row: every row of a space has the same width");
            }
            if (n == ids.length) {
                throw new InvalidInputException(name + ": more rows read than the " + n + " counted: the table changed"
                        + " while it was read");
            }
            ids[n] = id;
            for (int j = 0; j < dim; j++) {
                vectors[n * dim + j] = vector.getFloat(j);
            }
            if (hasThird && row.isNullAt(2)) {
                throw new InvalidInputException(name + ": id " + id + " has no label while others have:"
                        + " label every row or none");
            }
            third[n] = hasThird ? row.getInt(2) : 0;
            n++;
        }

        LatentSpace space(String name) {
            return LatentSpace.of(name, ids, vectors, dim, hasThird ? third : null);
        }
    }
}
