package latentatlas.cli.badinput;

import latentatlas.charts.Chart;
import latentatlas.cli.Main;
import latentatlas.io.RunLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Faults of a run folder through the commands: a folder another run holds is refused by every command
 * that writes one (the kill -9 side of the lock is {@code RunLockTest} in atlas-core), and a damaged
 * chart is trained again by {@code atlas train}.
 */
class RunFolderFaultsTest {
    @TempDir
    Path dir;

    @Test
    void everyCommandThatWritesARunFolderRefusesOneInUse() throws Exception {
        Path run = TrainedRun.copyTo(dir);
        String plan = run.resolve("plan.json").toString();
        try (RunLock held = RunLock.acquire(run)) {
            Map<String, String> before = BadInputSuite.tree(dir);
            String holder = Files.readString(run.resolve(RunLock.FILE)).strip();
            for (List<String> args : List.of(List.of("train", "--plan", plan, "--out", run.toString()),
                    List.of("embed", "--run", run.toString()),
                    List.of("run", "--dataset", datasetOf(plan), "--setting", "disjoint", "--anchors", "10",
                            "--out", run.toString()),
                    List.of("paper", "--dataset", datasetOf(plan), "--out", run.toString()))) {
                StringWriter err = new StringWriter();
                int status = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err, true),
                        args.toArray(String[]::new));
                assertEquals(Main.USER_ERROR, status, args + ": " + err);
                assertEquals("atlas " + args.get(0) + ": " + run.toAbsolutePath() + " is in use by another atlas run ("
                        + holder + "); wait for it or stop it", err.toString().strip());
                assertEquals(before, BadInputSuite.tree(dir), args + " left the folder as it was");
            }
        }
        assertTrue(!Files.exists(run.resolve(RunLock.FILE)), "released");
    }

    @Test
    void trainRetrainsADamagedChart() throws Exception {
        Path run = TrainedRun.copyTo(dir);
        Path weights = run.resolve("charts/task-0").resolve(Chart.WEIGHTS);
        byte[] bytes = Files.readAllBytes(weights);
        Files.write(weights, Arrays.copyOf(bytes, bytes.length / 3));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), "train", "--plan",
                run.resolve("plan.json").toString(), "--out", run.toString(), "--tasks", "0", "--max-epochs", "1");
        assertEquals(0, status, err.toString());
        assertTrue(out.toString().startsWith("task 0: 10 classes, 1 epochs"), out.toString());
        try (Chart chart = Chart.load(run.resolve("charts/task-0"))) {
            assertEquals(0, chart.task());
        }
        assertEquals(List.of("charts", "plan.json"), Files.list(run).map(p -> p.getFileName().toString()).sorted().toList(),
                "no lock file, nothing else left");
    }

    /**
     * {@code train --deterministic} trains the plan's charts at once (one PyTorch thread each); killed
     * before a chart's folder was swapped in (here: the folder removed), the rerun keeps the complete
     * charts and trains the missing one again, the same bit for bit.
     */
    @Test
    void aConcurrentDeterministicTrainResumesWithTheSameCharts() throws Exception {
        Path run = TrainedRun.copyTo(dir);
        String[] args = {"train", "--plan", run.resolve("plan.json").toString(), "--out", run.toString(),
            "--deterministic", "--max-epochs", "1"};
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args), err.toString());
        for (int task = 0; task < 3; task++) {
            assertTrue(out.toString().contains("task " + task + ": "), out.toString());
        }
        Path weights = run.resolve("charts/task-1").resolve(Chart.WEIGHTS);
        byte[] first = Files.readAllBytes(weights);
        try (var files = Files.list(weights.getParent())) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(weights.getParent());
        StringWriter again = new StringWriter();
        assertEquals(0, Main.run(new PrintWriter(again, true), new PrintWriter(err, true), args), err.toString());
        assertTrue(again.toString().contains("task 0: complete, kept"), again.toString());
        assertTrue(again.toString().contains("task 2: complete, kept"), again.toString());
        assertTrue(again.toString().contains("task 1: "), again.toString());
        assertArrayEquals(first, Files.readAllBytes(weights), "task 1 trained again, the same bit for bit");
    }

    /** @return the plan's dataset spec ({@code mnist:DIR}) */
    private static String datasetOf(String plan) throws Exception {
        String json = Files.readString(Path.of(plan));
        int at = json.indexOf("mnist:");
        return json.substring(at, json.indexOf('"', at));
    }
}
