package latentatlas.cli;

import latentatlas.spark.StandaloneCluster;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's cluster section gives the command lines that StandaloneCluster runs in SparkClusterTest:
 * the same main classes and arguments, the same worker environment, the same --add-opens list as the
 * JVM of the tests (pom.xml's atlas.jvmArgs, which ./atlas passes too).
 */
class ClusterReadmeTest {
    @Test
    void theReadmeStartsTheClusterAsTheTestDoes() throws Exception {
        String readme = Files.readString(Path.of(System.getProperty("user.dir")).resolveSibling("README.md"));
        int at = readme.indexOf("#### A standalone cluster from this checkout");
        assertTrue(at >= 0, "the README has its cluster section");
        String section = readme.substring(at, readme.indexOf("### `atlas bench spark`", at));
        String master = "org.apache.spark.deploy.master.Master "
                + String.join(" ", StandaloneCluster.masterArguments("127.0.0.1", 7077, 8080));
        assertTrue(section.contains(master), master);
        String worker = "org.apache.spark.deploy.worker.Worker \\\n      "
                + String.join(" ", StandaloneCluster.workerArguments(1, "1g", "/tmp/spark-home/work-$w",
                "spark://127.0.0.1:7077"));
        assertTrue(section.contains(worker), worker);
        String environment = StandaloneCluster.workerEnvironment(Path.of("/tmp/spark-home")).entrySet().stream()
                .sorted(java.util.Map.Entry.comparingByKey()).map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
        assertTrue(section.contains(environment + " java $opens"), environment);
        assertTrue(section.contains("mkdir -p /tmp/spark-home/jars"), "SPARK_HOME with an empty jars/");
        List<String> opens = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(o -> o.startsWith("--add-opens")).toList();
        assertTrue(!opens.isEmpty(), "the tests run with the --add-opens list");
        assertTrue(section.contains("opens=\"" + String.join(" ", opens) + "\""), String.join(" ", opens));
    }
}
