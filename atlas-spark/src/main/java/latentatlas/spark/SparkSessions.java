package latentatlas.spark;

import latentatlas.InvalidInputException;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkException;
import org.apache.spark.sql.SparkSession;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Opens the {@link SparkSession} of an atlas job.
 *
 * <p>The master is, in order: the one given (a {@code --master} option), the one set by
 * {@code spark-submit} (system property {@code spark.master}), else {@link #DEFAULT_MASTER}. The
 * session is quiet (no UI, no console progress bar) and binds the driver to the loopback interface in
 * local mode, so it runs on a machine without network.
 */
public final class SparkSessions {
    /** The master used when none is given: two local worker threads. */
    public static final String DEFAULT_MASTER = "local[2]";

    private static final Pattern MASTER = Pattern.compile(
            "local(\\[(\\*|[1-9]\\d{0,5})(,[1-9]\\d{0,5})?])?|local-cluster\\[[1-9]\\d*,[1-9]\\d*,[1-9]\\d*]"
                    + "|(spark|k8s|mesos)://\\S+|yarn");

    private SparkSessions() {
    }

    /**
     * @param master a Spark master URL, or {@code null} for spark-submit's or the default
     * @param appName the application name shown by the cluster manager
     * @return a new or the running session
     * @throws InvalidInputException when the master URL is malformed, or Spark refuses it
     */
    public static SparkSession open(String master, String appName) {
        String chosen = master != null ? master : System.getProperty("spark.master", DEFAULT_MASTER);
        if (!MASTER.matcher(chosen).matches()) {
            throw new InvalidInputException(List.of("master"), "Spark master: expected local, local[N], local[N,MAX_FAILURES] (N, MAX_FAILURES >= 1), local[*],"
                    + " spark://HOST:PORT, k8s://..., or yarn, found '" + chosen + "'");
        }
        SparkSession running = SparkSession.getDefaultSession().getOrElse(() -> null);
        if (running != null && !running.sparkContext().master().equals(chosen)) {
            running.stop();
        }
        SparkConf conf = new SparkConf()
                .setMaster(chosen)
                .setAppName(appName)
                .set("spark.ui.enabled", "false")
                .set("spark.ui.showConsoleProgress", "false")
                .set("spark.sql.parquet.compression.codec", "snappy")
                // Kryo also carries atlas-core's statistics objects (CkaStatistics), which are not java.io.Serializable.
                .set("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
        if (chosen.startsWith("local")) {
            conf.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
        }
        SparkSession session;
        try {
            session = SparkSession.builder().config(conf).getOrCreate();
        } catch (Exception e) {
            if (!(e instanceof SparkException || e instanceof IllegalArgumentException)) {
                throw e;
            }
            throw new InvalidInputException(List.of("master"), "Spark master '" + chosen + "': Spark cannot start it: "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
        session.sparkContext().setLogLevel("WARN");
        return session;
    }
}
