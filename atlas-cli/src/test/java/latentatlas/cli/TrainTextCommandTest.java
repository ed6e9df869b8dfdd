package latentatlas.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import latentatlas.dataset.DataPaths;
import latentatlas.dataset.DatasetStatus;
import latentatlas.dataset.Datasets;
import latentatlas.io.Npy;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

import static latentatlas.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code atlas train} on a text dataset: a 6-intent cut of the real CLINC150 file (20 train, 5 val,
 * 10 test sentences per intent), the real MiniLM encoder and the MLP head; a second run reads the
 * cached vectors (0 sentences encoded) and keeps the charts.
 */
@Tag("real-data")
class TrainTextCommandTest {
    /** Writes {@code dir/data_full.json} with the first 6 intents (by name) of CLINC150 and the first sentences of each. */
    private static void writeCut(Path dir) throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode full = json.readTree(DataPaths.sharedData().resolve("clinc150/data_full.json").toFile());
        TreeSet<String> intents = new TreeSet<>();
        full.get("train").forEach(pair -> intents.add(pair.get(1).asText()));
        TreeSet<String> kept = new TreeSet<>(intents.stream().limit(6).toList());
        ObjectNode cut = json.createObjectNode();
        for (Map.Entry<String, Integer> split : Map.of("train", 20, "val", 5, "test", 10).entrySet()) {
            ArrayNode pairs = cut.putArray(split.getKey());
            Map<String, Integer> taken = new LinkedHashMap<>();
            for (JsonNode pair : full.get(split.getKey())) {
                String intent = pair.get(1).asText();
                if (kept.contains(intent) && taken.merge(intent, 1, Integer::sum) <= split.getValue()) {
                    pairs.add(pair);
                }
            }
        }
        Files.createDirectories(dir);
        json.writeValue(dir.resolve("data_full.json").toFile(), cut);
    }

    @Test
    void trainsTextChartsAndReusesTheCachedVectors(@TempDir Path dir) throws IOException {
        DatasetStatus status = Datasets.status("clinc150");
        assumeTrue(status.found(), status.reason());
        writeCut(dir.resolve("clinc"));
        String dataset = "clinc150:" + dir.resolve("clinc");
        Path plan = dir.resolve("plan.json");
        CliRun tasks = run("tasks", "--dataset", dataset, "--setting", "shared-classes", "--shared", "4", "--novel", "1",
                "--anchors", "8", "--seed", "3", "--out", plan.toString());
        assertEquals(0, tasks.status(), tasks.err());
        Path out = dir.resolve("run");
        String[] train = {"train", "--plan", plan.toString(), "--out", out.toString(), "--encoder", "minilm",
            "--max-epochs", "8", "--seed", "5"};

        CliRun first = run(train);
        assertEquals(0, first.status(), first.err());
        // 6 x (20 + 5 + 10) = 210 sentences
        assertTrue(first.out().contains("encoder minilm: 210 sentences encoded in"), first.out());
        try (var folders = Files.list(out.resolve("encoders"))) {
            Path cached = folders.findFirst().orElseThrow();
            assertTrue(cached.getFileName().toString().matches("clinc150-[0-9a-f]{8}-minilm"), cached.toString());
            assertTrue(Files.isRegularFile(cached.resolve("train/vectors.npy")));
        }
        JsonNode chart = new ObjectMapper().readTree(out.resolve("charts/task-0/chart.json").toFile());
        assertEquals("mlp-head", chart.at("/architecture/name").asText());
        assertEquals("minilm", chart.at("/architecture/encoder").asText());
        assertEquals(384, chart.at("/architecture/inputDim").asInt());
        assertEquals(128, chart.at("/embeddingDim").asInt());
        // end-to-end chart on 6 intents, 10 test sentences each: chance 1/6
        double accuracy = chart.at("/metrics/testAccuracy").asDouble();
        assertTrue(accuracy > 0.6, "end-to-end test accuracy " + accuracy);

        CliRun second = run(train);
        assertEquals(0, second.status(), second.err());
        assertTrue(second.out().contains("encoder minilm: all 3 splits from the cache"), second.out());
        assertTrue(second.out().contains("0 sentences encoded"), second.out());
        assertTrue(second.out().contains("task 0: complete, kept"), second.out());

        CliRun embed = run("embed", "--run", out.toString());
        assertEquals(0, embed.status(), embed.err());
        assertTrue(embed.out().contains("0 sentences encoded"), embed.out());
        Npy.Matrix test = Npy.readMatrix(out.resolve("spaces/task-0/test.npy"));
        assertEquals(128, test.cols());
        assertEquals(60, test.rows());

        CliRun bge = run("train", "--plan", plan.toString(), "--out", out.toString(), "--encoder", "e6");
        assertEquals(Main.USER_ERROR, bge.status());
        assertTrue(bge.err().contains("encoder: expected one of minilm, bge, e5, found 'e6'"), bge.err());
        assertFalse(bge.err().contains("Exception"), bge.err());
    }
}
