package latentatlas.spark;

import latentatlas.InvalidInputException;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.Arrays;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * The Parquet tables of the distributed atlas, their schemas and their validated readers.
 *
 * <ul>
 *   <li>chart rows: {@code chart string, id long, vector array<float>, label int (nullable,
 *       optional)}: the absolute embeddings of every chart, one row per (chart, sample);</li>
 *   <li>anchors: {@code chart string, id long, vector array<float>, position int (optional)}: every
 *       chart's embeddings of the shared anchor samples; relative coordinate {@code j} is the anchor
 *       at position {@code j} (ascending id when the column is absent);</li>
 *   <li>atlas: {@code id long, vector array<float>, coverage int}: the mean relative vector of each
 *       id and the number of charts that contained it.</li>
 * </ul>
 *
 * <p>Readers accept any numeric element type for {@code vector} (a float64 table written by pandas
 * is cast to float32) and fail with one line naming the file, the missing column and the expected
 * schema.
 */
public final class AtlasTables {
    /** Column of the chart (model) name. */
    public static final String CHART = "chart";
    /** Column of the global sample id. */
    public static final String ID = "id";
    /** Column of the vector. */
    public static final String VECTOR = "vector";
    /** Column of the global class label. */
    public static final String LABEL = "label";
    /** Column of an anchor's relative coordinate. */
    public static final String POSITION = "position";
    /** Column of the number of charts that contained an atlas id. */
    public static final String COVERAGE = "coverage";

    private static final StructField VECTOR_FIELD =
            DataTypes.createStructField(VECTOR, DataTypes.createArrayType(DataTypes.FloatType, false), false);

    /** Schema of chart rows as written by {@link SpaceExport}. */
    public static final StructType ROWS = new StructType(new StructField[] {
        DataTypes.createStructField(CHART, DataTypes.StringType, false),
        DataTypes.createStructField(ID, DataTypes.LongType, false),
        VECTOR_FIELD,
        DataTypes.createStructField(LABEL, DataTypes.IntegerType, true)});

    /** Schema of anchor rows as written by {@link SpaceExport}. */
    public static final StructType ANCHORS = new StructType(new StructField[] {
        DataTypes.createStructField(CHART, DataTypes.StringType, false),
        DataTypes.createStructField(ID, DataTypes.LongType, false),
        VECTOR_FIELD,
        DataTypes.createStructField(POSITION, DataTypes.IntegerType, false)});

    /** Schema of the atlas. */
    public static final StructType ATLAS = new StructType(new StructField[] {
        DataTypes.createStructField(ID, DataTypes.LongType, false),
        VECTOR_FIELD,
        DataTypes.createStructField(COVERAGE, DataTypes.IntegerType, false)});

    private AtlasTables() {
    }

    /**
     * Reads chart rows {@code (chart, id, vector)}.
     *
     * @param paths Parquet files or folders, read as one table
     * @return the columns chart, id, vector (float32)
     */
    public static Dataset<Row> readChartRows(SparkSession spark, List<String> paths) {
        Dataset<Row> table = read(spark, paths, CHART, ID, VECTOR);
        return table.select(col(CHART).cast("string"), col(ID).cast("long"), floatVector());
    }

    /**
     * Reads anchor rows.
     *
     * @return the columns chart, id, vector (float32), position (null when the table has none)
     */
    public static Dataset<Row> readAnchors(SparkSession spark, List<String> paths) {
        Dataset<Row> table = read(spark, paths, CHART, ID, VECTOR);
        Column position = has(table, POSITION) ? col(POSITION).cast("int") : lit(null).cast("int");
        return table.select(col(CHART).cast("string"), col(ID).cast("long"), floatVector(), position.as(POSITION));
    }

    /**
     * Reads a space to compare: any table with {@code id} and {@code vector}, optionally {@code label}
     * and {@code chart} (then restricted to one chart).
     *
     * @param chart the chart to keep, or {@code null} when the table holds one space
     * @return the columns id, vector (float32), label (null when the table has none)
     */
    public static Dataset<Row> readSpace(SparkSession spark, String path, String chart) {
        Dataset<Row> table = read(spark, List.of(path), ID, VECTOR);
        if (chart != null) {
            if (!has(table, CHART)) {
                throw new InvalidInputException(List.of("chart"), path + ": chart " + chart + " asked for but the table has no '"
                        + CHART + "' column (columns: " + Arrays.toString(table.columns()) + ")");
            }
            table = table.filter(col(CHART).equalTo(chart));
        }
        Column label = has(table, LABEL) ? col(LABEL).cast("int") : lit(null).cast("int");
        return table.select(col(ID).cast("long"), floatVector(), label.as(LABEL));
    }

    /** @return whether the table has a column of that name */
    public static boolean has(Dataset<Row> table, String column) {
        return Arrays.asList(table.columns()).contains(column);
    }

    private static Column floatVector() {
        return col(VECTOR).cast("array<float>").as(VECTOR);
    }

    private static Dataset<Row> read(SparkSession spark, List<String> paths, String... required) {
        Dataset<Row> table;
        try {
            table = spark.read().parquet(paths.toArray(String[]::new));
        } catch (Exception e) {
            if (e instanceof AnalysisException) {
                throw new InvalidInputException(paths + ": cannot read as Parquet (" + firstLine(e.getMessage())
                        + "): give Parquet files or folders written by 'atlas spark export' or any Parquet writer", e);
            }
            throw e;
        }
        for (String column : required) {
            if (!has(table, column)) {
                throw new InvalidInputException(paths + ": no '" + column + "' column (found "
                        + Arrays.toString(table.columns()) + "); expected at least " + Arrays.toString(required));
            }
        }
        return table;
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
