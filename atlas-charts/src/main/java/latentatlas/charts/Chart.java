package latentatlas.charts;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.ParameterStore;
import latentatlas.dataset.Samples;
import latentatlas.io.AtomicFiles;
import latentatlas.space.LatentSpace;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A trained chart: the network of one task, immutable, with its manifest. It embeds samples into the
 * task's latent space {@code e_t(x)} (the embedding layer's output) and gives the classifier's softmax
 * probabilities over the task's classes. It owns native memory: close it.
 *
 * <p>On disk a chart is a folder with {@code weights.params} (DJL's {@code Block.saveParameters}
 * format: the parameters of the embedder, then of the classifier) and {@code chart.json}
 * ({@link ChartManifest}).
 */
public final class Chart implements AutoCloseable {
    /** The weights' file name in a chart folder. */
    public static final String WEIGHTS = "weights.params";
    /**
     * Samples per inference batch. Not larger: the small CNN's first activations of 1,000 images are 50 MB,
     * above glibc's largest mmap threshold (32 MB), so every such batch maps and faults in fresh pages;
     * embedding 20,000 images on one thread took 23.2 s in batches of 1,000 and 13.2 s in batches of 250
     * (same run), with the same outputs bit for bit (embeddings and probabilities of random weights).
     */
    private static final int BATCH = 250;

    private final NDManager manager;
    private final ChartArchitecture architecture;
    private final ChartNetwork network;
    private final ChartManifest manifest;
    private final ParameterStore store;

    Chart(NDManager manager, ChartArchitecture architecture, ChartNetwork network, ChartManifest manifest) {
        this.manager = manager;
        this.architecture = architecture;
        this.network = network;
        this.manifest = manifest;
        this.store = new ParameterStore(manager, false);
    }

    /** @return the manifest */
    public ChartManifest manifest() {
        return manifest;
    }

    /** @return the task index */
    public int task() {
        return manifest.task();
    }

    /** @return the global class of each local label */
    public int[] classes() {
        return manifest.classes().clone();
    }

    /** @return the embedding width */
    public int embeddingDim() {
        return architecture.embeddingDim();
    }

    /**
     * Embeds samples: {@code e_t(x)} for every sample, with the samples' global labels attached.
     *
     * @param name what the space is called in error messages
     * @param samples any samples of the dataset (train, validation, test, anchors)
     * @return the latent space, rows in the samples' order
     */
    public LatentSpace embed(String name, Samples samples) {
        float[] vectors = infer(samples, true);
        return LatentSpace.of(name, samples.ids().clone(), vectors, architecture.embeddingDim(), samples.labels().clone());
    }

    /**
     * The classifier's softmax probabilities, row-major {@code n x |C_t|}; column {@code i} is global
     * class {@code classes()[i]}.
     *
     * @param samples the samples
     * @return the probabilities
     */
    public float[] probabilities(Samples samples) {
        return infer(samples, false);
    }

    /**
     * @param samples samples whose global labels are classes of this chart
     * @return the fraction whose most probable class is their label
     */
    public double accuracy(Samples samples) {
        int k = manifest.classes().length;
        float[] p = probabilities(samples);
        int correct = 0;
        for (int i = 0; i < samples.size(); i++) {
            int best = 0;
            for (int c = 1; c < k; c++) {
                if (p[i * k + c] > p[i * k + best]) {
                    best = c;
                }
            }
            correct += manifest.classes()[best] == samples.labels()[i] ? 1 : 0;
        }
        return samples.size() == 0 ? Double.NaN : (double) correct / samples.size();
    }

    /**
     * The embeddings and the softmax probabilities in one forward pass.
     *
     * @param name what the space is called in error messages
     * @param samples the samples
     * @return both outputs
     */
    public Outputs outputs(String name, Samples samples) {
        int n = samples.size();
        int d = architecture.embeddingDim();
        int k = network.classes();
        float[] embeddings = new float[n * d];
        float[] probabilities = new float[n * k];
        try (NDManager sm = manager.newSubManager()) {
            NDArray inputs = architecture.inputs(sm, samples);
            for (int from = 0; from < n; from += BATCH) {
                int to = Math.min(n, from + BATCH);
                try (NDManager bm = sm.newSubManager()) {
                    NDArray e = network.embed(store, architecture.prepare(inputs.get(bm, new NDIndex("{}:{}", from, to))));
                    NDArray p = network.classify(store, e).softmax(1);
                    System.arraycopy(e.toFloatArray(), 0, embeddings, from * d, (to - from) * d);
                    System.arraycopy(p.toFloatArray(), 0, probabilities, from * k, (to - from) * k);
                }
            }
        }
        return new Outputs(LatentSpace.of(name, samples.ids().clone(), embeddings, d, samples.labels().clone()), probabilities);
    }

    /**
     * A chart's outputs on some samples.
     *
     * @param embeddings {@code e_t(x)}, labels attached
     * @param probabilities row-major {@code n x |C_t|} softmax probabilities, columns in {@link #classes()} order
     */
    public record Outputs(LatentSpace embeddings, float[] probabilities) {
    }

    private float[] infer(Samples samples, boolean embeddings) {
        int n = samples.size();
        int width = embeddings ? architecture.embeddingDim() : network.classes();
        float[] out = new float[n * width];
        try (NDManager sm = manager.newSubManager()) {
            NDArray inputs = architecture.inputs(sm, samples);
            for (int from = 0; from < n; from += BATCH) {
                int to = Math.min(n, from + BATCH);
                try (NDManager bm = sm.newSubManager()) {
                    NDArray x = architecture.prepare(inputs.get(bm, new NDIndex("{}:{}", from, to)));
                    NDArray y = embeddings ? network.embed(store, x) : network.logits(store, x, false).softmax(1);
                    System.arraycopy(y.toFloatArray(), 0, out, from * width, (to - from) * width);
                }
            }
        }
        return out;
    }

    /**
     * Writes {@code weights.params} and {@code chart.json} into {@code dir} (each atomically).
     *
     * @param dir the chart folder (created when missing)
     */
    public void save(Path dir) {
        AtomicFiles.write(dir.resolve(WEIGHTS), out -> network.save(new DataOutputStream(out)));
        manifest.write(dir);
    }

    /**
     * @param dir a folder written by {@link #save}
     * @return the chart, with identical weights
     * @throws DamagedChartException when a file of the folder is missing, truncated, not what {@link #save}
     *     writes, or the weights do not fit the manifest's network (one line naming the folder to delete)
     */
    public static Chart load(Path dir) {
        ChartManifest manifest = ChartManifest.read(dir);
        ChartArchitecture architecture;
        try {
            architecture = ChartArchitectures.of(manifest.architecture());
        } catch (RuntimeException e) {
            throw DamagedChartException.reading(dir, ChartManifest.FILE, e);
        }
        NDManager manager = NDManager.newBaseManager();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(dir.resolve(WEIGHTS)))) {
            ChartNetwork network = ChartNetwork.create(architecture, manifest.classes().length, manager);
            DataInputStream data = new DataInputStream(in);
            network.load(manager, data);
            if (data.read() != -1) {
                throw new MalformedModelException("bytes after the last parameter");
            }
            return new Chart(manager, architecture, network, manifest);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            manager.close();
            throw DamagedChartException.reading(dir, WEIGHTS, e);
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
