package latentatlas.cli;

import latentatlas.InvalidInputException;
import latentatlas.atlas.Aggregation;
import latentatlas.atlas.AtlasBuilder;
import latentatlas.io.Npy;
import latentatlas.relative.Normalization;
import latentatlas.relative.Similarity;
import latentatlas.space.LatentSpace;
import latentatlas.space.LatentSpaces;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options that make an atlas from the user's spaces, shared by {@code atlas merge} and {@code atlas fit}
 * (a picocli mixin): {@code --space} (repeated), {@code --anchors}, {@code --similarity},
 * {@code --normalization}, {@code --aggregation}, {@code --reference}. {@link #builder} loads the spaces and
 * anchors into atlas-core's {@link AtlasBuilder}; {@link #configure} sets the configuration on any builder
 * (also the one {@code fit --run} gets from a run folder).
 */
final class AtlasOptions {
    @Option(names = "--space", paramLabel = SpaceArgument.WITH_IDS,
            description = "An absolute space (float32/float64 n x d, int64 ids, optional int labels); repeat"
                    + " for every chart. Each must contain every anchor id. Required (with --anchors).")
    List<String> spaces;

    @Option(names = "--anchors", paramLabel = "ANCHOR_IDS.npy",
            description = "The anchors' sample ids (1-D int64); their order is the atlas' column order. Required"
                    + " with --space, unless --select-anchors chooses them.")
    Path anchors;

    @Option(names = "--similarity", defaultValue = "cosine",
            description = "Similarity to each anchor: ${COMPLETION-CANDIDATES} (cosine is the paper's).")
    Similarity similarity;

    @Option(names = "--normalization", defaultValue = "none",
            description = "Per-column map fitted on each space's anchors: ${COMPLETION-CANDIDATES}.")
    Normalization normalization;

    @Option(names = "--aggregation", defaultValue = "mean",
            description = "How an id's vectors merge: mean (over the spaces holding it, the paper's), first (the"
                    + " first space only), shifted-mean (relative vectors plus each space's shift, fitted on the ids"
                    + " every space holds), procrustes or lstsq (each space's absolute vectors mapped into the"
                    + " reference space's by an orthogonal or affine map fitted on the anchors, then averaged).")
    Aggregation aggregation;

    @Option(names = "--reference", paramLabel = "NAME",
            description = "The reference space of procrustes and lstsq, and the space --select-anchors measures"
                    + " (default: the first --space).")
    String reference;

    @Mixin
    AnchorChoiceOptions choice;

    /** The anchors {@code --select-anchors} chose (sorted), or null when {@code --anchors} gave them. */
    long[] selectedAnchors;

    private long[] anchorIds;

    /** What each loaded space was, for summary.json. */
    final List<Map<String, Object>> described = new ArrayList<>();

    /** @return whether --space, --anchors or --select-anchors was given */
    boolean given() {
        return spaces != null || anchors != null || choice.count != null;
    }

    /**
     * @param spec the command, for the message of a missing option
     * @return a builder holding the anchors and every space, configured
     * @throws CommandLine.MissingParameterException when --space or --anchors is missing
     */
    AtlasBuilder builder(CommandSpec spec) {
        requireSpaces(spec);
        AtlasBuilder builder = configure(AtlasBuilder.builder());
        List<SpaceArgument> args = spaceArguments();
        List<LatentSpace> loaded = new ArrayList<>();
        for (SpaceArgument arg : args) {
            LatentSpace space = LatentSpaces.load(arg.vectors(), arg.ids(), arg.labels());
            loaded.add(space);
            described.add(describe(arg, space.size(), space.dim(), space.hasLabels()));
        }
        if (choice.given()) {
            selectedAnchors = choice.choose(args.stream().map(SpaceArgument::name).toList(), loaded, reference);
        }
        try {
            builder.setAnchors(selectedAnchors != null ? selectedAnchors : anchorIds());
        } catch (InvalidInputException e) {
            throw new InvalidInputException("--anchors " + anchors + ": " + e.getMessage(), e);
        }
        for (int t = 0; t < args.size(); t++) {
            try {
                builder.addChart(args.get(t).name(), loaded.get(t));
            } catch (InvalidInputException e) {
                throw new InvalidInputException("--space: " + e.getMessage(), e);
            }
        }
        return builder;
    }

    /**
     * Checks that the spaces and exactly one source of anchors ({@code --anchors} or {@code --select-anchors})
     * are given, and that {@code --reference} has a use.
     *
     * @param spec the command, for the message of a missing option
     * @throws CommandLine.MissingParameterException when --space is missing
     * @throws InvalidInputException when both or neither source of anchors is given, or --reference has no use
     */
    void requireSpaces(CommandSpec spec) {
        if (spaces == null) {
            throw new CommandLine.MissingParameterException(spec.commandLine(), List.of(spec.findOption("--space")),
                    "Missing required options");
        }
        boolean select = choice.given();
        if (select == (anchors != null)) {
            throw new InvalidInputException(select ? "--anchors and --select-anchors both give the anchors; keep one"
                    : "the anchors are missing: give --anchors ANCHOR_IDS.npy or --select-anchors K");
        }
        if (reference != null && !select && !aggregation.translates()) {
            throw new InvalidInputException(List.of("reference"), "--reference applies to --select-anchors K or"
                    + " --aggregation procrustes|lstsq, and neither is given; add one or remove --reference");
        }
    }

    /** @return the anchors' file, count and how they were chosen (summary.json's and model.json's {@code anchors}) */
    Map<String, Object> anchorSummary() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("file", anchors == null ? "anchors.ids.npy" : anchors.toString());
        a.put("count", selectedAnchors != null ? selectedAnchors.length : anchorIds().length);
        if (selectedAnchors != null) {
            a.put("selection", choice.describe(reference == null ? spaceArguments().get(0).name() : reference));
        }
        return a;
    }

    /** @return the ids of {@code --anchors}, read (once) and checked as a 1-D int64 array */
    long[] anchorIds() {
        if (anchorIds == null) {
            anchorIds = Npy.readLongs(anchors);
        }
        return anchorIds;
    }

    /** @return every {@code --space}, parsed (names checked, files not yet read) */
    List<SpaceArgument> spaceArguments() {
        List<SpaceArgument> args = new ArrayList<>();
        for (String text : spaces) {
            args.add(SpaceArgument.parse(text));
        }
        return args;
    }

    /** @return {@code builder} with the similarity, normalisation, aggregation and reference of the options */
    AtlasBuilder configure(AtlasBuilder builder) {
        builder.optSimilarity(similarity).optNormalization(normalization).optAggregation(aggregation);
        if (reference != null) {
            builder.optReference(reference);
        }
        return builder;
    }

    /** @return the configuration, as summary.json and model.json record it */
    Map<String, Object> configuration() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("similarity", similarity.name().toLowerCase(java.util.Locale.ROOT));
        c.put("normalization", normalization.name().toLowerCase(java.util.Locale.ROOT));
        c.put("aggregation", aggregation.toString());
        c.put("reference", reference);
        return c;
    }

    /** @return a space's files and shape, for summary.json */
    static Map<String, Object> describe(SpaceArgument arg, int rows, int width, boolean labelled) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", arg.name());
        d.put("vectors", arg.vectors().toString());
        d.put("ids", arg.ids() == null ? null : arg.ids().toString());
        d.put("rows", rows);
        d.put("width", width);
        d.put("labelled", labelled);
        return d;
    }
}
