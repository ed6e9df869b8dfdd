package latentatlas.evaluation;

import com.fasterxml.jackson.databind.ObjectMapper;
import latentatlas.charts.Chart;
import latentatlas.charts.ChartManifest;
import latentatlas.charts.ChartStore;
import latentatlas.charts.ChartTrainer;
import latentatlas.charts.ProgressListener;
import latentatlas.charts.TrainingConfig;
import latentatlas.charts.TrainingSchedule;
import latentatlas.dataset.Dataset;
import latentatlas.dataset.Samples;
import latentatlas.io.AtomicFiles;
import latentatlas.io.Npy;
import latentatlas.io.Reasons;
import latentatlas.space.LatentSpace;
import latentatlas.space.LatentSpaces;
import latentatlas.tasks.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Obtains the {@link ChartOutputs} of a task: trains its chart unless a chart trained on the same task
 * content with the same configuration is in the store, then embeds every sample of the dataset unless
 * those outputs are cached. The cache key is the chart's configuration hash over the <em>task
 * fingerprint</em> (dataset fingerprint, classes and sample ids), not over the plan, so the
 * end-to-end chart of task 0, identical in every setting for a dataset and seed, is trained once and
 * found again by any setting that uses the same store.
 *
 * <p>Files: {@code STORE/charts/task-N/} (the chart), {@code STORE/spaces/task-N/embeddings.npy}
 * (+ ids, labels), {@code probabilities.npy} and {@code outputs.json}, written last, which marks the
 * outputs complete.
 *
 * <p>{@link #obtainAll} obtains several charts at once on a {@link TrainingSchedule} (one chart per
 * worker, one PyTorch thread each), as an experiment does:
 *
 * <pre>{@code
 * ChartBank bank = new ChartBank(ProgressListener.NONE);
 * List<ChartOutputs> outputs = bank.obtainAll(List.of(
 *         new ChartRequest(e2eStore, plan.endToEnd(), kind, Profile.QUICK.charts(true, 42, plan.endToEnd().trainIds().length)),
 *         new ChartRequest(runStore, plan.chartTasks().get(0), kind, Profile.QUICK.charts(true, 42, plan.chartTasks().get(0).trainIds().length))),
 *         TrainingSchedule.perCore());
 * }</pre>
 *
 * <p>Logs one INFO line per chart: trained (epochs, test accuracy, seconds) or reused, and the seconds
 * its embedding of every sample took; or that chart and embeddings were reused.
 */
public final class ChartBank {
    private static final String OUTPUTS = "outputs.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(ChartBank.class);

    private final ProgressListener listener;
    private final int chunk;

    /** @param listener receives training progress */
    public ChartBank(ProgressListener listener) {
        this(listener, CHUNK);
    }

    /**
     * @param listener receives training progress
     * @param chunk samples per embedding chunk, a positive multiple of 250 (the charts' inference batch)
     */
    ChartBank(ProgressListener listener, int chunk) {
        if (chunk < 250 || chunk % 250 != 0) {
            throw new IllegalArgumentException("embedding chunk " + chunk + ": expected a positive multiple of 250");
        }
        this.listener = listener;
        this.chunk = chunk;
    }

    /**
     * @param store where the chart and its outputs live
     * @param task the task
     * @param kind the chart's kind
     * @param config its training configuration
     * @return the outputs on every sample of the dataset
     */
    public ChartOutputs obtain(ChartStore store, Task task, ChartKind kind, TrainingConfig config) {
        return obtain(new ChartRequest(store, task, kind, config), listener);
    }

    /**
     * Obtains every requested chart's outputs on {@code schedule}: the charts to train (and the
     * embedding of every sample) run at once, at most {@code schedule.workers()} of them, the largest
     * first ({@link ChartRequest#trainingWork}); each chart is the same bit for bit as when obtained alone
     * with its deterministic configuration. Training progress is shown one chart at a time
     * ({@link ProgressListener#oneAtATime}).
     *
     * @param requests the charts, each in its own chart folder
     * @param schedule how many run at once
     * @return the outputs, in the order of {@code requests}
     * @throws IllegalArgumentException when a configuration is not deterministic (the schedule trains on
     *     one thread, and the configuration hash must say so) or two requests share a chart folder
     */
    public List<ChartOutputs> obtainAll(List<ChartRequest> requests, TrainingSchedule schedule) {
        return List.of(onSchedule(requests, schedule, true));
    }

