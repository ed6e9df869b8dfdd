package latentatlas.cli;

import latentatlas.spark.SparkErrors;
import latentatlas.spark.SparkSessions;
import org.apache.spark.sql.SparkSession;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.function.Consumer;

/**
 * The {@code --master} option shared by the spark commands, and the one place where they run their
 * Spark work: under {@link SparkErrors}, so that a user mistake met anywhere (on the driver or in a
 * task) ends as one line and exit status 2.
 */
final class SparkMasterOption {
    /**
     * Loggers that are heard only with {@code --verbose}: Spark's reports of a failed or killed task (with
     * the executor's stack trace; the driver reports the same failure, in one line for a user mistake),
     * the cleanup of the files a killed task had begun (its shuffle and output attempts, which the job's
     * temporary folder removal deletes anyway), and Hadoop's note that it uses its Java code for lack of
     * the native library (nothing to act on).
     */
    private static final List<String> QUIET_LOGGERS = List.of("org.apache.spark.executor.Executor",
            "org.apache.spark.scheduler.TaskSetManager", "org.apache.spark.scheduler.TaskSchedulerImpl",
            "org.apache.spark.sql.execution.datasources.FileFormatWriter",
            "org.apache.spark.sql.execution.datasources.FileFormatDataWriter",
            "org.apache.spark.sql.execution.datasources.BasicWriteTaskStatsTracker",
            "org.apache.spark.util.Utils", "org.apache.spark.storage.DiskBlockObjectWriter",
            "org.apache.hadoop.mapreduce.lib.output.FileOutputCommitter", "org.apache.hadoop.util.NativeCodeLoader");

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master: local[N], local[*], spark://HOST:PORT, yarn, k8s://... (default: the one"
                    + " spark-submit sets, else " + SparkSessions.DEFAULT_MASTER + ").")
    String master;

    /**
     * Opens the session of this command and runs its work under {@link SparkErrors#run}.
     *
     * @param app the command's name, for the application name
     * @param work what the command does with the session
     */
    void run(String app, Consumer<SparkSession> work) {
        if (!LoggerFactory.getLogger("org.apache.spark").isInfoEnabled()) {
            String prefix = "org.slf4j.simpleLogger.log.";
            QUIET_LOGGERS.stream().filter(logger -> System.getProperty(prefix + logger) == null)
                    .forEach(logger -> System.setProperty(prefix + logger, "off"));
        }
        SparkErrors.run(() -> work.accept(SparkSessions.open(master, "atlas spark " + app)));
    }
}
