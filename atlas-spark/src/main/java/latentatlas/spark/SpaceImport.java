package latentatlas.spark;

import latentatlas.InvalidInputException;
import latentatlas.space.LatentSpace;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Encoders;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * Brings Parquet tables back to the single-machine tool: chart rows become one {@link LatentSpace}
 * per chart, the atlas becomes a space plus its coverage. Rows are sorted by id, so the result does
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
     * @return chart name to its space, charts in name order
     */
    public static Map<String, LatentSpace> charts(Dataset<Row> table) {
        for (String column : List.of(AtlasTables.CHART, AtlasTables.ID, AtlasTables.VECTOR)) {
            if (!AtlasTables.has(table, column)) {
                throw new InvalidInputException("chart rows: no '" + column + "' column (found "
                        + Arrays.toString(table.columns()) + "); expected " + AtlasTables.ROWS.simpleString()
                        + " or an atlas " + AtlasTables.ATLAS.simpleString());
            }
        }
        Column label = AtlasTables.has(table, AtlasTables.LABEL) ? col(AtlasTables.LABEL).cast("int")
                : lit(null).cast("int");
        Dataset<Row> rows = table.select(col(AtlasTables.CHART).cast("string"), col(AtlasTables.ID).cast("long"),
                col(AtlasTables.VECTOR).cast("array<float>"), label);
        List<String> charts = rows.select(AtlasTables.CHART).distinct().orderBy(AtlasTables.CHART)
                .as(Encoders.STRING()).collectAsList();
        Map<String, LatentSpace> spaces = new LinkedHashMap<>();
        for (String chart : charts) {
            List<Row> chartRows = rows.filter(col(AtlasTables.CHART).equalTo(chart)).orderBy(AtlasTables.ID)
                    .collectAsList();
            spaces.put(chart, toSpace("chart " + chart, chartRows, 1, 3));
        }
        return spaces;
    }

    /**
     * @param atlas a table with the {@link AtlasTables#ATLAS} schema
     * @return the atlas space (unlabelled) and its coverage, by ascending id
     */
    public static ImportedAtlas atlas(Dataset<Row> atlas) {
        for (String column : List.of(AtlasTables.ID, AtlasTables.VECTOR, AtlasTables.COVERAGE)) {
            if (!AtlasTables.has(atlas, column)) {
                throw new InvalidInputException("atlas table: no '" + column + "' column (found "
                        + Arrays.toString(atlas.columns()) + "); expected " + AtlasTables.ATLAS.simpleString());
            }
        }
        List<Row> rows = atlas.select(col(AtlasTables.ID).cast("long"), col(AtlasTables.VECTOR).cast("array<float>"),
                col(AtlasTables.COVERAGE).cast("int")).orderBy(AtlasTables.ID).collectAsList();
        int[] coverage = new int[rows.size()];
        for (int i = 0; i < coverage.length; i++) {
            coverage[i] = rows.get(i).getInt(2);
        }
        return new ImportedAtlas(toSpace("atlas", rows, 0, -1), coverage);
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
