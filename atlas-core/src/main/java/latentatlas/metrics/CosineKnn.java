package latentatlas.metrics;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import latentatlas.InvalidInputException;
import latentatlas.space.LatentSpace;

import java.util.List;
import java.util.Arrays;
import java.util.TreeSet;

/**
 * Cosine k-nearest-neighbour classifier: a query {@code x} gets the majority class of the {@code k}
 * training rows with the largest {@code cos(x, t) = x.t / (||x|| ||t||)} (uniform votes). A tie in the
 * vote goes to the smallest class label, as in scikit-learn's {@code KNeighborsClassifier}.
 *
 * <p>Similarities are float32 matmuls of a block of queries against all training rows, in a sub-manager
 * per block, and the engine selects each query's best few ({@code CosineRows.topK}); a block holds
 * {@link latentatlas.compute.Blocks#STREAM_FLOATS} similarities or 512 queries, whichever is more.
 */
public final class CosineKnn {
    /** The default number of neighbours. */
    public static final int DEFAULT_K = 10;

    private final float[] train;
    private final int[] trainClass;
    private final int[] classes;
    private final int rows;
    private final int dim;
    private final int k;

    private CosineKnn(float[] train, int[] trainClass, int[] classes, int rows, int dim, int k) {
        this.train = train;
        this.trainClass = trainClass;
        this.classes = classes;
        this.rows = rows;
        this.dim = dim;
        this.k = k;
    }

    /**
     * @param space the labelled training rows (no zero vector)
     * @param k neighbours per vote, from 1 to the number of training rows
     * @return the classifier
     */
    public static CosineKnn fit(LatentSpace space, int k) {
        if (!space.hasLabels()) {
            throw new InvalidInputException(List.of("labels"), "the k-nearest-neighbour classifier needs class labels, found a space without them");
        }
        if (k < 1 || k > space.size()) {
            throw new InvalidInputException(List.of("k"), "k-nearest neighbours: k must be in 1.." + space.size() + ", found " + k);
        }
        int[] classes = new TreeSet<>(Arrays.stream(space.labels()).boxed().toList())
                .stream().mapToInt(Integer::intValue).toArray();
        int[] trainClass = new int[space.size()];
        for (int i = 0; i < trainClass.length; i++) {
            trainClass[i] = Arrays.binarySearch(classes, space.label(i));
        }
        return new CosineKnn(CosineRows.normalised(space, "k-NN training space"), trainClass, classes,
                space.size(), space.dim(), k);
    }

    /**
     * @param space rows of the training width (no zero vector)
     * @return the predicted class of every row
     */
    public int[] predict(LatentSpace space) {
        if (space.dim() != dim) {
            throw new InvalidInputException("k-nearest neighbours: fitted on width " + dim + ", asked to predict width "
                    + space.dim() + ": use spaces of the same chart");
        }
        int[] neighbours;
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray t = RowBlocks.matrix(manager, train, rows, dim);
            NDArray q = RowBlocks.matrix(manager, CosineRows.normalised(space, "k-NN query space"), space.size(), dim);
            neighbours = CosineRows.topK(q, t, k, -1);
        }
        int[] out = new int[space.size()];
        int[] votes = new int[classes.length];
        for (int i = 0; i < out.length; i++) {
            Arrays.fill(votes, 0);
            for (int j = 0; j < k; j++) {
                votes[trainClass[neighbours[i * k + j]]]++;
            }
            int best = 0;
            for (int c = 1; c < votes.length; c++) {
                if (votes[c] > votes[best]) {
                    best = c;
                }
            }
            out[i] = classes[best];
        }
        return out;
    }
}
