package latentatlas.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import latentatlas.InvalidInputException;
import latentatlas.compute.Blocks;
import latentatlas.metrics.KMeans;
import latentatlas.metrics.KMeansClustering;
import latentatlas.metrics.LinearCka;
import latentatlas.metrics.Silhouette;
import latentatlas.relative.Normalization;
import latentatlas.relative.RelativeProjection;
import latentatlas.relative.RelativeProjector;
import latentatlas.relative.Similarity;
import latentatlas.space.LatentSpace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/**
 * {@code atlas bench core}: linear CKA of two n x 1024 spaces against a float32 matmul
 * {@code X^T X} of the same shape and the kernel form at n = 4,000; relative projection of
 * 1,000,000 x 384 rows on 1,000 anchors against the float32 matmul throughput of the same shapes (whole
 * calls, and in the projector's blocks of {@link Blocks#STREAM_FLOATS} results); k-means and
 * silhouette on 70,000 x 128 against the bare distance matmuls they perform.
 */
@Command(name = "core", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Benchmark the core: linear CKA (70,000 x 1,024, target <= 3 s) beside a float32 matmul of"
                + " the same shapes and the kernel form at n = 4,000; relative projection (1,000,000 x 384 on"
                + " 1,000 anchors) as GFLOP/s and its ratio to the matmul throughput (target >= 0.8), also to"
                + " the same matmuls in the projector's blocks; k-means"
                + " (k = 10, one k-means++ run) and silhouette on 70,000 x 128 beside their bare distance matmuls.",
            "Timings are the best of --repeat runs; random Gaussian data (clusters: Gaussian blobs), seeded."})
public final class BenchCoreCommand implements Runnable {
    private static final int CKA_ROWS = 70_000;
    private static final int CKA_WIDTH = 1024;
    private static final int KERNEL_ROWS = 4_000;
    private static final int PROJECTION_ROWS = 1_000_000;
    private static final int PROJECTION_WIDTH = 384;
    private static final int ANCHORS = 1_000;
    /** Rows per applyRows call in the projection benchmark (one call per partition-sized block). */
    private static final int CHUNK = 32_768;
    private static final int CLUSTER_ROWS = 70_000;
    private static final int CLUSTER_WIDTH = 128;
    private static final int CLUSTERS = 10;
    /** Standard deviation of the blob centres (the noise has 1): the blobs overlap, so Lloyd iterates. */
    private static final float CLUSTER_SPREAD = 0.5f;

    /** The parts of the benchmark, in the order they run. */
    enum Part { CKA, KERNEL, PROJECTION, KMEANS, SILHOUETTE }

    @Spec
    private CommandSpec spec;

    @Option(names = "--scale", defaultValue = "1.0",
            description = "Multiplies the row counts (70,000, 4,000, 1,000,000 and 70,000) for a quick look, e.g. 0.1.")
    private double scale;

    @Option(names = "--repeat", defaultValue = "2", description = "Timed runs per measurement (the best is kept).")
    private int repeat;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the random data.")
    private long seed;

    @Option(names = "--skip", split = ",", paramLabel = "PART",
            description = "Parts not to run, comma-separated, any case: ${COMPLETION-CANDIDATES}"
                    + " (silhouette is the slowest: O(n^2 d)).")
    private Set<Part> skip = EnumSet.noneOf(Part.class);

