package latentatlas.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import latentatlas.InvalidInputException;
import latentatlas.atlas.Aggregation;
import latentatlas.atlas.Atlas;
import latentatlas.atlas.AtlasBuilder;
import latentatlas.io.AtomicFiles;
import latentatlas.io.Npy;
import latentatlas.io.OutputFolder;
import latentatlas.io.OutputNames;
import latentatlas.relative.Normalization;
import latentatlas.relative.Similarity;
import latentatlas.space.LatentSpace;
import latentatlas.space.LatentSpaces;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Option(names = "--anchors", paramLabel = "ANCHOR_IDS.npy",
            description = "The anchors' sample ids (1-D int64); their order is the atlas' column order."
                    + " Required unless --select-anchors chooses them.")
    private Path anchors;

    @Mixin
    private AnchorChoiceOptions choice;

    @Option(names = "--reference", paramLabel = "NAME",
            description = "With --select-anchors: the space whose vectors (and labels) the choice measures"
                    + " (default: the first --space).")
    private String reference;

    @Option(names = "--similarity", defaultValue = "cosine",
            description = "Similarity to each anchor: ${COMPLETION-CANDIDATES} (cosine is the paper's).")
    private Similarity similarity;

    @Option(names = "--normalization", defaultValue = "none",
            description = "Per-column map fitted on each space's anchors: ${COMPLETION-CANDIDATES}.")
    private Normalization normalization;

    @Option(names = "--aggregation", defaultValue = "mean",
            description = "mean over the spaces holding an id (the paper) or first (the first space only).")
    private Aggregation aggregation;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Output folder: new, empty or an earlier output, replaced whole.")
    private Path out;

    /** The files a merge output may hold (an older output without the marker is recognised by them). */
    static final Set<String> FILES = Set.of("atlas.npy", "atlas.ids.npy", "atlas.labels.npy", "atlas.coverage.npy",
            "anchors.ids.npy", "summary.json");

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
        AtlasBuilder builder = AtlasBuilder.builder().optSimilarity(similarity).optNormalization(normalization)
                .optAggregation(aggregation);
        boolean select = choice.given();
        if (select == (anchors != null)) {
            throw new InvalidInputException(select ? "--anchors and --select-anchors both give the anchors; keep one"
                    : "the anchors are missing: give --anchors ANCHOR_IDS.npy or --select-anchors K");
        }
        if (!select && reference != null) {
            throw new InvalidInputException("--reference applies to --select-anchors K, which is missing; add it or"
                    + " remove --reference");
        }
        List<Map<String, Object>> described = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<LatentSpace> loaded = new ArrayList<>();
        for (String text : spaces) {
            SpaceArgument arg = SpaceArgument.parse(text);
            LatentSpace space = LatentSpaces.load(arg.vectors(), arg.ids(), arg.labels());
            try {
                builder.addChart(arg.name(), space);
            } catch (InvalidInputException e) {
                throw new InvalidInputException("--space: " + e.getMessage(), e);
            }
            names.add(arg.name());
            loaded.add(space);
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("name", arg.name());
            d.put("vectors", arg.vectors().toString());
            d.put("ids", arg.ids().toString());
            d.put("rows", space.size());
            d.put("width", space.dim());
            d.put("labelled", space.hasLabels());
            described.add(d);
        }
        long[] anchorIds = select ? choice.choose(names, loaded, reference) : Npy.readLongs(anchors);
        try {
            builder.setAnchors(anchorIds);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("--anchors " + anchors + ": " + e.getMessage(), e);
        }
        Atlas atlas = builder.build();
        String summary = summary(atlas, described, anchorIds.length,
                select ? choice.describe(reference == null ? names.get(0) : reference) : null);
        OutputFolder.write(out, FILES, dir -> {
            LatentSpaces.save(atlas.space(), dir, "atlas");
            if (select) {
                Npy.writeLongs(dir.resolve("anchors.ids.npy"), anchorIds);
            }
            Npy.writeInts(dir.resolve("atlas.coverage.npy"), atlas.coverage());
            AtomicFiles.writeString(dir.resolve("summary.json"), summary);
        });
        long[] histogram = atlas.coverageHistogram();
        StringBuilder coverage = new StringBuilder();
        for (int c = 1; c < histogram.length; c++) {
            coverage.append(c > 1 ? ", " : "").append(histogram[c]).append(" in ").append(c);
        }
        spec.commandLine().getOut().printf("atlas: %d ids x %d anchors from %d spaces (ids covered by: %s) -> %s%n",
                atlas.space().size(), atlas.space().dim(), atlas.charts().size(), coverage, out);
    }

    private String summary(Atlas atlas, List<Map<String, Object>> described, int anchorCount,
                           Map<String, Object> selection) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("command", "merge");
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("similarity", similarity.name().toLowerCase(java.util.Locale.ROOT));
        configuration.put("normalization", normalization.name().toLowerCase(java.util.Locale.ROOT));
        configuration.put("aggregation", aggregation.name().toLowerCase(java.util.Locale.ROOT));
        root.put("configuration", configuration);
        Map<String, Object> anchorSummary = new LinkedHashMap<>();
        anchorSummary.put("file", anchors == null ? "anchors.ids.npy" : anchors.toString());
        anchorSummary.put("count", anchorCount);
        if (selection != null) {
            anchorSummary.put("selection", selection);
        }
        root.put("anchors", anchorSummary);
        root.put("spaces", described);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("ids", atlas.space().size());
        result.put("width", atlas.space().dim());
        result.put("labelled", atlas.space().hasLabels());
        Map<String, Long> histogram = new LinkedHashMap<>();
        long[] counts = atlas.coverageHistogram();
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
