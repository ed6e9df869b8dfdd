package latentatlas.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import latentatlas.InvalidInputException;
import latentatlas.charts.NetworkArchitecture;
import latentatlas.charts.NetworkTrainer;
import latentatlas.charts.ProgressListener;
import latentatlas.charts.TrainingConfig;
import latentatlas.charts.TrainingResult;
import latentatlas.space.LatentSpace;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The setting-3 baseline "absolute embedding + a learned task embedding" (docs/method.md §5): every task
 * {@code t} gets a vector {@code e_t = E onehot(t)}, {@code E} in {@code R^{DIM x T}}, learned jointly
 * with a probe on {@code [x ; e_t]} ({@code InstanceNorm -> Linear(d + DIM, 256) -> ReLU ->
 * Linear(256, |C|)}, the probe of docs/method.md §6 with the embedding in front), trained like the probe
 * (Adam, early stopping on a seeded 10% of the training rows). The space is then {@code [x ; e_t]}, with
 * {@code E} fixed, analysed like every other space.
 */
public final class TaskEmbedding {
    /** The width of a task's learned vector. */
    public static final int DIM = 16;

    private TaskEmbedding() {
    }

    /**
     * @param withOneHot labelled training rows {@code [x ; onehot(t)]}, width {@code d + tasks}
     * @param tasks the number of tasks {@code T}, at least 2
     * @param config the probe's training configuration
     * @param listener receives the training progress
     * @return {@code E^T}, row-major {@code T x DIM}: row {@code t} is {@code e_t}
     */
    public static float[] learn(LatentSpace withOneHot, int tasks, TrainingConfig config, ProgressListener listener) {
        int d = withOneHot.dim() - tasks;
        if (tasks < 2 || d < 1) {
            throw new InvalidInputException("task embedding: expected rows [x ; onehot of " + tasks
                    + " tasks] with x at least 1 wide, found width " + withOneHot.dim());
        }
        int[] classes = Arrays.stream(withOneHot.labels()).distinct().sorted().toArray();
        LatentSpace[] parts = Probe.holdOut(withOneHot, config.seed());
        try (NDManager manager = NDManager.newBaseManager(); NDManager data = manager.newSubManager()) {
            NetworkTrainer trainer = NetworkTrainer.builder().setConfig(config).optListener(listener)
                    .optLabel("task embedding").build();
            TrainingResult result = trainer.fit(manager, new Architecture(d, tasks), classes.length,
                    parts[0].toNDArray(data), Probe.local(parts[0].labels(), classes),
                    parts[1].toNDArray(data), Probe.local(parts[1].labels(), classes));
            // the task Linear is the first block with parameters: its weight is E, DIM x T
            Parameter weight = result.network().parameters().get(0);
            if (!weight.getArray().getShape().equals(new Shape(DIM, tasks))) {
                throw new IllegalStateException("task embedding: expected the first parameter to be E (" + DIM + " x "
                        + tasks + "), found " + weight.getName() + " " + weight.getArray().getShape());
            }
            float[] w = weight.getArray().toFloatArray();
            float[] e = new float[tasks * DIM];
            for (int t = 0; t < tasks; t++) {
                for (int j = 0; j < DIM; j++) {
                    e[t * DIM + j] = w[j * tasks + t];
                }
            }
            return e;
        }
    }

    /**
     * @param name the space's name
     * @param withOneHot rows {@code [x ; onehot(t)]}
     * @param tasks the number of tasks
     * @param embedding {@code T x DIM} from {@link #learn}
     * @return rows {@code [x ; e_t]}, same ids and labels
     */
    public static LatentSpace apply(String name, LatentSpace withOneHot, int tasks, float[] embedding) {
        int d = withOneHot.dim() - tasks;
        int width = d + DIM;
        float[] in = withOneHot.rawVectors();
        float[] out = new float[withOneHot.size() * width];
        for (int i = 0; i < withOneHot.size(); i++) {
            int task = -1;
            for (int t = 0; t < tasks; t++) {
                if (in[i * withOneHot.dim() + d + t] == 1) {
                    task = t;
                }
            }
            if (task < 0) {
                throw new InvalidInputException(name + ": row " + i + " (id " + withOneHot.id(i) + ") has no task bit set");
            }
            System.arraycopy(in, i * withOneHot.dim(), out, i * width, d);
            System.arraycopy(embedding, task * DIM, out, i * width + d, DIM);
        }
        return LatentSpace.of(name, withOneHot.ids(), out, width, withOneHot.labels());
    }

    /** {@code [x ; onehot] -> [x ; E onehot]}, then the probe's layers ({@link ProbeArchitecture}). */
    private record Architecture(int dim, int tasks) implements NetworkArchitecture {
        @Override
        public String name() {
            return "task-embedding-probe";
        }

        @Override
        public Map<String, Object> describe() {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("name", name());
            d.put("dim", dim);
            d.put("tasks", tasks);
            d.put("layers", "[x ; linear(" + tasks + " -> " + DIM + ", no bias) of the task one-hot]-"
                    + "instancenorm(no affine, eps 1e-5)-linear(256)-relu-linear(classes)");
            return d;
        }

        @Override
        public Shape sampleShape() {
            return new Shape(dim + tasks);
        }

        @Override
        public int embeddingDim() {
            return ProbeArchitecture.HIDDEN;
        }

        @Override
        public Block newEmbedder() {
            Block x = LambdaBlock.singleton(in -> in.get(new NDIndex(":, :{}", dim)), "x");
            Block task = new SequentialBlock()
                    .add(LambdaBlock.singleton(in -> in.get(new NDIndex(":, {}:", dim)), "task-one-hot"))
                    .add(Linear.builder().setUnits(DIM).optBias(false).build());
            Block joined = new ParallelBlock(
                    outs -> new NDList(outs.get(0).singletonOrThrow().concat(outs.get(1).singletonOrThrow(), 1)),
                    List.of(x, task));
            return new SequentialBlock().add(joined).add(new ProbeArchitecture(dim + DIM).newEmbedder());
        }

        @Override
        public NDArray prepare(NDArray raw) {
            return new ProbeArchitecture(dim + tasks).prepare(raw);
        }
    }
}
