package latentatlas.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Spark standalone cluster on this machine, started from the Spark jars already on the class path:
 * one master ({@code org.apache.spark.deploy.master.Master}) and {@code n} workers
 * ({@code org.apache.spark.deploy.worker.Worker}), each a child JVM with this JVM's class path and
 * {@code --add-opens} list, bound to 127.0.0.1. For the cluster test and {@code bench spark --cluster};
 * the README's cluster section gives the same command lines ({@link #masterArguments},
 * {@link #workerArguments}, {@link #workerEnvironment}).
 *
 * <p>A worker launches each executor with Spark's launcher ({@code WorkerCommandBuilder}), which needs
 * {@code SPARK_HOME} and a Scala version: {@code SPARK_HOME} is a folder of this cluster with an empty
 * {@code jars/} (Spark's own jars come with the application's class path,
 * {@code spark.executor.extraClassPath}, see {@link SparkSessions}) and {@code SPARK_SCALA_VERSION} is
 * 2.12, the Scala of the Spark on the class path.
 *
 * <pre>
 * try (StandaloneCluster cluster = StandaloneCluster.start(2, 1, "1g", workDir)) {
 *     SparkSession session = SparkSessions.open(cluster.masterUrl(), "job");
 *     ...
 *     cluster.killWorker(0);    // the worker and its executors, as a lost machine
 * }
 * </pre>
 */
public final class StandaloneCluster implements AutoCloseable {
    /** The Scala version of the Spark jars this project builds against (spark-core_2.12). */
    public static final String SCALA_VERSION = "2.12";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Path home;
    private final int port;
    private final int uiPort;
    private final Process master;
    private final List<Process> workers = new ArrayList<>();

    private StandaloneCluster(Path home, int port, int uiPort, Process master) {
        this.home = home;
        this.port = port;
        this.uiPort = uiPort;
        this.master = master;
    }

    /**
     * Starts a master and {@code workers} workers, and waits until every worker has registered.
     *
     * @param workers the number of workers, at least 1
     * @param cores cores per worker
     * @param memory memory per worker for executors, e.g. {@code 1g}
     * @param dir a folder for the cluster ({@code SPARK_HOME}, logs, work folders); created
     * @return the running cluster; close it
     * @throws IllegalStateException when it does not come up within two minutes (the logs are in {@code dir})
     */
    public static StandaloneCluster start(int workers, int cores, String memory, Path dir) {
        try {
            Files.createDirectories(dir.resolve("jars"));
            int port = freePort();
            int uiPort = freePort();
            Process master = launch(dir, "master", "org.apache.spark.deploy.master.Master",
                    masterArguments("127.0.0.1", port, uiPort), Map.of());
            StandaloneCluster cluster = new StandaloneCluster(dir, port, uiPort, master);
            try {
                cluster.await("the master", () -> listening(port));
                for (int w = 0; w < workers; w++) {
                    Path work = Files.createDirectories(dir.resolve("work-" + w));
                    cluster.workers.add(launch(dir, "worker-" + w, "org.apache.spark.deploy.worker.Worker",
                            workerArguments(cores, memory, work.toString(), cluster.masterUrl()), workerEnvironment(dir)));
                }
                cluster.await(workers + " workers", () -> cluster.aliveWorkers() >= workers);
                return cluster;
            } catch (RuntimeException | Error e) {
                cluster.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a standalone cluster in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** @return the master's arguments: {@code --host HOST --port PORT --webui-port UI} */
    public static List<String> masterArguments(String host, int port, int uiPort) {
        return List.of("--host", host, "--port", Integer.toString(port), "--webui-port", Integer.toString(uiPort));
    }

    /** @return a worker's arguments: {@code --host 127.0.0.1 --cores C --memory M --work-dir DIR MASTER_URL} */
    public static List<String> workerArguments(int cores, String memory, String workDir, String masterUrl) {
        return List.of("--host", "127.0.0.1", "--webui-port", "0", "--cores", Integer.toString(cores), "--memory", memory,
                "--work-dir", workDir, masterUrl);
    }

    /** @return a worker's environment: {@code SPARK_HOME} (with an empty {@code jars/}) and the Scala version */
    public static Map<String, String> workerEnvironment(Path sparkHome) {
        return Map.of("SPARK_HOME", sparkHome.toAbsolutePath().toString(), "SPARK_SCALA_VERSION", SCALA_VERSION);
    }

    /** @return {@code spark://127.0.0.1:PORT} */
    public String masterUrl() {
        return "spark://127.0.0.1:" + port;
    }

    /** @return the number of workers the master lists as ALIVE (its JSON status page) */
    public int aliveWorkers() {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + uiPort + "/json/")
                    .toURL().openConnection();
            connection.setConnectTimeout(2_000);
            connection.setReadTimeout(5_000);
            try (InputStream in = connection.getInputStream()) {
                String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                int workersAt = json.indexOf("\"workers\"");
                int end = json.indexOf("]", workersAt);
                if (workersAt < 0 || end < 0) {
                    return 0;
                }
                Matcher alive = Pattern.compile("\"state\"\\s*:\\s*\"ALIVE\"").matcher(json.substring(workersAt, end));
                int count = 0;
                while (alive.find()) {
                    count++;
                }
                return count;
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * Kills worker {@code w} and every process it started (its executors), at once, as a lost machine.
     *
     * @param w the worker's index
     */
    public void killWorker(int w) {
        kill(workers.get(w));
    }

    /** Stops every process of the cluster (the workers and their executors, then the master). */
    @Override
    public void close() {
        workers.forEach(StandaloneCluster::kill);
        kill(master);
    }

    /** @return the cluster's folder ({@code SPARK_HOME}, the logs {@code *.log}, the work folders) */
    public Path home() {
        return home;
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Process launch(Path dir, String name, String mainClass, List<String> arguments,
                                  Map<String, String> environment) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (option.startsWith("--add-opens")) {
                command.add(option);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        builder.environment().putAll(environment);
        return builder.start();
    }

    private void await(String what, java.util.function.BooleanSupplier ready) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!ready.getAsBoolean()) {
            if (!master.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("standalone cluster: " + what + " did not come up within "
                        + START_TIMEOUT.toSeconds() + " s (logs in " + home + ")");
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting the cluster", e);
            }
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
