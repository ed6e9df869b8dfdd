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
 * session is quiet (no UI, no console progress bar), does not compress shuffled rows (float vectors
 * barely compress; {@code spark.shuffle.compress}, when set, is kept) and binds the driver to the loopback interface in
 * local mode and for a master on 127.0.0.1 or localhost, so it runs on a machine without network.
 *
 * <p>The cores belong to Spark: every task runs PyTorch with one intra-op and one inter-op thread
 * ({@value #THREADS}, in the executors' {@code spark.executor.extraJavaOptions}, and in this JVM, where
 * the local-mode tasks run), and {@code OMP_NUM_THREADS=1} in the executors' environment. For a
 * {@code spark://} master given explicitly (not by spark-submit), the executors get this JVM's class
 * path ({@code spark.executor.extraClassPath}, unless set): right for workers that see the same paths,
 * such as {@link StandaloneCluster}'s or a cluster sharing the checkout.
 */
public final class SparkSessions {
    /** The master used when none is given: two local worker threads. */
    public static final String DEFAULT_MASTER = "local[2]";

    private static final Pattern MASTER = Pattern.compile(
            "local(\\[(\\*|[1-9]\\d{0,5})(,[1-9]\\d{0,5})?])?|local-cluster\\[[1-9]\\d*,[1-9]\\d*,[1-9]\\d*]"
                    + "|(spark|k8s|mesos)://\\S+|yarn");

    /** The JVM options that give each task's PyTorch one thread (DJL reads them when the engine starts). */
    static final String THREADS = "-Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1";

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
        // The jobs shuffle float vectors, which LZ4 barely shrinks (dense ones, such as the atlas's cosines, not at
        // all; ReLU features, half zeros, to ~2/3): here compressing costs more CPU than it saves I/O (the Spark CKA
        // of 200,000 rows x 256 against x 128, local[2]: 1.9 s -> 1.65 s). A network-bound cluster may set it back.
        if (!conf.contains("spark.shuffle.compress")) {
            conf.set("spark.shuffle.compress", "false");
        }
        if (chosen.startsWith("local") || chosen.startsWith("spark://127.0.0.1:") || chosen.startsWith("spark://localhost:")) {
            conf.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
        }
        conf.set("spark.executor.extraJavaOptions", (THREADS + " -Dai.djl.offline=true "
                + conf.get("spark.executor.extraJavaOptions", "")).strip());
        conf.setExecutorEnv("OMP_NUM_THREADS", "1");
        for (String option : THREADS.split(" ")) {
            String[] pair = option.substring(2).split("=");
            if (System.getProperty(pair[0]) == null) {
                System.setProperty(pair[0], pair[1]);
            }
        }
        if (master != null && chosen.startsWith("spark://") && !conf.contains("spark.executor.extraClassPath")) {
            conf.set("spark.executor.extraClassPath", System.getProperty("java.class.path"));
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
