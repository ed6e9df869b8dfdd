package latentatlas.cli;

import latentatlas.spark.SparkSessions;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/** The {@code --master} option shared by the spark commands. */
final class SparkMasterOption {
    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master: local[N], local[*], spark://HOST:PORT, yarn, k8s://... (default: the one"
                    + " spark-submit sets, else " + SparkSessions.DEFAULT_MASTER + ").")
    String master;

    /** @return the session of this command */
    SparkSession open(String app) {
        return SparkSessions.open(master, "atlas spark " + app);
    }
}
