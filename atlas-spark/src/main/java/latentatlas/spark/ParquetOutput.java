package latentatlas.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.UUID;

/**
 * Writes a table as a Parquet folder completely or not at all: Spark writes a hidden sibling folder,
 * which is renamed over the target once every task has committed (on any Hadoop file system: local,
 * HDFS, S3A with a committer). A failed job leaves the previous target, or none, never half a table,
 * and no temporary folder (it is removed once the job's last task has stopped).
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
                try {
                    table.write().mode(SaveMode.ErrorIfExists).parquet(temp.toString());
                } catch (RuntimeException e) {
                    awaitRunningTasks(table.sparkSession().sparkContext());
                    throw e;
                }
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

    /**
     * Waits (at most a minute) until no task runs: when one task fails, Spark aborts the job at once but
     * its other tasks stop later, and until they do they may still write into the temporary folder.
     */
    private static void awaitRunningTasks(SparkContext context) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline
                && Arrays.stream(context.statusTracker().getExecutorInfos()).anyMatch(e -> e.numRunningTasks() > 0)) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
