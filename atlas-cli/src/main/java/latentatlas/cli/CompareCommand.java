package latentatlas.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import latentatlas.InvalidInputException;
import latentatlas.io.AtomicFiles;
import latentatlas.metrics.OutOfCoreCka;
import latentatlas.metrics.SpaceComparison;
import latentatlas.space.LatentSpace;
import latentatlas.space.LatentSpaces;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code atlas compare A.npy B.npy}: loads two spaces (ids from {@code --ids-a}/{@code --ids-b}, the
 * sibling {@code .ids.npy} or the row numbers; A's labels from {@code --labels} or the sibling
 * {@code .labels.npy}), compares them with atlas-core's {@link SpaceComparison} (joined by id, every
 * metric that applies, docs/method.md §6) and prints name/value lines; {@code --json} writes the same
 * names.
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

    @Option(names = "--block-rows", paramLabel = "N",
            description = "Out of core: stream both spaces from disk N rows at a time and compute linear CKA"
                + " only (plain and debiased), for spaces larger than the heap; 0: every metric, in memory.")
    private int blockRows;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the metrics as JSON")
    private Path json;

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (blockRows != 0) {
            return outOfCore();
        }
        SpaceComparison comparison = new SpaceComparison(k, seed, classes); // Main names --k in its errors
        LatentSpace a = LatentSpaces.loadWithDefaultIds(aFile, idsA,
                labels != null ? labels : LatentSpaces.sibling(aFile, "labels"));
        LatentSpace b = LatentSpaces.loadWithDefaultIds(bFile, idsB, null);
        SpaceComparison.Result result;
        try {
            result = comparison.compare(a, b);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(e.inputs(), aFile + " vs " + bFile + ": " + e.getMessage(), e);
        }
        a = result.a();
        b = result.b();
        PrintWriter out = spec.commandLine().getOut();
        out.printf("compare: %d common ids (A %s: %d x %d, B %s: %d x %d)%n", result.commonIds(), aFile,
                a.size(), a.dim(), bFile, b.size(), b.dim());
        result.metrics().forEach((name, value) -> out.printf("%-34s %.6f%n", name, value));
        if (result.agreement().meanReciprocalRank().isEmpty()) {
            out.printf("neighbourhood.mrr skipped: widths %d and %d differ (it needs one coordinate system)%n",
                    a.dim(), b.dim());
        }
        if (!a.hasLabels()) {
            out.println("no labels: give --labels (or put A.labels.npy beside A.npy) for class metrics");
        }
        if (json != null) {
            writeJson(result.commonIds(), a.dim(), b.dim(), a.hasLabels(), result.metrics());
            out.println("wrote " + json);
        }
        out.flush();
        return 0;
    }

    /** {@code --block-rows}: linear CKA streamed from the files by atlas-core's {@link OutOfCoreCka}. */
    private int outOfCore() {
        if (blockRows < 0) {
            throw new InvalidInputException(List.of("block-rows"), "--block-rows: expected 0 (in memory) or at least 1,"
                    + " found " + blockRows);
        }
        Path ia = idsA != null ? idsA : LatentSpaces.sibling(aFile, "ids");
        Path ib = idsB != null ? idsB : LatentSpaces.sibling(bFile, "ids");
        OutOfCoreCka.Result result;
        try {
            result = OutOfCoreCka.compare(aFile, ia, bFile, ib, blockRows);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(e.inputs(), aFile + " vs " + bFile + ": " + e.getMessage(), e);
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("cka.linear", result.linear());
        result.debiased().ifPresent(v -> metrics.put("cka.debiased", v));
        PrintWriter out = spec.commandLine().getOut();
        out.printf("compare (out of core, blocks of %d rows): %d common ids (A %s: width %d, B %s: width %d)%n",
                blockRows, result.commonIds(), aFile, result.widthA(), bFile, result.widthB());
        metrics.forEach((name, value) -> out.printf("%-34s %.6f%n", name, value));
        out.println("neighbourhood, classifier and clustering metrics need the spaces in memory: leave out --block-rows");
        if (json != null) {
            writeJson(result.commonIds(), result.widthA(), result.widthB(), false, metrics);
            out.println("wrote " + json);
        }
        out.flush();
        return 0;
    }

    private void writeJson(long joined, int widthA, int widthB, boolean labelled, Map<String, Double> metrics) {
        Map<String, Object> doc = new LinkedHashMap<>();
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("a", aFile.toString());
        inputs.put("b", bFile.toString());
        inputs.put("common_ids", joined);
        inputs.put("width_a", widthA);
        inputs.put("width_b", widthB);
        inputs.put("labelled", labelled);
        if (blockRows != 0) {
            inputs.put("block_rows", blockRows);
        }
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