    /**
     * {@link #obtainAll} without keeping the outputs in memory: trains (or reuses) every requested chart and
     * caches its outputs in its store, where a later {@link #obtain} or {@link #obtainAll} finds them.
     *
     * @param requests the charts, each in its own chart folder
     * @param schedule how many run at once
     * @throws IllegalArgumentException as {@link #obtainAll}
     */
    public void prepareAll(List<ChartRequest> requests, TrainingSchedule schedule) {
        onSchedule(requests, schedule, false);
    }

    private ChartOutputs[] onSchedule(List<ChartRequest> requests, TrainingSchedule schedule, boolean keep) {
        Set<Path> folders = new HashSet<>();
        for (ChartRequest r : requests) {
            if (!r.config().deterministic()) {
                throw new IllegalArgumentException("task " + r.task().index() + ": a schedule trains on one PyTorch"
                        + " thread; pass a deterministic configuration, so that its hash says so");
            }
            if (!folders.add(r.store().chartDir(r.task().index()).toAbsolutePath().normalize())) {
                throw new IllegalArgumentException("two requests for the chart folder "
                        + r.store().chartDir(r.task().index()));
            }
        }
        Integer[] order = new Integer[requests.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingLong((Integer i) -> -requests.get(i).trainingWork()));
        ProgressListener shared = ProgressListener.oneAtATime(listener);
        // first every chart is trained (or found), the largest first; then the embeddings of all of them are
        // computed in chunks, so that no worker waits idle at the end for the last long chart
        List<Supplier<Prepared>> training = new ArrayList<>();
        for (int i : order) {
            training.add(() -> prepare(requests.get(i), shared));
        }
        List<Prepared> prepared = schedule.run(training);
        ChartOutputs[] out = new ChartOutputs[order.length];
        List<Supplier<ChartOutputs>> chunks = new ArrayList<>();
        int[] firstChunk = new int[order.length + 1]; // chart k's chunks: firstChunk[k] .. firstChunk[k + 1] - 1
        for (int k = 0; k < order.length; k++) {
            Prepared p = prepared.get(k);
            firstChunk[k] = chunks.size();
            if (p.cached() != null) {
                out[order[k]] = keep ? p.cached() : null;
                continue;
            }
            Embedding e = new Embedding(p, chunk);
            for (int c = 0; c < e.chunks(); c++) {
                int index = c;
                chunks.add(() -> {
                    try (Chart chart = p.stored()) {
                        ChartOutputs outputs = e.embed(chart, index);
                        return keep ? outputs : null; // prepareAll keeps nothing in memory
                    }
                });
            }
        }
        firstChunk[order.length] = chunks.size();
        List<ChartOutputs> done = schedule.run(chunks);
        for (int k = 0; k < order.length; k++) {
            for (int c = firstChunk[k]; c < firstChunk[k + 1]; c++) {
                if (done.get(c) != null) { // the chunk that finished the chart returned its outputs, the others null
                    out[order[k]] = done.get(c);
                }
            }
        }
        return out;
    }

    private ChartOutputs obtain(ChartRequest request, ProgressListener progress) {
        Prepared p = prepare(request, progress);
        if (p.cached() != null) {
            return p.cached();
        }
        Embedding e = new Embedding(p, chunk);
        ChartOutputs outputs = null;
        try (Chart chart = p.stored()) {
            for (int c = 0; c < e.chunks(); c++) {
                outputs = e.embed(chart, c);
            }
        }
        return outputs;
    }

    /**
     * A chart whose outputs are cached ({@code cached}), or stored in its folder and not yet embedded.
     *
     * @param done how it was obtained, for the log line ({@code chart reused}, or its training summary)
     */
    private record Prepared(ChartRequest request, String hash, ChartOutputs cached, String done) {
        /** @return the chart from its folder (close it) */
        Chart stored() {
            return request.store().reuse(request.task().index(), hash).orElseThrow(() -> new IllegalStateException(
                    "chart folder " + request.store().chartDir(request.task().index()) + " is gone or changed"));
        }
    }

