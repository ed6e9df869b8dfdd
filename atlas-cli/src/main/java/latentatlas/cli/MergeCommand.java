package latentatlas.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import latentatlas.InvalidInputException;
import latentatlas.atlas.Aggregation;
import latentatlas.atlas.Atlas;
import latentatlas.atlas.AtlasBuilder;
import latentatlas.atlas.OutOfCoreMerge;
import latentatlas.io.AtomicFiles;
import latentatlas.io.Npy;
import latentatlas.io.OutputFolder;
import latentatlas.io.OutputNames;
import latentatlas.relative.Normalization;
import latentatlas.relative.Similarity;
import latentatlas.space.LatentSpace;
import latentatlas.space.LatentSpaces;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code atlas merge}: loads the given absolute spaces, merges them with atlas-core's
 * {@link AtlasBuilder} (each space projected on the anchors, fitted on that space's own anchor rows,
 * then aggregated per id) and writes
 * {@code atlas.npy}, {@code atlas.ids.npy} [{@code atlas.labels.npy}], {@code atlas.coverage.npy} and
 * {@code summary.json}, built beside {@code --out} and swapped in whole ({@link OutputFolder}).
 */
@Command(name = "merge", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Merge latent spaces into an atlas: every space is projected on the anchors (relative"
                + " representation), then the relative vectors of each sample id are averaged over the spaces"
                + " that contain it.",
            "Writes DIR/atlas.npy (float32, n x anchors), atlas.ids.npy, atlas.coverage.npy (how many spaces"
                + " held each id), atlas.labels.npy when every space is labelled, and summary.json."})
