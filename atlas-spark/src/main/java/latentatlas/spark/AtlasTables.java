package latentatlas.spark;

import latentatlas.InvalidInputException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.array_max;
import static org.apache.spark.sql.functions.array_min;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

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
 * <p>Readers accept any integer type for the integer columns and any numeric element type for
 * {@code vector} (a float64 table written by pandas is cast to float32), check every value they read
 * ({@link #column}) and fail with one line naming the file, the column and the expected type.
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

    /** What is wrong with a vector that has a null element (the checks' words, in Spark and in the partition functions). */
    static final String NULL_ELEMENT = "the vector has a null element";
    /** What is wrong with a vector that has a NaN. */
    static final String NAN = "the vector has a NaN";
    /** What is wrong with a vector that has an infinite element, or one beyond float32's range. */
    static final String BEYOND_FLOAT32 = "the vector has a value beyond float32 (infinite or above " + Float.MAX_VALUE
            + " in magnitude)";

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
     * @return the columns chart, id, vector (float32), checked ({@link #column})
     */
    public static Dataset<Row> readChartRows(SparkSession spark, List<String> paths) {
        Dataset<Row> table = open(spark, paths);
        String what = paths.toString();
        require(table, what, CHART, ID, VECTOR);
        return table.select(column(table, what, CHART), column(table, what, ID), column(table, what, VECTOR));
    }

    /**
     * Reads anchor rows.
     *
     * @return the columns chart, id, vector (float32), position (null when the table has none), checked
     */
    public static Dataset<Row> readAnchors(SparkSession spark, List<String> paths) {
        Dataset<Row> table = open(spark, paths);
        String what = paths.toString();
        require(table, what, CHART, ID, VECTOR);
        Column position = has(table, POSITION) ? column(table, what, POSITION) : lit(null).cast("int").as(POSITION);
        return table.select(column(table, what, CHART), column(table, what, ID), column(table, what, VECTOR), position);
    }

    /**
     * Reads a space to compare: any table with {@code id} and {@code vector}, optionally {@code label}
     * and {@code chart} (then restricted to one chart).
     *
     * <p>A table bucketed by id ({@link IdBuckets}: the atlas of {@link MergeJob}, chart rows of
     * {@link SpaceExport}) is read as its buckets, which {@link CompareJob} joins without a shuffle.
     *
     * @param chart the chart to keep, or {@code null} when the table holds one space
     * @return the columns id, vector (float32), label (null when the table has none): checked, or of the
     *     types the compare checks as it reads them ({@link #spaceColumn})
     * @throws InvalidInputException also when the table's bucket marker is malformed or a file is not
     *     one of its buckets
     */
    public static Dataset<Row> readSpace(SparkSession spark, String path, String chart) {
        Dataset<Row> table = open(spark, List.of(path));
        require(table, path, ID, VECTOR);
        int buckets = IdBuckets.read(spark, path);
        if (buckets > 0) {
            Dataset<Row> bucketed = IdBuckets.open(spark, path, buckets, table.schema());
            table = bucketed != null ? bucketed : table;
        }
        if (chart != null) {
            if (!has(table, CHART)) {
                throw new InvalidInputException(List.of("chart"), path + ": chart " + chart + " asked for but the table has no '"
                        + CHART + "' column (columns: " + Arrays.toString(table.columns()) + ")");
            }
            table = table.filter(column(table, path, CHART).equalTo(chart));
        }
        return table.select(spaceColumn(table, path, ID), spaceColumn(table, path, VECTOR),
                has(table, LABEL) ? spaceColumn(table, path, LABEL) : optional(table, path, LABEL));
    }

    /**
     * A column of a space to compare: one already of the type {@link CompareJob} reads ({@code id} int64,
     * {@code vector} an array of float32, {@code label} int32) as it is, since the compare's join checks
     * every value as it copies the row (a null id or vector, a null, NaN or infinite element: the same
     * refusals as here); any other type cast and checked by {@link #column}. So a table of those types
     * is read as its Parquet columns, with no projection between the scan and the join.
     */
    private static Column spaceColumn(Dataset<Row> table, String what, String name) {
        DataType type = table.schema().apply(name).dataType();
        boolean asCompared = switch (name) {
            case ID -> type instanceof LongType;
            case VECTOR -> type instanceof ArrayType array && array.elementType() instanceof FloatType;
            default -> type instanceof IntegerType;
        };
        return asCompared ? col(name) : column(table, what, name);
    }

    /**
     * Opens Parquet files or folders as one table. A single folder whose data files Spark wrote (no summary
     * file) takes its schema from one file's footer, as Spark's own inference would (the schema Spark
     * writes there), read here: Spark infers by a job, which took ~0.05 s of the ~0.1 s that opening one
     * table took ({@code spark compare} opens two; more on a cluster, where the job's task goes to an
     * executor). Any other input is Spark's to infer.
     *
     * @throws InvalidInputException naming the paths when one does not exist or is not Parquet
     */
    public static Dataset<Row> open(SparkSession spark, List<String> paths) {
        StructType written = paths.size() == 1 ? sparkSchema(spark, paths.get(0)) : null;
        try {
            return SparkErrors.unwrapped(() -> (written != null ? spark.read().schema(written) : spark.read())
                    .parquet(paths.toArray(String[]::new)));
        } catch (InvalidInputException e) {
            throw new InvalidInputException(paths + ": cannot read as a Parquet table: " + e.getMessage(), e);
        }
    }

    /** The footer key under which Spark's Parquet writer stores the table's Spark schema (as JSON). */
    private static final String SPARK_SCHEMA_KEY = "org.apache.spark.sql.parquet.row.metadata";

    /**
     * @return the Spark schema in the footer of the folder's first data file, all nullable as Spark reads
     *     files; {@code null} when the path is not such a folder, holds a summary file or a file that is not
     *     Spark's, or anything cannot be read (Spark's own reading then says what is wrong)
     */
    private static StructType sparkSchema(SparkSession spark, String path) {
        try {
            Configuration conf = spark.sessionState().newHadoopConf();
            Path folder = new Path(path);
            FileSystem fs = folder.getFileSystem(conf);
            FileStatus first = null;
            for (FileStatus file : fs.listStatus(folder)) {
                String name = file.getPath().getName();
                if (name.equals("_metadata") || name.equals("_common_metadata")) {
                    return null;
                }
                if (file.isFile() && !name.startsWith(".") && !name.startsWith("_")
                        && (first == null || file.getPath().compareTo(first.getPath()) < 0)) {
                    first = file;
                }
            }
            if (first == null) {
                return null;
            }
            String json;
            try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromStatus(first, conf))) {
                json = reader.getFooter().getFileMetaData().getKeyValueMetaData().get(SPARK_SCHEMA_KEY);
            }
            return json == null || !(DataType.fromJson(json) instanceof StructType schema) ? null : schema.asNullable();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** @return whether the table has a column of that name */
    public static boolean has(Dataset<Row> table, String column) {
        return Arrays.asList(table.columns()).contains(column);
    }

    /**
     * @throws InvalidInputException naming the table when a column is missing
     */
    public static void require(Dataset<Row> table, String what, String... columns) {
        for (String column : columns) {
            if (!has(table, column)) {
                throw new InvalidInputException(what + ": no '" + column + "' column (found "
                        + Arrays.toString(table.columns()) + "); expected at least " + Arrays.toString(columns));
            }
        }
    }

    /**
     * A column of the atlas tables, checked against its type and read as the tables' type: {@code chart}
     * a string; {@code id} any integer type, as long; {@code label}, {@code position}, {@code coverage}
     * any integer type within int, as int; {@code vector} an array of any integer or floating-point
     * type, as float32. A column of another type fails here, on the driver; a null (an absent
     * {@code label} excepted), a null, NaN or infinite vector element, or a value beyond float32 or int
     * fails the task that meets it, naming the table, the column and the row's id ({@link SparkErrors#fail}).
     *
     * @param table the table, which has the column
     * @param what the table's name in messages (its paths)
     * @param name one of the column names of this class
     * @return the checked, cast column, named {@code name}
     * @throws InvalidInputException when the column has the wrong type
     */
    public static Column column(Dataset<Row> table, String what, String name) {
        DataType type = table.schema().apply(name).dataType();
        Column value = col(name);
        Column row = has(table, ID) && !name.equals(ID)
                ? concat(lit(what + ": id "), coalesce(col(ID).cast("string"), lit("null")), lit(": "))
                : lit(what + ": a row: ");
        Column checked;
        switch (name) {
            case CHART -> {
                expect(what, name, type, type instanceof StringType, "string");
                checked = value;
            }
            case ID -> {
                expect(what, name, type, integral(type), "an integer type (int64)");
                checked = value.cast("long");
            }
            case LABEL, POSITION, COVERAGE -> {
                expect(what, name, type, integral(type), "an integer type (int32)");
                checked = when(value.lt(Integer.MIN_VALUE).or(value.gt(Integer.MAX_VALUE)),
                        SparkErrors.fail(concat(row, lit("'" + name + "' "), value.cast("string"),
                                lit(" is beyond int32")))).otherwise(value.cast("int"));
            }
            case VECTOR -> {
                expect(what, name, type, type instanceof ArrayType array && numeric(array.elementType()),
                        "an array of numbers (array<float>)");
                DataType element = ((ArrayType) type).elementType();
                Column nullElement = SparkErrors.fail(concat(row, lit(NULL_ELEMENT)));
                if (integral(element)) {
                    // integers are never NaN nor infinite, and every int64 is within float32's range
                    checked = when(expr("exists(`" + name + "`, x -> x IS NULL)"), nullElement)
                            .otherwise(value.cast("array<float>"));
                } else {
                    // Whole-array functions that Spark compiles (a lambda per element, exists(v, x -> ...), is
                    // interpreted and was most of the read): array_contains(v, NaN) is true when an element is
                    // NaN (NaN = NaN in Spark), else null when one is null, else false. Beyond float32: for
                    // float elements only an infinity, found by array_contains (equality, cheaper than the
                    // ordering of array_max: the checked read of 200,000 x 256 and x 128 rows 0.75 -> 0.65 s);
                    // for double elements array_max and array_min, which skip nulls and see no NaN once it is
                    // ruled out.
                    Column nan = array_contains(value, lit(Double.NaN).cast(element));
                    double max = Float.MAX_VALUE;
                    Column beyond = element instanceof FloatType
                            ? array_contains(value, lit(Double.POSITIVE_INFINITY).cast(element))
                                    .or(array_contains(value, lit(Double.NEGATIVE_INFINITY).cast(element)))
                            : array_max(value).gt(max).or(array_min(value).lt(-max));
                    checked = when(nan.isNull(), nullElement)
                            .when(nan, SparkErrors.fail(concat(row, lit(NAN))))
                            .when(beyond, SparkErrors.fail(concat(row, lit(BEYOND_FLOAT32))))
                            .otherwise(value.cast("array<float>"));
                }
            }
            default -> throw new IllegalArgumentException("not a column of the atlas tables: " + name);
        }
        if (name.equals(LABEL)) {
            return checked.as(name);
        }
        return when(value.isNull(), SparkErrors.fail(concat(row, lit("'" + name + "' is null: every row needs one"))))
                .otherwise(checked).as(name);
    }

    /** @return {@link #column} when the table has it, else a null int column of that name */
    public static Column optional(Dataset<Row> table, String what, String name) {
        return has(table, name) ? column(table, what, name) : lit(null).cast("int").as(name);
    }

    private static void expect(String what, String column, DataType type, boolean ok, String expected) {
        if (!ok) {
            throw new InvalidInputException(what + ": column '" + column + "' has type " + type.simpleString()
                    + ", expected " + expected);
        }
    }

    private static boolean integral(DataType type) {
        return type instanceof ByteType || type instanceof ShortType || type instanceof IntegerType
                || type instanceof LongType;
    }

    private static boolean numeric(DataType type) {
        return integral(type) || type instanceof FloatType || type instanceof DoubleType;
    }
}