    /** Finds the chart's cached outputs, or makes sure the chart is in its folder (reused, or trained and stored). */
    private Prepared prepare(ChartRequest request, ProgressListener progress) {
        ChartStore store = request.store();
        Task task = request.task();
        ChartKind kind = request.kind();
        ChartTrainer trainer = ChartTrainer.builder().setConfig(request.config()).optArchitecture(kind.architecture())
                .optListener(progress).build();
        String fingerprint = taskFingerprint(kind.data(), task);
        String hash = trainer.configHash(fingerprint, task);
        Path spaces = store.spacesDir(task.index());
        ChartOutputs cached = readCached(spaces, hash, task, kind);
        if (cached != null) {
            LOG.info("task {} ({}): chart and embeddings reused from {}", task.index(), kind.name(), spaces);
            return new Prepared(request, hash, cached, null);
        }
        LOG.debug("task {} ({}): configuration hash {}, chart in {}", task.index(), kind.name(), hash,
                store.chartDir(task.index()));
        if (store.isComplete(task.index(), hash)) {
            return new Prepared(request, hash, null, "chart reused");
        }
        try (Chart chart = trainer.train(kind.data(), task, fingerprint)) {
            store.write(task.index(), chart::save);
            ChartManifest m = chart.manifest();
            return new Prepared(request, hash, null, String.format(Locale.ROOT,
                    "%d classes, %d epochs (best %d), test accuracy %.4f, %.1f s", m.classes().length,
                    m.history().size(), m.bestEpoch(), m.metrics().get("testAccuracy"), m.trainSeconds()));
        }
    }

    /**
     * A chart's outputs on every sample (training split, then test split), computed in chunks (of
     * {@value #CHUNK} samples by default) that may run on different workers, each into its own rows; the chunk that
     * completes the chart writes {@code embeddings.npy}, {@code probabilities.npy} and {@code outputs.json}.
     * A chunk starts on a multiple of the chart's inference batch, so the batches, and thus every output,
     * are those of one pass over the split.
     */
    private static final class Embedding {
        private final Prepared prepared;
        private final Dataset data;
        private final int chunk;
        private final int trainChunks;
        private final int chunks;
        private final AtomicInteger remaining;
        private final DoubleAdder seconds = new DoubleAdder();
        private float[] embeddings;
        private float[] probabilities;
        private int dim;
        private int classes;

        Embedding(Prepared prepared, int chunk) {
            this.prepared = prepared;
            this.data = prepared.request().kind().data();
            this.chunk = chunk;
            this.trainChunks = (data.train().size() + chunk - 1) / chunk;
            this.chunks = trainChunks + (data.test().size() + chunk - 1) / chunk;
            this.remaining = new AtomicInteger(chunks);
        }

        int chunks() {
            return chunks;
        }

        /** @return the chart's outputs when this was its last chunk to finish, else {@code null} */
        ChartOutputs embed(Chart chart, int index) {
            long start = System.nanoTime();
            boolean train = index < trainChunks;
            Samples split = train ? data.train() : data.test();
            int from = (train ? index : index - trainChunks) * chunk;
            int to = Math.min(split.size(), from + chunk);
            Chart.Outputs o = chart.outputs("task-" + chart.task(), split.select(Arrays.copyOfRange(split.ids(), from, to)));
            int row = (train ? 0 : data.train().size()) + from;
            synchronized (this) {
                if (embeddings == null) {
                    int n = data.train().size() + data.test().size();
                    dim = o.embeddings().dim();
                    classes = chart.manifest().classes().length;
                    embeddings = new float[n * dim];
                    probabilities = new float[n * classes];
                }
                System.arraycopy(o.embeddings().rawVectors(), 0, embeddings, row * dim, (to - from) * dim);
                System.arraycopy(o.probabilities(), 0, probabilities, row * classes, (to - from) * classes);
            }
            seconds.add((System.nanoTime() - start) / 1e9);
            if (remaining.decrementAndGet() > 0) {
                return null;
            }
            synchronized (this) {
                return finish(chart);
            }
        }

