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
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

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

    /** @param listener receives training progress */
    public ChartBank(ProgressListener listener) {
        this.listener = listener;
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
        List<Supplier<ChartOutputs>> jobs = new ArrayList<>();
        for (int i : order) {
            jobs.add(() -> {
                ChartOutputs outputs = obtain(requests.get(i), shared);
                return keep ? outputs : null;
            });
        }
        List<ChartOutputs> done = schedule.run(jobs);
        ChartOutputs[] out = new ChartOutputs[order.length];
        for (int k = 0; k < order.length; k++) {
            out[order[k]] = done.get(k);
        }
        return out;
    }

    private ChartOutputs obtain(ChartRequest request, ProgressListener progress) {
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
            return cached;
        }
        Optional<Chart> stored = store.reuse(task.index(), hash);
        Chart chart;
        String done;
        if (stored.isPresent()) {
            chart = stored.get();
            done = "chart reused";
        } else {
            chart = trainer.train(kind.data(), task, fingerprint);
            store.write(task.index(), chart::save);
            ChartManifest m = chart.manifest();
            done = String.format(Locale.ROOT, "%d classes, %d epochs (best %d), test accuracy %.4f, %.1f s",
                    m.classes().length, m.history().size(), m.bestEpoch(), m.metrics().get("testAccuracy"),
                    m.trainSeconds());
        }
        LOG.debug("task {} ({}): configuration hash {}, chart in {}", task.index(), kind.name(), hash,
                store.chartDir(task.index()));
        long start = System.nanoTime();
        try (chart) {
            ChartOutputs outputs = embedAll(chart, kind, spaces, hash);
            LOG.info(String.format(Locale.ROOT, "task %d (%s): %s; every sample embedded in %.1f s", task.index(),
                    kind.name(), done, (System.nanoTime() - start) / 1e9));
            return outputs;
        }
    }

    private static ChartOutputs embedAll(Chart chart, ChartKind kind, Path dir, String hash) {
        Dataset data = kind.data();
        Chart.Outputs train = chart.outputs("task-" + chart.task() + " train", data.train());
        Chart.Outputs test = chart.outputs("task-" + chart.task() + " test", data.test());
        LatentSpace all = concat("task-" + chart.task(), train.embeddings(), test.embeddings());
        float[] probabilities = new float[train.probabilities().length + test.probabilities().length];
        System.arraycopy(train.probabilities(), 0, probabilities, 0, train.probabilities().length);
        System.arraycopy(test.probabilities(), 0, probabilities, train.probabilities().length, test.probabilities().length);
        ChartManifest m = chart.manifest();
        double accuracy = m.metrics().getOrDefault("testAccuracy", Double.NaN);
        LatentSpaces.save(all, dir, "embeddings");
        Npy.writeMatrix(dir.resolve("probabilities.npy"), probabilities, all.size(), m.classes().length);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("config_hash", hash);
        json.put("kind", kind.name());
        json.put("classes", m.classes());
        json.put("test_accuracy", accuracy);
        json.put("epochs", m.history().size());
        json.put("train_seconds", m.trainSeconds());
        try {
            AtomicFiles.writeString(dir.resolve(OUTPUTS), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ChartOutputs(chart.task(), kind.name(), m.classes(), all, probabilities, accuracy, m.history().size(),
                m.trainSeconds());
    }

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

    private static LatentSpace concat(String name, LatentSpace a, LatentSpace b) {
        int d = a.dim();
        long[] ids = new long[a.size() + b.size()];
        int[] labels = new int[ids.length];
        float[] v = new float[ids.length * d];
        System.arraycopy(a.ids(), 0, ids, 0, a.size());
        System.arraycopy(b.ids(), 0, ids, a.size(), b.size());
        System.arraycopy(a.labels(), 0, labels, 0, a.size());
        System.arraycopy(b.labels(), 0, labels, a.size(), b.size());
        System.arraycopy(a.rawVectors(), 0, v, 0, a.size() * d);
        System.arraycopy(b.rawVectors(), 0, v, a.size() * d, b.size() * d);
        return LatentSpace.of(name, ids, v, d, labels);
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
