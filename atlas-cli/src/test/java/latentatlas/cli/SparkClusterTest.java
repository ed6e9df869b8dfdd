package latentatlas.cli;

import latentatlas.io.Npy;
import latentatlas.space.LatentSpace;
import latentatlas.space.LatentSpaces;
import latentatlas.spark.StandaloneCluster;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code atlas spark merge} and {@code spark compare} on a real Spark standalone cluster: a master and
 * two workers on 127.0.0.1, child JVMs started from the Spark jars on the class path
 * ({@link StandaloneCluster}, the command lines of the README's cluster section). The atlas equals the
 * single-machine {@code atlas merge} within 1e-6 and the CKA the in-memory {@code atlas compare}'s; a
 * second merge loses a worker (killed with its executor after the first task of the id-partitioned
 * stage ends) and still finishes with the same atlas. Everything started is stopped, also on failure.
 */
@Tag("real-data")
class SparkClusterTest {
    private static final int CHARTS = 3;
    private static final int ROWS = 3_000;
    private static final int DIM = 12;
    private static final int PARTITIONS = 6;

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        assertEquals(0, status, String.join(" ", args) + ": " + err);
        return out.toString();
    }

    @Test
    void mergesAndComparesOnAStandaloneClusterAndSurvivesALostWorker(@TempDir Path dir) throws Exception {
        SplittableRandom random = new SplittableRandom(11);
        String[] spaces = new String[2 * CHARTS];
        for (int t = 0; t < CHARTS; t++) {
            long[] ids = new long[ROWS];
            float[] v = new float[ROWS * DIM];
            for (int i = 0; i < ROWS; i++) {
                ids[i] = t * 500L + (i * 7L) % ROWS; // overlapping ids (common: 1000..2999), scrambled order
            }
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) random.nextGaussian();
            }
            LatentSpaces.save(LatentSpace.of("c" + t, ids, v, DIM, null), dir, "c" + t);
            spaces[2 * t] = "--space";
            spaces[2 * t + 1] = "c" + t + "=" + dir.resolve("c" + t + ".npy") + ":" + dir.resolve("c" + t + ".ids.npy");
        }
        long[] anchors = new long[24];
        for (int j = 0; j < anchors.length; j++) {
            anchors[j] = 1000 + 7L * j; // held by every chart
        }
        Npy.writeLongs(dir.resolve("anchors.npy"), anchors);
        run(concat(concat(new String[] {"merge"}, spaces), "--anchors", dir.resolve("anchors.npy").toString(),
                "--out", dir.resolve("local").toString()));
        run(concat(concat(new String[] {"spark", "export", "--master", "local[2]"}, spaces), "--anchors",
                dir.resolve("anchors.npy").toString(), "--out", dir.resolve("parquet").toString()));
        String rows = dir.resolve("parquet/rows.parquet").toString();
        String anchorTable = dir.resolve("parquet/anchors.parquet").toString();
        try (StandaloneCluster cluster = StandaloneCluster.start(2, 1, "1g", dir.resolve("cluster"))) {
            try {
                String master = cluster.masterUrl();
                assertTrue(master.matches("spark://127\\.0\\.0\\.1:\\d+"), master);
                assertEquals(2, cluster.aliveWorkers());
                run("spark", "merge", "--master", master, "--rows", rows, "--anchors", anchorTable,
                        "--partitions", Integer.toString(PARTITIONS), "--out", dir.resolve("atlas1.parquet").toString());
                SparkSession session = SparkSession.getDefaultSession().get();
                assertEquals(master, session.sparkContext().master());
                AtomicBoolean killed = new AtomicBoolean();
                Map<Integer, Integer> stageTasks = new ConcurrentHashMap<>();
                session.sparkContext().addSparkListener(new SparkListener() {
                    @Override
                    public void onStageSubmitted(SparkListenerStageSubmitted stage) {
                        stageTasks.put(stage.stageInfo().stageId(), stage.stageInfo().numTasks());
                    }

                    @Override
                    public void onTaskEnd(SparkListenerTaskEnd task) {
                        if (stageTasks.getOrDefault(task.stageId(), 0) == PARTITIONS && killed.compareAndSet(false, true)) {
                            cluster.killWorker(0);
                        }
                    }
                });
                run("spark", "merge", "--master", master, "--rows", rows, "--anchors", anchorTable,
                        "--partitions", Integer.toString(PARTITIONS), "--out", dir.resolve("atlas2.parquet").toString());
                assertTrue(killed.get(), "a worker was killed during the second merge");
                assertEquals(1, waitForAliveWorkers(cluster, 1), "the master lost the killed worker");
                String compare = run("spark", "compare", "--master", master, dir.resolve("atlas2.parquet").toString(), rows,
                        "--chart-b", "c0");
                double sparkCka = number(compare, "linear CKA: (\\S+)");
                // the same comparison on one machine: the atlas (from the single-machine merge) against chart c0
                String memory = run("compare", dir.resolve("local/atlas.npy").toString(), dir.resolve("c0.npy").toString(),
                        "--ids-a", dir.resolve("local/atlas.ids.npy").toString(), "--ids-b", dir.resolve("c0.ids.npy").toString(),
                        "--block-rows", "1000");
                assertEquals(number(memory, "cka.linear\\s+(\\S+)"), sparkCka, 1e-6, compare + memory);
                System.out.printf("cluster test: worker 0 killed during the second merge; spark compare CKA %.9f,"
                        + " in memory %.9f%n", sparkCka, number(memory, "cka.linear\\s+(\\S+)"));
            } finally { // the application ends before its cluster
                SparkSession.getDefaultSession().foreach(s -> {
                    s.stop();
                    return null;
                });
            }
        }
        Map<Long, float[]> expected = atlas(dir.resolve("local/atlas.npy"), dir.resolve("local/atlas.ids.npy"));
        for (String table : new String[] {"atlas1.parquet", "atlas2.parquet"}) {
            Path imported = dir.resolve("import-" + table);
            run("spark", "import", "--master", "local[2]", "--in", dir.resolve(table).toString(), "--out", imported.toString());
            Map<Long, float[]> got = atlas(imported.resolve("atlas.npy"), imported.resolve("atlas.ids.npy"));
            assertEquals(expected.keySet(), got.keySet(), table);
            double max = 0;
            for (Map.Entry<Long, float[]> e : expected.entrySet()) {
                float[] g = got.get(e.getKey());
                for (int j = 0; j < g.length; j++) {
                    max = Math.max(max, Math.abs(g[j] - e.getValue()[j]));
                }
            }
            assertTrue(max <= 1e-6, table + ": max |spark - local| = " + max);
            System.out.printf("cluster test: %s, %d ids, max |spark - single machine| = %.3g%n", table, got.size(), max);
        }
        assertTrue(Files.readString(dir.resolve("cluster/worker-1.log")).contains("Successfully registered with master"));
    }

    private static int waitForAliveWorkers(StandaloneCluster cluster, int expected) throws InterruptedException {
        int alive = cluster.aliveWorkers();
        for (int i = 0; i < 400 && alive != expected; i++) { // the master drops a worker when its connection closes
            Thread.sleep(250);
            alive = cluster.aliveWorkers();
        }
        return alive;
    }

    private static double number(String text, String pattern) {
        Matcher m = Pattern.compile(pattern).matcher(text);
        assertTrue(m.find(), pattern + " in " + text);
        return Double.parseDouble(m.group(1));
    }

    private static Map<Long, float[]> atlas(Path vectors, Path ids) {
        Npy.Matrix m = Npy.readMatrix(vectors);
        long[] idValues = Npy.readLongs(ids);
        Map<Long, float[]> byId = new HashMap<>();
        for (int i = 0; i < idValues.length; i++) {
            byId.put(idValues[i], java.util.Arrays.copyOfRange(m.data(), i * m.cols(), (i + 1) * m.cols()));
        }
        return byId;
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