public final class MergeCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Option(names = "--space", required = true, paramLabel = "NAME=VECTORS.npy:IDS.npy[:LABELS.npy]",
            description = "An absolute space (float32/float64 n x d, int64 ids, optional int labels); repeat"
                    + " for every chart. Each must contain every anchor id.")
    private List<String> spaces;

    @Option(names = "--anchors", required = true, paramLabel = "ANCHOR_IDS.npy",
            description = "The anchors' sample ids (1-D int64); their order is the atlas' column order.")
    private Path anchors;

    @Option(names = "--similarity", defaultValue = "cosine",
            description = "Similarity to each anchor: ${COMPLETION-CANDIDATES} (cosine is the paper's).")
    private Similarity similarity;

    @Option(names = "--normalization", defaultValue = "none",
            description = "Per-column map fitted on each space's anchors: ${COMPLETION-CANDIDATES}.")
    private Normalization normalization;

    @Option(names = "--aggregation", defaultValue = "mean",
            description = "mean over the spaces holding an id (the paper) or first (the first space only).")
    private Aggregation aggregation;

    @Option(names = "--block-rows", paramLabel = "N",
            description = "Merge out of core: read the spaces and write the atlas N atlas rows at a time"
                    + " (memory about N x (12 x anchors + 4 x width) bytes plus 12 bytes per row and space),"
                    + " for spaces larger than the heap; 0: in memory.")
    private int blockRows;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Output folder: new, empty or an earlier output, replaced whole.")
    private Path out;

    /** The files a merge output may hold (an older output without the marker is recognised by them). */
    static final Set<String> FILES = Set.of("atlas.npy", "atlas.ids.npy", "atlas.labels.npy", "atlas.coverage.npy",
            "summary.json");

    /** One {@code --space} value. */
    record SpaceArgument(String name, Path vectors, Path ids, Path labels) {
        static SpaceArgument parse(String text) {
            int eq = text.indexOf('=');
            String[] files = eq < 0 ? new String[0] : text.substring(eq + 1).split(":");
            if (eq < 1 || files.length < 2 || files.length > 3) {
                throw new InvalidInputException("--space: expected NAME=VECTORS.npy:IDS.npy[:LABELS.npy], found '"
                        + text + "'");
            }
            String name = text.substring(0, eq);
            try {
                OutputNames.check("space name", name);
            } catch (InvalidInputException e) {
                throw new InvalidInputException("--space: " + e.getMessage(), e);
            }
            return new SpaceArgument(name, Path.of(files[0]), Path.of(files[1]),
                    files.length == 3 ? Path.of(files[2]) : null);
        }
    }

    @Override
    public void run() {
        if (blockRows != 0) {
            runOutOfCore();
            return;
        }
        AtlasBuilder builder = AtlasBuilder.builder().optSimilarity(similarity).optNormalization(normalization)
                .optAggregation(aggregation);
        long[] anchorIds = Npy.readLongs(anchors);
        try {
            builder.setAnchors(anchorIds);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("--anchors " + anchors + ": " + e.getMessage(), e);
        }
        List<Map<String, Object>> described = new ArrayList<>();
        for (String text : spaces) {
            SpaceArgument arg = SpaceArgument.parse(text);
            LatentSpace space = LatentSpaces.load(arg.vectors(), arg.ids(), arg.labels());
            try {
                builder.addChart(arg.name(), space);
            } catch (InvalidInputException e) {
                throw new InvalidInputException("--space: " + e.getMessage(), e);
            }
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("name", arg.name());
            d.put("vectors", arg.vectors().toString());
            d.put("ids", arg.ids().toString());
            d.put("rows", space.size());
            d.put("width", space.dim());
            d.put("labelled", space.hasLabels());
            described.add(d);
        }
        Atlas atlas = builder.build();
        String summary = summary(atlas.space().size(), atlas.space().dim(), atlas.space().hasLabels(),
                atlas.coverageHistogram(), described, anchorIds.length);
        OutputFolder.write(out, FILES, dir -> {
            LatentSpaces.save(atlas.space(), dir, "atlas");
            Npy.writeInts(dir.resolve("atlas.coverage.npy"), atlas.coverage());
            AtomicFiles.writeString(dir.resolve("summary.json"), summary);
        });
        report(atlas.space().size(), atlas.space().dim(), atlas.coverageHistogram());
    }

    /** {@code --block-rows}: the same merge through atlas-core's {@link OutOfCoreMerge}. */
    private void runOutOfCore() {
        OutOfCoreMerge.Builder builder = OutOfCoreMerge.builder().optSimilarity(similarity)
                .optNormalization(normalization).optAggregation(aggregation);
        try {
            builder.optBlockRows(blockRows);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(List.of("block-rows"), "--block-rows: " + e.getMessage(), e);
        }
        long[] anchorIds = Npy.readLongs(anchors);
        try {
            builder.setAnchors(anchorIds);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("--anchors " + anchors + ": " + e.getMessage(), e);
        }
        List<SpaceArgument> args = new ArrayList<>();
        for (String text : spaces) {
            SpaceArgument arg = SpaceArgument.parse(text);
            try {
                builder.addChart(arg.name(), arg.vectors(), arg.ids(), arg.labels());
            } catch (InvalidInputException e) {
                throw new InvalidInputException("--space: " + e.getMessage(), e);
            }
            args.add(arg);
        }
        OutOfCoreMerge merge = builder.build();
        OutOfCoreMerge.Result[] written = new OutOfCoreMerge.Result[1];
        OutputFolder.write(out, FILES, dir -> {
            OutOfCoreMerge.Result result = merge.write(dir);
            written[0] = result;
            List<Map<String, Object>> described = new ArrayList<>();
            for (int t = 0; t < args.size(); t++) {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("name", args.get(t).name());
                d.put("vectors", args.get(t).vectors().toString());
                d.put("ids", args.get(t).ids().toString());
                d.put("rows", result.chartRows()[t]);
                d.put("width", result.chartWidths()[t]);
                d.put("labelled", args.get(t).labels() != null);
                described.add(d);
            }
            AtomicFiles.writeString(dir.resolve("summary.json"), summary(result.ids(), result.width(), result.labelled(),
                    result.coverageHistogram(), described, anchorIds.length));
        });
        report(written[0].ids(), written[0].width(), written[0].coverageHistogram());
    }

    private void report(int ids, int width, long[] histogram) {
        StringBuilder coverage = new StringBuilder();
        for (int c = 1; c < histogram.length; c++) {
            coverage.append(c > 1 ? ", " : "").append(histogram[c]).append(" in ").append(c);
        }
        spec.commandLine().getOut().printf("atlas: %d ids x %d anchors from %d spaces (ids covered by: %s) -> %s%n",
                ids, width, histogram.length - 1, coverage, out);
    }

    private String summary(int ids, int width, boolean labelled, long[] counts, List<Map<String, Object>> described,
                           int anchorCount) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("command", "merge");
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("similarity", similarity.name().toLowerCase(java.util.Locale.ROOT));
        configuration.put("normalization", normalization.name().toLowerCase(java.util.Locale.ROOT));
        configuration.put("aggregation", aggregation.name().toLowerCase(java.util.Locale.ROOT));
        root.put("configuration", configuration);
        Map<String, Object> anchorSummary = new LinkedHashMap<>();
        anchorSummary.put("file", anchors.toString());
        anchorSummary.put("count", anchorCount);
        root.put("anchors", anchorSummary);
        root.put("spaces", described);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("ids", ids);
        result.put("width", width);
        result.put("labelled", labelled);
        if (blockRows != 0) {
            result.put("blockRows", blockRows);
        }
        Map<String, Long> histogram = new LinkedHashMap<>();
        for (int c = 1; c < counts.length; c++) {
            histogram.put(Integer.toString(c), counts[c]);
        }
        result.put("coverageHistogram", histogram);
        result.put("files", List.of("atlas.npy", "atlas.ids.npy", "atlas.coverage.npy"));
        root.put("atlas", result);
        root.put("versions", Versions.all());
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
