package latentatlas.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;

/**
 * Writes a table as a Parquet folder completely or not at all: Spark writes a hidden sibling folder,
 * which is renamed over the target once every task has committed (on any Hadoop file system: local,
 * HDFS, S3A with a committer). A failed job leaves the previous target, or none, never half a table.
 */
public final class ParquetOutput {
    private ParquetOutput() {
    }

    /**
     * @param table the rows to write
     * @param target the Parquet folder to create or replace
     */
    public static void write(Dataset<Row> table, String target) {
        Configuration hadoop = table.sparkSession().sparkContext().hadoopConfiguration();
        Path path = new Path(target);
        Path temp = new Path(path.getParent() == null ? new Path(".") : path.getParent(),
                "." + path.getName() + "." + UUID.randomUUID() + ".tmp");
        try {
            FileSystem fs = path.getFileSystem(hadoop);
            try {
                table.write().mode(SaveMode.ErrorIfExists).parquet(temp.toString());
                if (fs.exists(path) && !fs.delete(path, true)) {
                    throw new IOException("cannot replace " + path);
                }
                if (!fs.rename(temp, path)) {
                    throw new IOException("cannot rename " + temp + " to " + path);
                }
            } finally {
                if (fs.exists(temp)) {
                    fs.delete(temp, true);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }
}
