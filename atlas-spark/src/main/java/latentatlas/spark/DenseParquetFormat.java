package latentatlas.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.ParquetOutputFormat;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.datasources.OutputWriter;
import org.apache.spark.sql.execution.datasources.OutputWriterFactory;
import org.apache.spark.sql.execution.datasources.parquet.ParquetFileFormat;
import org.apache.spark.sql.execution.datasources.parquet.ParquetWriteSupport;
import org.apache.spark.sql.types.StructType;
import scala.collection.immutable.Map;

/**
 * Spark's Parquet file format with a writer made for dense numeric tables, such as the atlas: every
 * column a {@code bigint}, an {@code int} or an {@code array<float>}. Such a table is written column chunk by column chunk ({@link DenseParquetWriter}) rather than
 * value by value through Parquet's record assembly, which costs ~55 ns per float (7-8 s for 500,000
 * atlas rows of 256 cosines on one core, where reading them back takes 0.8 s): docs/architecture.md,
 * "Writing dense tables".
 *
 * <p>The files are the ones Spark would write but for their encodings: the same Parquet schema and
 * footer metadata (Spark's {@link ParquetWriteSupport} makes both), Spark's codec, row group and page
 * sizes and page checksums; values plainly encoded (no dictionary), levels run-length encoded, v1 data
 * pages with statistics. Any other table, and any setting this writer does not follow (data page v2,
 * bloom filters, encryption), goes to Spark's own writer. Use it as a format:
 * <pre>{@code
 * table.write().format(DenseParquetFormat.class.getName()).option("compression", "none").save(folder);
 * }</pre>
 */
public final class DenseParquetFormat extends ParquetFileFormat {
    private static final long serialVersionUID = 1L;

    @Override
    public OutputWriterFactory prepareWrite(SparkSession session, Job job, Map<String, String> options, StructType dataSchema) {
        OutputWriterFactory spark = super.prepareWrite(session, job, options, dataSchema);
        Configuration conf = job.getConfiguration();
        return DenseParquetWriter.accepts(sparkWriteContext(conf).getSchema()) && followsSettings(conf) ? new Factory(spark) : spark;
    }

    /** Spark's Parquet schema and footer metadata of the table configured by {@link #prepareWrite}. */
    static WriteSupport.WriteContext sparkWriteContext(Configuration conf) {
        return new ParquetWriteSupport().init(conf);
    }

    /** Whether the write asks for nothing this writer leaves out: v1 pages, no bloom filter, no encryption. */
    private static boolean followsSettings(Configuration conf) {
        return ParquetOutputFormat.getWriterVersion(conf) == ParquetProperties.WriterVersion.PARQUET_1_0
                && !ParquetOutputFormat.getBloomFilterEnabled(conf)
                && conf.getValByRegex("^parquet\\.bloom\\.filter\\.enabled#.*").isEmpty()
                && conf.get("parquet.crypto.factory.class") == null;
    }

    /** Opens a {@link DenseParquetWriter} per task file; the file names are Spark's writer's. */
    private static final class Factory extends OutputWriterFactory {
        private static final long serialVersionUID = 1L;

        private final OutputWriterFactory spark;

        Factory(OutputWriterFactory spark) {
            this.spark = spark;
        }

        @Override
        public String getFileExtension(TaskAttemptContext context) {
            return spark.getFileExtension(context);
        }

        @Override
        public OutputWriter newInstance(String path, StructType dataSchema, TaskAttemptContext context) {
            return new DenseParquetWriter(path, context.getConfiguration());
        }
    }
}