    @Override
    public void run() {
        if (!(scale > 0 && scale <= 1) || repeat < 1) {
            throw new InvalidInputException("--scale: expected 0 < scale <= 1 and --repeat >= 1, found " + scale
                    + " and " + repeat);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("atlas bench core (scale %s, best of %d; %d CPUs, load average %s; DJL engine threads as"
                + " configured)%n", scale, repeat, Runtime.getRuntime().availableProcessors(), loadAverage());
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.getEngine().setRandomSeed((int) seed);
            if (!skip.contains(Part.CKA)) {
                cka(manager, out);
            }
            if (!skip.contains(Part.KERNEL)) {
                kernelForm(manager, out);
            }
            if (!skip.contains(Part.PROJECTION)) {
                projection(manager, out);
            }
            if (!skip.contains(Part.KMEANS) || !skip.contains(Part.SILHOUETTE)) {
                manager.getEngine().setRandomSeed((int) seed); // the same blobs whichever parts ran before
                LatentSpace blobs = blobs(manager, Math.max(100, (int) (CLUSTER_ROWS * scale)), CLUSTER_WIDTH, CLUSTERS);
                if (!skip.contains(Part.KMEANS)) {
                    kMeans(manager, blobs, out);
                }
                if (!skip.contains(Part.SILHOUETTE)) {
                    silhouette(manager, blobs, out);
                }
            }
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static LatentSpace gaussian(NDManager manager, int n, int d) {
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i;
        }
        try (NDManager scope = manager.newSubManager()) {
            return LatentSpace.of("bench", ids, scope.randomNormal(new Shape(n, d)).toFloatArray(), d, null);
        }
    }

    private double best(Runnable task) {
        double best = Double.MAX_VALUE;
        for (int r = 0; r < repeat; r++) {
            long start = System.nanoTime();
            task.run();
            best = Math.min(best, (System.nanoTime() - start) / 1e9);
        }
        return best;
    }

    private void cka(NDManager manager, PrintWriter out) {
        int n = Math.max(16, (int) (CKA_ROWS * scale));
        LatentSpace x = gaussian(manager, n, CKA_WIDTH);
        float[] yv = x.rawVectors().clone();
        for (int i = 0; i < yv.length; i += 3) {
            yv[i] = -yv[i] * 0.5f + 0.1f;
        }
        LatentSpace y = LatentSpace.of("bench", x.ids(), yv, CKA_WIDTH, null);
        LinearCka.of(x.rows(new int[] {0, 1, 2, 3, 4, 5, 6, 7}), y.rows(new int[] {0, 1, 2, 3, 4, 5, 6, 7}));
        double[] value = new double[1];
        double ckaSeconds = best(() -> value[0] = LinearCka.of(x, y));
        double matmulSeconds;
        try (NDManager scope = manager.newSubManager()) {
            NDArray a = x.toNDArray(scope);
            matmulSeconds = best(() -> {
                try (NDArray t = a.transpose(); NDArray gram = t.matMul(a)) {
                    gram.getShape();
                }
            });
        }
        double flops = 2.0 * n * CKA_WIDTH * CKA_WIDTH;
        out.printf("linear CKA, two %,d x %,d spaces (feature form, streamed): %.3f s (CKA = %.4f)%n", n, CKA_WIDTH,
                ckaSeconds, value[0]);
        out.printf("  float32 matmul (n x d)^T (n x d), same shapes:          %.3f s (%.1f GFLOP/s)%n", matmulSeconds,
                flops / matmulSeconds / 1e9);
        out.printf("  ratio CKA / matmul: %.2f (CKA needs X^T X, Y^T Y, Y^T X: about 2.5 such products, the two"
                + " symmetric Grams in upper tiles)%n",
                ckaSeconds / matmulSeconds);
    }

    private void kernelForm(NDManager manager, PrintWriter out) {
        int n = Math.max(16, (int) (KERNEL_ROWS * scale));
        LatentSpace x = gaussian(manager, n, CKA_WIDTH);
        LatentSpace y = gaussian(manager, n, CKA_WIDTH);
        double[] value = new double[1];
        double seconds;
        try (NDManager scope = manager.newSubManager()) {
            seconds = best(() -> {
                try (NDManager step = scope.newSubManager()) {
                    NDArray xa = x.toNDArray(step);
                    NDArray ya = y.toNDArray(step);
                    NDArray h = step.eye(n).sub(step.ones(new Shape(n, n)).div(n));
                    NDArray kh = xa.matMul(xa.transpose()).matMul(h);
                    NDArray lh = ya.matMul(ya.transpose()).matMul(h);
                    double kl = kh.mul(lh.transpose()).sum().toType(ai.djl.ndarray.types.DataType.FLOAT64, false).getDouble();
                    double kk = kh.mul(kh.transpose()).sum().toType(ai.djl.ndarray.types.DataType.FLOAT64, false).getDouble();
                    double ll = lh.mul(lh.transpose()).sum().toType(ai.djl.ndarray.types.DataType.FLOAT64, false).getDouble();
                    value[0] = kl / Math.sqrt(kk * ll);
                }
            });
        }
        double[] feature = new double[1];
        double featureSeconds = best(() -> feature[0] = LinearCka.of(x, y));
        out.printf("kernel form at n = %,d (n x n Grams, dense H = I - 11^T/n, tr(KH LH)): %.3f s (CKA = %.5f);"
                + " feature form on the same data: %.3f s (CKA = %.5f)%n", n, seconds, value[0], featureSeconds, feature[0]);
    }

    private void projection(NDManager manager, PrintWriter out) {
        int n = Math.max(CHUNK, (int) (PROJECTION_ROWS * scale));
        int chunk = Math.min(CHUNK, n);
        LatentSpace anchors = gaussian(manager, ANCHORS, PROJECTION_WIDTH);
        float[] rows = gaussian(manager, chunk, PROJECTION_WIDTH).rawVectors();
        RelativeProjector projector = RelativeProjection.fit(anchors, Similarity.COSINE, Normalization.NONE);
        int calls = (n + chunk - 1) / chunk;
        long total = (long) calls * chunk;
        projector.applyRows(rows, chunk);
        double projectSeconds = best(() -> {
            for (int c = 0; c < calls; c++) {
                projector.applyRows(rows, chunk);
            }
        });
        int block = Math.min(chunk, Blocks.STREAM_FLOATS / Math.max(PROJECTION_WIDTH, ANCHORS));
        double matmulSeconds;
        double blockSeconds;
        try (NDManager scope = manager.newSubManager()) {
            NDArray a = scope.create(rows, new Shape(chunk, PROJECTION_WIDTH));
            NDArray b = anchors.toNDArray(scope).transpose();
            a.matMul(b);
            matmulSeconds = best(() -> {
                for (int c = 0; c < calls; c++) {
                    try (NDArray product = a.matMul(b)) {
                        product.getShape();
                    }
                }
            });
            blockSeconds = best(() -> {
                for (int c = 0; c < calls; c++) {
                    for (int start = 0; start < chunk; start += block) {
                        try (NDManager step = scope.newSubManager()) {
                            a.get(step, new NDIndex("{}:{}", start, Math.min(chunk, start + block))).matMul(b).getShape();
                        }
                    }
                }
            });
        }
        double flops = 2.0 * total * PROJECTION_WIDTH * ANCHORS;
        double projectRate = flops / projectSeconds / 1e9;
        double matmulRate = flops / matmulSeconds / 1e9;
        double blockRate = flops / blockSeconds / 1e9;
        out.printf("relative projection (cosine), %,d x %d on %,d anchors, %d applyRows calls of %,d rows:"
                + " %.3f s = %.1f GFLOP/s%n", total, PROJECTION_WIDTH, ANCHORS, calls, chunk, projectSeconds, projectRate);
        out.printf("  float32 matmul (%,d x %d)(%d x %,d), same count, operands resident: %.3f s = %.1f GFLOP/s%n",
                chunk, PROJECTION_WIDTH, PROJECTION_WIDTH, ANCHORS, matmulSeconds, matmulRate);
        out.printf("  the same matmuls in blocks of %,d rows (the projector's blocks: no fresh pages for the products):"
                + " %.3f s = %.1f GFLOP/s%n", block, blockSeconds, blockRate);
        out.printf("  ratio projection / matmul throughput: %.2f (target >= 0.8); / block-wise matmul throughput: %.2f%n",
                projectRate / matmulRate, projectRate / blockRate);
    }

    /** Gaussian blobs: {@code k} centres drawn with standard deviation {@value #CLUSTER_SPREAD}, unit noise (overlapping clusters); row i is in blob i mod k. */
    private static LatentSpace blobs(NDManager manager, int n, int d, int k) {
        float[] centres = gaussian(manager, k, d).rawVectors();
        float[] v = gaussian(manager, n, d).rawVectors();
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % k;
            for (int j = 0; j < d; j++) {
                v[i * d + j] += CLUSTER_SPREAD * centres[labels[i] * d + j];
            }
        }
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i;
        }
        return LatentSpace.of("blobs", ids, v, d, labels);
    }

    private void kMeans(NDManager manager, LatentSpace space, PrintWriter out) {
        int n = space.size();
        KMeans kMeans = new KMeans(CLUSTERS, 1, KMeans.DEFAULT_MAX_ITER, KMeans.DEFAULT_TOL, seed);
        KMeansClustering[] fitted = new KMeansClustering[1];
        double seconds = best(() -> fitted[0] = kMeans.fit(space));
        int iterations = fitted[0].iterations();
        int trials = 2 + (int) Math.log(CLUSTERS);
        double matmulSeconds;
        try (NDManager scope = manager.newSubManager()) {
            NDArray data = space.toNDArray(scope);
            NDArray dataT = data.transpose();
            NDArray candidates = data.get("0:{}", trials);
            NDArray centresT = data.get("0:{}", CLUSTERS).transpose();
            matmulSeconds = best(() -> {
                for (int c = 1; c < CLUSTERS; c++) {
                    try (NDArray product = candidates.matMul(dataT)) {
                        product.getShape();
                    }
                }
                for (int i = 0; i <= iterations; i++) {
                    try (NDArray product = data.matMul(centresT); NDArray nearest = product.argMin(1)) {
                        nearest.getShape();
                    }
                }
            });
        }
        out.printf("k-means, %,d x %d Gaussian blobs, k = %d, one run (k-means++ seeding, Lloyd until stable):"
                + " %.3f s, %d iterations (compare runs %d such runs)%n", n, CLUSTER_WIDTH, CLUSTERS, seconds,
                iterations, KMeans.DEFAULT_N_INIT);
        out.printf("  bare distance matmuls of that run (%d seeding rounds of (%d x %d)(%d x %,d), %d assignments"
                + " (%,d x %d)(%d x %d) + argmin): %.3f s; ratio %.1f%n", CLUSTERS - 1, trials, CLUSTER_WIDTH,
                CLUSTER_WIDTH, n, iterations + 1, n, CLUSTER_WIDTH, CLUSTER_WIDTH, CLUSTERS, matmulSeconds,
                seconds / matmulSeconds);
    }

    private void silhouette(NDManager manager, LatentSpace space, PrintWriter out) {
        int n = space.size();
        double[] score = new double[1];
        double seconds = best(() -> score[0] = Silhouette.score(space, space.labels()));
        int block = Blocks.rowsPerBlock(n);
        double matmulSeconds;
        try (NDManager scope = manager.newSubManager()) {
            NDArray augmented = scope.randomNormal(new Shape(n, CLUSTER_WIDTH + 2));
            NDArray augmentedT = augmented.transpose();
            matmulSeconds = best(() -> {
                for (int start = 0; start < n; start += block) {
                    try (NDManager step = scope.newSubManager()) {
                        augmented.get(step, new NDIndex("{}:{}", start, Math.min(n, start + block))).matMul(augmentedT)
                                .getShape();
                    }
                }
            });
        }
        out.printf("silhouette, the same %,d x %d, its %d blobs as clusters (block-wise, no n x n matrix): %.3f s"
                + " (score %.4f)%n", n, CLUSTER_WIDTH, CLUSTERS, seconds, score[0]);
        out.printf("  bare distance matmuls (%,d x %d)(%d x %,d) in blocks of %,d rows: %.3f s; ratio %.2f%n", n,
                CLUSTER_WIDTH + 2, CLUSTER_WIDTH + 2, n, block, matmulSeconds, seconds / matmulSeconds);
    }
}
