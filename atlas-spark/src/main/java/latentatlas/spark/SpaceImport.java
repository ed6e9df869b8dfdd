package latentatlas.spark;

import latentatlas.InvalidInputException;
import latentatlas.io.OutputNames;
import latentatlas.space.LatentSpace;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import org.apache.spark.sql.Encoders;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
            List<Row> chartRows = rows.filter(col(AtlasTables.CHART).equalTo(chart)).orderBy(AtlasTables.ID)
                    .collectAsList();
            spaces.put(chart, toSpace(what + ": chart " + chart, chartRows, 1, 3));
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
        List<Row> rows = atlas.select(AtlasTables.column(atlas, what, AtlasTables.ID),
                AtlasTables.column(atlas, what, AtlasTables.VECTOR), AtlasTables.column(atlas, what, AtlasTables.COVERAGE))
                .orderBy(AtlasTables.ID).collectAsList();
        int[] coverage = new int[rows.size()];
        for (int i = 0; i < coverage.length; i++) {
            coverage[i] = rows.get(i).getInt(2);
        }
        return new ImportedAtlas(toSpace(what, rows, 0, -1), coverage);
    }

    /** Rows hold the id at {@code idColumn}, the vector right after it, the label at {@code labelColumn} (or -1). */
    private static LatentSpace toSpace(String name, List<Row> rows, int idColumn, int labelColumn) {
        int n = rows.size();
        if (n == 0) {
            throw new InvalidInputException(name + ": no rows to import");
        }
        int dim = rows.get(0).getList(idColumn + 1).size();
        long[] ids = new long[n];
        float[] vectors = new float[n * dim];
        int[] labels = labelColumn >= 0 && !rows.get(0).isNullAt(labelColumn) ? new int[n] : null;
        for (int i = 0; i < n; i++) {
            Row row = rows.get(i);
            ids[i] = row.getLong(idColumn);
            List<Float> vector = row.getList(idColumn + 1);
            if (vector.size() != dim) {
                throw new InvalidInputException(name + ": id " + ids[i] + " has a vector of width " + vector.size()
                        + ", expected " + dim + " like the first row: every row of a space has the same width");
            }
            for (int j = 0; j < dim; j++) {
                vectors[i * dim + j] = vector.get(j);
            }
            if (labels != null) {
                if (row.isNullAt(labelColumn)) {
                    throw new InvalidInputException(name + ": id " + ids[i] + " has no label while others have:"
                            + " label every row or none");
                }
                labels[i] = row.getInt(labelColumn);
            }
        }
        return LatentSpace.of(name, ids, vectors, dim, labels);
    }
}
