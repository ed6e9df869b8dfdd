package latentatlas.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import latentatlas.InvalidInputException;
import latentatlas.compute.Shuffles;
import latentatlas.io.AtomicFiles;
import latentatlas.io.Npy;
import latentatlas.metrics.Accuracy;
import latentatlas.metrics.ClassSeparability;
import latentatlas.metrics.ClusteringScores;
import latentatlas.metrics.CosineKnn;
import latentatlas.metrics.KMeans;
import latentatlas.metrics.KMeansClustering;
import latentatlas.metrics.LinearCka;
import latentatlas.metrics.NearestCentroid;
import latentatlas.metrics.NeighbourhoodAgreement;
import latentatlas.metrics.Silhouette;
import latentatlas.space.LatentSpace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

/**
 * {@code atlas compare A.npy B.npy}: joins two spaces by id and prints every metric that applies
 * (docs/method.md §6). Always: neighbourhood agreement (k-NN Jaccard; counterpart MRR when the widths
 * match) and linear CKA. With labels, for each space: separability, nearest-centroid and cosine k-NN accuracy on a
 * seeded 80/20 split of the joined ids, k-means (k = number of classes) scored against the classes,
 * and silhouettes. Metrics are name/value lines; {@code --json} writes the same names.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Compare two latent spaces on their common ids: neighbourhood agreement and, with"
            + " labels, separability, nearest-centroid and k-NN accuracy, k-means scores and silhouettes.",
            "Cost: the neighbourhood and silhouette metrics are O(n^2 d) (streamed, memory O(n d))."})
public final class CompareCommand implements java.util.concurrent.Callable<Integer> {
    @Parameters(index = "0", paramLabel = "A.npy", description = "first space (float32/float64, n x d)")
    private Path aFile;

    @Parameters(index = "1", paramLabel = "B.npy", description = "second space (float32/float64, m x e)")
    private Path bFile;

    @Option(names = "--ids-a", paramLabel = "FILE",
            description = "int64 ids of A's rows (default: A.ids.npy beside A.npy when it exists, else row numbers)")
    private Path idsA;

    @Option(names = "--ids-b", paramLabel = "FILE",
            description = "int64 ids of B's rows (default: B.ids.npy beside B.npy when it exists, else row numbers)")
    private Path idsB;

    @Option(names = "--labels", paramLabel = "FILE",
            description = "int64 class of each row of A (default: A.labels.npy beside A.npy when it exists)")
    private Path labels;

    @Option(names = "--classes", split = ",", paramLabel = "C",
            description = "classes of interest: separability counts only pairs with one of them, and"
                + " accuracies are also given on them and on the other classes")
    private List<Integer> classes = new ArrayList<>();

    @Option(names = "--seed", description = "seed of the 80/20 split and of k-means")
    private long seed = 42;

    @Option(names = "--k", description = "neighbours for the k-NN classifier and the neighbourhood Jaccard")
    private int k = 10;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the metrics as JSON")
    private Path json;

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        LatentSpace a = load(aFile, idsA, labels == null ? sibling(aFile, "labels") : labels);
        LatentSpace b = load(bFile, idsB, null);
        long[] common = Arrays.stream(a.ids()).filter(b::contains).toArray();
        if (common.length < 2) {
            throw new InvalidInputException(aFile + " and " + bFile + " share " + common.length
                    + " ids, need at least 2: check --ids-a / --ids-b");
        }
        a = a.select(aFile.toString(), common);
        b = b.select(bFile.toString(), common).withLabels(a.hasLabels() ? a.labels() : null);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("compare: %d common ids (A %s: %d x %d, B %s: %d x %d)%n", common.length, aFile,
                a.size(), a.dim(), bFile, b.size(), b.dim());
        Map<String, Double> metrics = new LinkedHashMap<>();
        NeighbourhoodAgreement agreement = NeighbourhoodAgreement.of(a, b, Math.min(k, common.length - 1));
        metrics.put("neighbourhood.jaccard@" + agreement.k(), agreement.jaccard());
        agreement.meanReciprocalRank().ifPresent(mrr -> metrics.put("neighbourhood.mrr", mrr));
        metrics.put("cka.linear", LinearCka.of(a, b));
        if (a.hasLabels()) {
            int[] split = trainTestSplit(common.length, seed);
            labelled("a", a, split, metrics);
            labelled("b", b, split, metrics);
        }
        metrics.forEach((name, value) -> out.printf("%-34s %.6f%n", name, value));
        if (agreement.meanReciprocalRank().isEmpty()) {
            out.printf("neighbourhood.mrr skipped: widths %d and %d differ (it needs one coordinate system)%n",
                    a.dim(), b.dim());
        }
        if (!a.hasLabels()) {
            out.println("no labels: give --labels (or put A.labels.npy beside A.npy) for class metrics");
        }
        if (json != null) {
            writeJson(common.length, a, b, metrics);
            out.println("wrote " + json);
        }
        out.flush();
        return 0;
    }

    /** Class metrics of one space: separability, classifier accuracies, k-means scores, silhouettes. */
    private void labelled(String prefix, LatentSpace space, int[] split, Map<String, Double> metrics) {
        Set<Integer> interest = new HashSet<>(classes);
        int cut = split.length * 4 / 5;
        LatentSpace train = space.rows(Arrays.copyOfRange(split, 0, cut));
        LatentSpace test = space.rows(Arrays.copyOfRange(split, cut, split.length));
        metrics.put(prefix + ".separability", ClassSeparability.of(space, interest));
        accuracy(prefix + ".centroid_accuracy", test.labels(), NearestCentroid.fit(train).predict(test), metrics);
        accuracy(prefix + ".knn_accuracy", test.labels(),
                CosineKnn.fit(train, Math.min(k, train.size())).predict(test), metrics);
        int[] truth = space.labels();
        int classCount = (int) Arrays.stream(truth).distinct().count();
        if (classCount < 2 || classCount >= space.size()) {
            return;
        }
        KMeansClustering clustering = KMeans.of(classCount, seed).fit(space);
        ClusteringScores scores = ClusteringScores.of(truth, clustering.labels());
        metrics.put(prefix + ".kmeans.homogeneity", scores.homogeneity());
        metrics.put(prefix + ".kmeans.completeness", scores.completeness());
        metrics.put(prefix + ".kmeans.v_measure", scores.vMeasure());
        metrics.put(prefix + ".kmeans.mutual_info", scores.mutualInformation());
        metrics.put(prefix + ".kmeans.adjusted_mutual_info", scores.adjustedMutualInformation());
        metrics.put(prefix + ".kmeans.silhouette", Silhouette.score(space, clustering.labels()));
        metrics.put(prefix + ".class_silhouette", Silhouette.score(space, truth));
    }

    /** Accuracy on all test rows, and, with classes of interest, on them and on the others. */
    private void accuracy(String name, int[] truth, int[] predicted, Map<String, Double> metrics) {
        metrics.put(name, Accuracy.of(truth, predicted));
        if (classes.isEmpty()) {
            return;
        }
        Set<Integer> interest = new HashSet<>(classes);
        Set<Integer> others = new HashSet<>();
        Arrays.stream(truth).filter(c -> !interest.contains(c)).forEach(others::add);
        put(metrics, name + ".classes", Accuracy.on(truth, predicted, interest));
        if (!others.isEmpty()) {
            put(metrics, name + ".other_classes", Accuracy.on(truth, predicted, others));
        }
    }

    private static void put(Map<String, Double> metrics, String name, OptionalDouble value) {
        value.ifPresent(v -> metrics.put(name, v));
    }

    /** @return a seeded permutation of {@code 0..n-1}: the first 80% train, the rest test */
    static int[] trainTestSplit(int n, long seed) {
        return Shuffles.permutation(n, new SplittableRandom(seed));
    }

    private static Path sibling(Path vectors, String kind) {
        String name = vectors.getFileName().toString();
        String stem = name.endsWith(".npy") ? name.substring(0, name.length() - 4) : name;
        Path candidate = vectors.resolveSibling(stem + "." + kind + ".npy");
        return Files.isRegularFile(candidate) ? candidate : null;
    }

    private static LatentSpace load(Path vectors, Path ids, Path labelFile) {
        Npy.Matrix matrix = Npy.readMatrix(vectors);
        Path idFile = ids != null ? ids : sibling(vectors, "ids");
        long[] idValues = idFile == null ? LongStream.range(0, matrix.rows()).toArray() : Npy.readLongs(idFile);
        if (idValues.length != matrix.rows()) {
            throw new InvalidInputException(idFile + ": " + idValues.length + " ids for the " + matrix.rows()
                    + " rows of " + vectors + ": give the ids file of these vectors");
        }
        int[] labelValues = labelFile == null ? null : Npy.readInts(labelFile);
        if (labelValues != null && labelValues.length != matrix.rows()) {
            throw new InvalidInputException(labelFile + ": " + labelValues.length + " labels for the "
                    + matrix.rows() + " rows of " + vectors + ": give one label per row of A");
        }
        return LatentSpace.of(vectors.toString(), idValues, matrix.data(), matrix.cols(), labelValues);
    }

    private void writeJson(int joined, LatentSpace a, LatentSpace b, Map<String, Double> metrics) {
        Map<String, Object> doc = new LinkedHashMap<>();
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("a", aFile.toString());
        inputs.put("b", bFile.toString());
        inputs.put("common_ids", joined);
        inputs.put("width_a", a.dim());
        inputs.put("width_b", b.dim());
        inputs.put("labelled", a.hasLabels());
        inputs.put("classes_of_interest", classes);
        inputs.put("seed", seed);
        inputs.put("k", k);
        doc.put("inputs", inputs);
        doc.put("metrics", metrics);
        try {
            String text = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc);
            AtomicFiles.writeString(json, text + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
