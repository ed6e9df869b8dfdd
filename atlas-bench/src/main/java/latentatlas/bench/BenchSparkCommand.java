package latentatlas.bench;


import latentatlas.InvalidInputException;
import latentatlas.atlas.Atlas;
import latentatlas.atlas.AtlasBuilder;
import latentatlas.charts.TorchRuntime;
import latentatlas.metrics.LinearCka;
import latentatlas.space.LatentSpace;
import latentatlas.spark.AtlasTables;
import latentatlas.spark.CompareJob;
import latentatlas.spark.IdBuckets;
import latentatlas.spark.MergeJob;
import latentatlas.spark.ParquetOutput;
import latentatlas.spark.PartitionHook;
import latentatlas.spark.SpaceImport;
import latentatlas.spark.SparkSessions;
import latentatlas.spark.SpaceExport;
import latentatlas.spark.StandaloneCluster;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;

/**
 * {@code atlas bench spark}: the distributed merge and CKA on synthetic charts ({@code --charts} charts
 * that all embed the same {@code --rows} ids, {@code --dim} wide, {@code --anchors} anchors), timed per
 * stage under each master of {@code --masters}, beside the single-machine merge and CKA of the same data
 * when it fits in memory. Chart t's vector of id i is {@code z_i + 0.5 e_{t,i}}, with {@code z_i} and
 * {@code e_{t,i}} standard Gaussian, seeded by (seed, t, i): the same numbers on any partitioning.
 * In local mode the CKA ratio is also measured paired: the last master's Spark CKA and the single
 * machine's run by turns, {@link #CKA_PAIRS} times, and the median of the pairs' ratios is printed, which
 * holds while the machine's speed drifts (each pair's two runs are seconds apart).
 */
@Command(name = "spark", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Benchmark the Spark jobs: merge (read, shuffle by id, project, aggregate, write) and CKA"
                + " against a reference space, rows/s per stage under each master, the local[1] -> local[2]"
                + " scaling, and the ratio to the single-machine merge of the same data where it fits in memory."})