        private ChartOutputs finish(Chart chart) {
            ChartRequest request = prepared.request();
            Task task = request.task();
            int n = data.train().size() + data.test().size();
            long[] ids = new long[n];
            int[] labels = new int[n];
            System.arraycopy(data.train().ids(), 0, ids, 0, data.train().size());
            System.arraycopy(data.test().ids(), 0, ids, data.train().size(), data.test().size());
            System.arraycopy(data.train().labels(), 0, labels, 0, data.train().size());
            System.arraycopy(data.test().labels(), 0, labels, data.train().size(), data.test().size());
            LatentSpace all = LatentSpace.of("task-" + chart.task(), ids, embeddings, dim, labels);
            ChartManifest m = chart.manifest();
            double accuracy = m.metrics().getOrDefault("testAccuracy", Double.NaN);
            Path dir = request.store().spacesDir(task.index());
            LatentSpaces.save(all, dir, "embeddings");
            Npy.writeMatrix(dir.resolve("probabilities.npy"), probabilities, n, classes);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("config_hash", prepared.hash());
            json.put("kind", request.kind().name());
            json.put("classes", m.classes());
            json.put("test_accuracy", accuracy);
            json.put("epochs", m.history().size());
            json.put("train_seconds", m.trainSeconds());
            try {
                AtomicFiles.writeString(dir.resolve(OUTPUTS), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            LOG.info(String.format(Locale.ROOT, "task %d (%s): %s; every sample embedded in %.1f s", task.index(),
                    request.kind().name(), prepared.done(), seconds.sum()));
            return new ChartOutputs(chart.task(), request.kind().name(), m.classes(), all, probabilities, accuracy,
                    m.history().size(), m.trainSeconds());
        }
    }

    /**
     * Samples per embedding chunk: a multiple of the charts' inference batch (250), about 1.2 s of one
     * thread for the small CNN, so that the last chunks of a schedule leave no worker idle for long.
     */
    static final int CHUNK = 10_000;

    private static ChartOutputs readCached(Path dir, String hash, Task task, ChartKind kind) {
        Path file = dir.resolve(OUTPUTS);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            var node = JSON.readTree(file.toFile());
            if (!hash.equals(node.path("config_hash").asText())) {
                return null;
            }
            LatentSpace all = LatentSpaces.load(dir, "embeddings");
            float[] probabilities = Npy.readMatrix(dir.resolve("probabilities.npy")).data();
            if (all.size() != kind.data().train().size() + kind.data().test().size()
                    || probabilities.length != all.size() * task.classCount()) {
                throw new IllegalArgumentException(all.size() + " embedded samples and " + probabilities.length
                        + " probabilities, expected " + (kind.data().train().size() + kind.data().test().size())
                        + " samples of " + task.classCount() + " classes");
            }
            return new ChartOutputs(task.index(), kind.name(), task.classes().clone(), all, probabilities,
                    node.path("test_accuracy").asDouble(Double.NaN), node.path("epochs").asInt(),
                    node.path("train_seconds").asDouble());
        } catch (IOException | RuntimeException e) {
            LOG.warn("cached outputs in {} are unreadable ({}): recomputing them", dir, Reasons.of(e));
            return null;
        }
    }

    /**
     * @param data the dataset
     * @param task a task of it
     * @return SHA-256 (hex) over the dataset fingerprint, the task's classes and its train,
     *     validation and test ids
     */
    public static String taskFingerprint(Dataset data, Task task) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(data.fingerprint().getBytes(StandardCharsets.UTF_8));
            for (int c : task.classes()) {
                sha.update(ByteBuffer.allocate(4).putInt(c).array());
            }
            for (long[] ids : new long[][] {task.trainIds(), task.validationIds(), task.testIds()}) {
                ByteBuffer b = ByteBuffer.allocate(8 * ids.length + 8);
                b.putLong(ids.length);
                for (long id : ids) {
                    b.putLong(id);
                }
                sha.update(b.array());
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
