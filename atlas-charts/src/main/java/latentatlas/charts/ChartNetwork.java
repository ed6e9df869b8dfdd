package latentatlas.charts;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A network as the trainer sees it: the architecture's embedder {@code e(x)} followed by the linear
 * classifier {@code logits = W e(x) + b}, {@code W in R^{|C| x d}}. The embedding is a named part
 * of the model, so inference can stop there.
 */
public final class ChartNetwork {
    private final NetworkArchitecture architecture;
    private final int classes;
    private final Block embedder;
    private final Block classifier;
    private final SequentialBlock block;

    private ChartNetwork(NetworkArchitecture architecture, int classes) {
        this.architecture = architecture;
        this.classes = classes;
        this.embedder = architecture.newEmbedder();
        this.classifier = Linear.builder().setUnits(classes).build();
        this.block = new SequentialBlock().add(embedder).add(classifier);
    }

    /**
     * Builds and initialises the network's parameters in {@code manager} (random initialisation of
     * DJL's defaults, drawn from the engine's seeded generator).
     *
     * @param architecture the layers up to the embedding
     * @param classes the number of classes, at least 2
     * @param manager owns the parameters
     * @return the network
     */
    public static ChartNetwork create(NetworkArchitecture architecture, int classes, NDManager manager) {
        if (classes < 2) {
            throw new IllegalArgumentException("a classifier needs at least 2 classes, found " + classes);
        }
        ChartNetwork network = new ChartNetwork(architecture, classes);
        network.block.initialize(manager, DataType.FLOAT32, new Shape(1).addAll(architecture.sampleShape()));
        return network;
    }

    /** @return the architecture */
    public NetworkArchitecture architecture() {
        return architecture;
    }

    /** @return the number of classes */
    public int classes() {
        return classes;
    }

    /** @return the trainable parameters, in a stable order */
    public List<Parameter> parameters() {
        List<Parameter> out = new ArrayList<>();
        for (var pair : block.getParameters()) {
            if (pair.getValue().requiresGradient()) {
                out.add(pair.getValue());
            }
        }
        return out;
    }

    /**
     * @param store the parameter store
     * @param input a prepared batch
     * @param training whether this is a training pass
     * @return the logits, {@code batch x classes}
     */
    public NDArray logits(ParameterStore store, NDArray input, boolean training) {
        return block.forward(store, new NDList(input), training).singletonOrThrow();
    }

    /**
     * @param store the parameter store
     * @param input a prepared batch
     * @return the embeddings, {@code batch x embeddingDim}
     */
    public NDArray embed(ParameterStore store, NDArray input) {
        return embedder.forward(store, new NDList(input), false).singletonOrThrow();
    }

    /**
     * @param store the parameter store
     * @param embeddings the output of {@link #embed}
     * @return the classifier's logits on them, {@code batch x classes}
     */
    public NDArray classify(ParameterStore store, NDArray embeddings) {
        return classifier.forward(store, new NDList(embeddings), false).singletonOrThrow();
    }

    /** Writes the parameters in DJL's block format ({@code Block.saveParameters}). */
    void save(DataOutputStream out) throws IOException {
        block.saveParameters(out);
    }

    /** Reads parameters written by {@link #save}. */
    void load(NDManager manager, DataInputStream in) throws IOException, ai.djl.MalformedModelException {
        block.loadParameters(manager, in);
    }
}