public final class BenchSparkCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Option(names = "--rows", defaultValue = "2000000", description = "Samples per chart (all charts embed the same ids).")
    private int rows;

    @Option(names = "--charts", defaultValue = "5", description = "Charts.")
    private int charts;

    @Option(names = "--dim", defaultValue = "128", description = "Absolute width.")
    private int dim;

    @Option(names = "--anchors", defaultValue = "256", description = "Anchors (the atlas width).")
    private int anchors;

    @Option(names = "--masters", defaultValue = "local[1],local[2]", split = ",",
            description = "Masters to time, in order.")
    private List<String> masters;

    @Option(names = "--cluster", description = "Time a Spark standalone cluster on 127.0.0.1 instead (a master and"
            + " two workers of one core each, child JVMs from the jars on the class path): with one executor core"
            + " (spark.cores.max=1), then with both workers.")
    private boolean cluster;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the synthetic data.")
    private long seed;

    @Option(names = "--work", paramLabel = "DIR", description = "Scratch folder for the Parquet tables (default: a"
            + " temporary folder, deleted at the end).")
    private Path work;

    @Override
    public void run() {
        if (rows < 10 || charts < 1 || dim < 1 || anchors < 1) {
            throw new InvalidInputException("--rows >= 10, --charts, --dim, --anchors >= 1 expected, found " + rows
                    + ", " + charts + ", " + dim + ", " + anchors);
        }
        PrintWriter out = spec.commandLine().getOut();
        Path dir = work;
        try {
            dir = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("atlas-bench-spark");
            long total = (long) rows * charts;
            out.printf("bench spark: %d charts x %,d rows x %d-d onto %d anchors = %,d chart rows; CKA vs a %,d x %d"
                    + " reference (%d cores; timings are noisy when other processes share them)%n", charts, rows, dim,
                    anchors, total, rows, dim, Runtime.getRuntime().availableProcessors());
            // The single-machine baseline runs as atlas merge does, with the engine's own thread count; the
            // Spark tasks, which run in this JVM in local mode, with one thread each, as SparkSessions gives them.
            int threads = TorchRuntime.threads();
            Path scratch = dir;
            Map<String, double[]> seconds = TorchRuntime.withThreads(1, () -> timeMasters(scratch, total, out));
            out.printf("single machine: PyTorch with %d intra-op thread(s), as atlas merge runs (Spark tasks: 1 each)%n",
                    threads);
            singleMachine(total, seconds.get(masters.get(masters.size() - 1)), out);
            if (seconds.size() > 1) {
                double[] first = seconds.get(masters.get(0));
                double[] last = seconds.get(masters.get(masters.size() - 1));
                String[] names = {"read", "shuffle", "project", "write", "merge", "CKA"};
                StringBuilder ratios = new StringBuilder();
                for (int i = 0; i < names.length; i++) {
                    ratios.append(i > 0 ? ", " : "").append(names[i]).append(first[i] < 0.05 || last[i] < 0.05 ? " n/a"
                            : String.format(java.util.Locale.ROOT, " x%.2f", first[i] / last[i]));
                }
                out.printf("scaling %s -> %s: %s (speed-up, 2.0 = linear for 1 -> 2 workers)%n", masters.get(0),
                        masters.get(masters.size() - 1), ratios);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (work == null && dir != null) {
                delete(dir);
            }
        }
    }

    /** @return per master label, its stage seconds ({@link #time}) */
    private Map<String, double[]> timeMasters(Path dir, long total, PrintWriter out) {
        Map<String, double[]> seconds = new LinkedHashMap<>();
        if (cluster) {
            try (StandaloneCluster standalone = StandaloneCluster.start(2, 1, "2g", dir.resolve("cluster"))) {
                masters = List.of(standalone.masterUrl() + " (1 core)", standalone.masterUrl() + " (2 workers)");
                Tables tables = generate(dir, standalone.masterUrl());
                for (int cores = 1; cores <= 2; cores++) {
                    SparkSession.getDefaultSession().foreach(session -> {
                        session.stop();
                        return null;
                    });
                    System.setProperty("spark.cores.max", Integer.toString(cores));
                    seconds.put(masters.get(cores - 1), time(standalone.masterUrl(), masters.get(cores - 1), tables,
                            total, out));
                }
            } finally {
                sparkCka = null; // the cluster is gone
                lastAtlas = null;
                System.clearProperty("spark.cores.max");
                SparkSession.getDefaultSession().foreach(session -> {
                    session.stop();
                    return null;
                });
            }
        } else {
            Tables tables = generate(dir, masters.get(masters.size() - 1));
            for (String master : masters) {
                seconds.put(master, time(master, master, tables, total, out));
            }
        }
        return seconds;
    }

    private record Tables(String rows, String anchors, String reference) {
    }

    /** The last master's Spark CKA of its atlas against the reference, while its session runs (else null). */
    private Runnable sparkCka;

    /** The last master's atlas, while its session runs (else null). */
    private WrittenAtlas lastAtlas;

    private record WrittenAtlas(SparkSession session, String path) {
    }

    private Tables generate(Path dir, String master) {
        SparkSession spark = SparkSessions.open(master, "atlas bench spark: data");
        long start = System.nanoTime();
        Tables tables = new Tables(dir.resolve("rows.parquet").toString(), dir.resolve("anchors.parquet").toString(),
                dir.resolve("reference.parquet").toString());
        long total = (long) rows * charts;
        int partitions = (int) Math.max(2, total / 200_000);
        ParquetOutput.write(spark.range(0, total, 1, partitions).mapPartitions(new ChartRows(seed, rows, dim, false),
                Encoders.row(AtlasTables.ROWS)).toDF(), tables.rows());
        // the reference as spark export writes a space: bucketed by id
        ParquetOutput.writeBucketed(spark.range(0, rows, 1, Math.max(2, rows / 200_000)).mapPartitions(
                new ChartRows(seed, rows, dim, true), Encoders.row(AtlasTables.ROWS)).toDF(), tables.reference(), rows);
        Map<String, LatentSpace> anchorSpaces = new LinkedHashMap<>();
        for (int t = 0; t < charts; t++) {
            anchorSpaces.put("chart" + t, chartSpace(t, anchorIds(), null));
        }
        ParquetOutput.write(SpaceExport.anchorRows(spark, anchorSpaces), tables.anchors());
        spec.commandLine().getOut().printf("data: written in %.1f s%n", (System.nanoTime() - start) / 1e9);
        return tables;
    }

    /**
     * Times the merge stage by stage, after one untimed scan of the chart rows (executors started, code
     * warm). Every stage runs the job's own plan up to that stage into Spark's {@code noop} sink (rows
     * consumed as Spark's internal rows, nothing converted or kept): read (scan and check the chart
     * rows), shuffle (repartition by id), project (the merge job's projection and per-id aggregation);
     * then the merge itself, written as Parquet. Each stage is the difference to the one before, so
     * read + shuffle + project + write = merge exactly; a difference within the noise is printed as such,
     * a negative one as not available.
     * Then the CKA against the reference, after an untimed one (the partition code compiled, as the
     * scans before the merge warm it): the median of {@link #CKA_RUNS} runs, as the single machine's, since
     * one run of a few seconds moves with whatever else the cores do. Each timed piece prints the
     * executors' busy share ({@link Busy}; the CKA's over its runs).
     *
     * @return {read, shuffle, project, write, merge, CKA} seconds
     */
    private double[] time(String master, String label, Tables tables, long total, PrintWriter out) {
        SparkSession spark = SparkSessions.open(master, "atlas bench spark");
        Busy busy = Busy.attach(spark);
        Dataset<Row> chartRows = AtlasTables.readChartRows(spark, List.of(tables.rows()));
        int partitions = IdBuckets.count(total, 2);
        MergeJob job = MergeJob.builder().setRows(chartRows)
                .setAnchors(AtlasTables.readAnchors(spark, List.of(tables.anchors()))).optPartitions(partitions).build();
        discard(chartRows); // warm-up, untimed
        busy.reset();
        double read = seconds(() -> discard(chartRows));
        String readBusy = busy.share(read);
        double shuffled = seconds(() -> discard(chartRows.repartition(partitions, col(AtlasTables.ID))));
        String shuffleBusy = busy.share(shuffled);
        double projected = seconds(() -> discard(job.atlas()));
        String projectBusy = busy.share(projected);
        String atlasPath = Path.of(tables.rows()).resolveSibling("atlas-" + label.replaceAll("\\W", "") + ".parquet").toString();
        long cpuStart = processCpuNanos();
        double merge = seconds(() -> job.write(atlasPath));
        double mergeCores = (processCpuNanos() - cpuStart) / 1e9 / merge;
        String mergeBusy = busy.share(merge);
        double[] value = new double[1];
        Runnable cka = () -> value[0] = CompareJob.compare(AtlasTables.readSpace(spark, atlasPath, null),
                AtlasTables.readSpace(spark, tables.reference(), null), PartitionHook.NONE).linearCka();
        cka.run(); // warm-up, untimed
        sparkCka = cka;
        lastAtlas = new WrittenAtlas(spark, atlasPath);
        busy.reset();
        long ckaStart = System.nanoTime();
        double compare = median(cka);
        double ckaWall = (System.nanoTime() - ckaStart) / 1e9;
        out.printf(java.util.Locale.ROOT, "%s: CKA = %.6f%n", label, value[0]);
        String compareBusy = busy.share(ckaWall);
        double[] s = {read, shuffled - read, projected - shuffled, merge - projected, merge, compare};
        out.printf("%s: read %s | shuffle by id %s | project+aggregate %s | write %s | merge %s | CKA %s%n",
                label, stage(s[0], total, "rows"), stage(s[1], total, "rows"), stage(s[2], total, "rows"),
                stage(s[3], rows, "atlas rows"), stage(s[4], total, "rows"), stage(s[5], rows, "rows"));
        out.printf("%s: executors busy (task time / (wall x %d cores)): read %s, up to the shuffle %s, up to the"
                + " projection %s, merge %s, CKA %s%n", label, busy.cores, readBusy, shuffleBusy, projectBusy,
                mergeBusy, compareBusy);
        out.printf(java.util.Locale.ROOT, "%s: the merge kept %.2f of this machine's %d cores busy (the whole process:"
                + " tasks, garbage collection, the kernel's I/O on its behalf)%n", label, mergeCores,
                Runtime.getRuntime().availableProcessors());
        busy.detach();
        return s;
    }

    /** @return the CPU time of this JVM's process so far (every thread, and the kernel's time on its behalf) */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Runs a plan to its end into Spark's noop sink: every row produced, as an internal row, none kept. */
    private static void discard(Dataset<Row> table) {
        table.write().format("noop").mode(SaveMode.Overwrite).save();
    }

    /** Runs of each CKA timing, whose median is printed (Spark's and the single machine's alike). */
    private static final int CKA_RUNS = 3;

    /** @return the median seconds of {@link #CKA_RUNS} runs of {@code work} */
    private static double median(Runnable work) {
        double[] runs = new double[CKA_RUNS];
        for (int r = 0; r < CKA_RUNS; r++) {
            runs[r] = seconds(work);
        }
        return median(runs);
    }

    private static double seconds(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * @return "S s (R rows/s)"; "~0 s (within the noise)" for a stage whose difference is within 0.05 s
     *     of 0; "n/a" for one more negative, where the machine's speed drifted between the runs
     */
    private static String stage(double seconds, long rows, String what) {
        if (seconds < -0.05) {
            return String.format(java.util.Locale.ROOT, "n/a (%.1f s: this run was faster than the one before it,"
                    + " the machine's speed drifted)", seconds);
        }
        return seconds < 0.05 ? String.format(java.util.Locale.ROOT, "~0 s (%.2f s: within the noise)", seconds)
                : String.format(java.util.Locale.ROOT, "%.1f s (%,.0f %s/s)", seconds, rows / seconds, what);
    }

    /**
     * The executors' task time (Spark's executor run time of every finished task) since the last
     * reading, as a share of the wall time the cores offered: 100% is every core running a task all
     * the time; less is idle cores (too few or uneven tasks, the driver's own work between jobs). Beside
     * it, the tasks' CPU time (their threads' own, PyTorch's native work included) as a share of
     * their run time: a task slot kept busy without a core to run on shows as a low CPU share.
     */
    private static final class Busy extends SparkListener {
        private final SparkSession spark;
        private final int cores;
        private final AtomicLong taskMillis = new AtomicLong();
        private final AtomicLong cpuNanos = new AtomicLong();

        private Busy(SparkSession spark, int cores) {
            this.spark = spark;
            this.cores = cores;
        }

        /** Listens to the session's tasks; the task slots are N of local[N], else spark.cores.max, else the default parallelism. */
        static Busy attach(SparkSession spark) {
            String master = spark.sparkContext().master();
            Matcher local = Pattern.compile("local(?:\\[(\\d+|\\*)(?:,\\d+)?])?").matcher(master);
            int cores = local.matches() ? local.group(1) == null ? 1 : local.group(1).equals("*")
                    ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(local.group(1))
                    : spark.sparkContext().getConf().getInt("spark.cores.max", spark.sparkContext().defaultParallelism());
            Busy busy = new Busy(spark, cores);
            spark.sparkContext().addSparkListener(busy);
            return busy;
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
            if (end.taskMetrics() != null) {
                taskMillis.addAndGet(end.taskMetrics().executorRunTime());
                cpuNanos.addAndGet(end.taskMetrics().executorCpuTime());
            }
        }

        void reset() {
            drained();
            taskMillis.set(0);
            cpuNanos.set(0);
        }

        /** Waits until the listener has seen the events of the jobs that have ended. */
        private void drained() {
            try {
                spark.sparkContext().listenerBus().waitUntilEmpty();
            } catch (Exception e) {
                throw new IllegalStateException("Spark's listener bus did not drain: " + e.getMessage(), e);
            }
        }

        /**
         * @return the busy share since the last reading, over {@code seconds} of wall time, and the share of
         *     the tasks' time they got a CPU (below 100%: waiting for a core, e.g. other processes, or I/O)
         */
        String share(double seconds) {
            drained();
            double task = taskMillis.getAndSet(0) / 1e3;
            double cpu = cpuNanos.getAndSet(0) / 1e9;
            return String.format(java.util.Locale.ROOT, "%.0f%% (on CPU %.0f%%)", 100 * task / (seconds * cores),
                    task > 0 ? 100 * cpu / task : 0);
        }

        void detach() {
            spark.sparkContext().removeSparkListener(this);
        }
    }

    /**
     * The single-machine merge and CKA of the same data, in memory, where the charts, their relative
     * spaces and the atlas fit in half the heap; else, where the atlas and the reference do, the CKA
     * alone, of the last master's atlas read back from its Parquet (untimed; the atlas equals the
     * in-memory one, MergeJobTest).
     */
    private void singleMachine(long total, double[] spark, PrintWriter out) {
        long mergeBytes = total * (dim + anchors) * 4L + (long) rows * (anchors * 12L + dim * 4L);
        long ckaBytes = (long) rows * (anchors + dim) * 4L;
        long half = Runtime.getRuntime().maxMemory() / 2;
        if (mergeBytes <= half) {
            long start = System.nanoTime();
            Atlas atlas = mergeInMemory();
            double merge = (System.nanoTime() - start) / 1e9;
            out.printf("single machine (in memory, no Parquet): merge %.1f s (%,.0f rows/s); Spark %s / single machine"
                    + " time: merge %.2f%n", merge, total / merge, masters.get(masters.size() - 1), spark[4] / merge);
            compareInMemory(atlas.space(), spark[5], out);
        } else if (ckaBytes <= half && lastAtlas != null) {
            out.printf("single machine: merge skipped, its data needs ~%.1f GB, more than half of this JVM's %.1f GB"
                    + " heap (ATLAS_JAVA_OPTS=-Xmx%dg); CKA of %s's atlas, read back from its Parquet (untimed)%n",
                    mergeBytes / 1e9, Runtime.getRuntime().maxMemory() / 1e9, heapFor(mergeBytes),
                    masters.get(masters.size() - 1));
            compareInMemory(SpaceImport.atlas(lastAtlas.session().read().parquet(lastAtlas.path()), lastAtlas.path())
                    .space(), spark[5], out);
        } else {
            out.printf("single machine: skipped, the data needs ~%.1f GB (the CKA alone ~%.1f GB), more than half of"
                    + " this JVM's %.1f GB heap (for the baseline: ATLAS_JAVA_OPTS=-Xmx%dg; the CKA alone: -Xmx%dg)%n",
                    mergeBytes / 1e9, ckaBytes / 1e9, Runtime.getRuntime().maxMemory() / 1e9, heapFor(mergeBytes),
                    heapFor(ckaBytes));
        }
    }

    /** @return a heap (GiB) that holds {@code bytes} in half of it (and the JVM reports a little under -Xmx) */
    private static long heapFor(long bytes) {
        return (long) Math.ceil(2.2 * bytes / (1L << 30));
    }

    /** Times the in-memory CKA of an atlas against the reference, then by turns with the Spark CKA. */
    private void compareInMemory(LatentSpace atlas, double sparkSeconds, PrintWriter out) {
        LatentSpace reference = chartSpace(-1, null, null);
        LinearCka.of(atlas, reference); // warm-up, untimed, as the Spark CKA's
        double[] value = new double[1];
        double compare = median(() -> value[0] = LinearCka.of(atlas, reference));
        out.printf("single machine (in memory, no Parquet): CKA %.1f s (%,.0f rows/s), CKA = %.6f; Spark %s / single"
                + " machine time: CKA %.2f%n", compare, rows / compare, value[0], masters.get(masters.size() - 1),
                sparkSeconds / compare);
        if (sparkCka != null) {
            double[] sparkRuns = new double[CKA_PAIRS];
            double[] single = new double[CKA_PAIRS];
            double[] ratios = new double[CKA_PAIRS];
            for (int i = 0; i < CKA_PAIRS; i++) {
                sparkRuns[i] = TorchRuntime.withThreads(1, () -> seconds(sparkCka));
                single[i] = seconds(() -> LinearCka.of(atlas, reference));
                ratios[i] = sparkRuns[i] / single[i];
            }
            out.printf(java.util.Locale.ROOT, "CKA paired (%d pairs, Spark %s and single machine by turns): Spark %.2f s,"
                    + " single machine %.2f s (medians); Spark / single machine: median %.2f (pairs %.2f to %.2f)%n",
                    CKA_PAIRS, masters.get(masters.size() - 1), median(sparkRuns), median(single), median(ratios),
                    Arrays.stream(ratios).min().orElseThrow(), Arrays.stream(ratios).max().orElseThrow());
        }
    }

    /** Pairs of the paired CKA timing (local mode). */
    private static final int CKA_PAIRS = 5;

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** The single-machine merge of the same charts (the charts' spaces are garbage once it returns). */
    private Atlas mergeInMemory() {
        AtlasBuilder builder = AtlasBuilder.builder().setAnchors(anchorIds());
        for (int t = 0; t < charts; t++) {
            builder.addChart("chart" + t, chartSpace(t, null, null));
        }
        return builder.build();
    }

    private long[] anchorIds() {
        long[] ids = new long[anchors];
        for (int a = 0; a < anchors; a++) {
            ids[a] = (long) a * rows / anchors;
        }
        return ids;
    }

    /** Chart t's rows of the given ids (all ids when null); t = -1 is the reference space. */
    private LatentSpace chartSpace(int chart, long[] ids, int[] labels) {
        int n = ids == null ? rows : ids.length;
        long[] chosen = new long[n];
        float[] vectors = new float[Math.multiplyExact(n, dim)];
        for (int i = 0; i < n; i++) {
            chosen[i] = ids == null ? i : ids[i];
            ChartRows.vector(seed, chart, chosen[i], dim, vectors, i * dim);
        }
        return LatentSpace.of("chart" + chart, chosen, vectors, dim, labels);
    }

    /** Generates chart rows from a range of row numbers: row r is chart r / rows, id r % rows. */
    private record ChartRows(long seed, int rows, int dim, boolean reference) implements MapPartitionsFunction<Long, Row> {
        @Override
        public Iterator<Row> call(Iterator<Long> numbers) {
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return numbers.hasNext();
                }

                @Override
                public Row next() {
                    long r = numbers.next();
                    int chart = reference ? -1 : (int) (r / rows);
                    long id = r % rows;
                    float[] v = new float[dim];
                    vector(seed, chart, id, dim, v, 0);
                    return RowFactory.create(reference ? "reference" : "chart" + chart, id, v, null);
                }
            };
        }

        /** {@code z_id + 0.5 e_{chart,id}}: a shared latent plus chart noise (the reference: z plus its own noise). */
        static void vector(long seed, int chart, long id, int dim, float[] into, int offset) {
            SplittableRandom shared = new SplittableRandom(seed * 1_000_003L + id);
            SplittableRandom own = new SplittableRandom((seed * 1_000_003L + id) * 31 + chart + 7);
            for (int j = 0; j < dim; j++) {
                into[offset + j] = (float) (shared.nextGaussian() + 0.5 * own.nextGaussian());
            }
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
