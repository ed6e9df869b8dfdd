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
import picocli.CommandLine.Model.OptionSpec;
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
                    + " (with --space).")
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
            description = "The reference space of procrustes and lstsq (default: the first --space).")
    String reference;

    /** What each loaded space was, for summary.json. */
    final List<Map<String, Object>> described = new ArrayList<>();

    /** @return whether --space or --anchors was given */
    boolean given() {
        return spaces != null || anchors != null;
    }

    /**
     * @param spec the command, for the message of a missing option
     * @return a builder holding the anchors and every space, configured
     * @throws CommandLine.MissingParameterException when --space or --anchors is missing
     */
    AtlasBuilder builder(CommandSpec spec) {
        requireSpaces(spec);
        AtlasBuilder builder = configure(AtlasBuilder.builder());
        try {
            builder.setAnchors(anchorIds());
        } catch (InvalidInputException e) {
            throw new InvalidInputException("--anchors " + anchors + ": " + e.getMessage(), e);
        }
        for (SpaceArgument arg : spaceArguments()) {
            LatentSpace space = LatentSpaces.load(arg.vectors(), arg.ids(), arg.labels());
            try {
                builder.addChart(arg.name(), space);
            } catch (InvalidInputException e) {
                throw new InvalidInputException("--space: " + e.getMessage(), e);
            }
            described.add(describe(arg, space.size(), space.dim(), space.hasLabels()));
        }
        return builder;
    }

    /**
     * @param spec the command, for the message of a missing option
     * @throws CommandLine.MissingParameterException when --space or --anchors is missing
     */
    void requireSpaces(CommandSpec spec) {
        List<OptionSpec> missing = new ArrayList<>();
        if (spaces == null) {
            missing.add(spec.findOption("--space"));
        }
        if (anchors == null) {
            missing.add(spec.findOption("--anchors"));
        }
        if (!missing.isEmpty()) {
            throw new CommandLine.MissingParameterException(spec.commandLine(), new ArrayList<>(missing),
                    "Missing required options");
        }
    }

    /** @return the ids of {@code --anchors}, read and checked as a 1-D int64 array */
    long[] anchorIds() {
        return Npy.readLongs(anchors);
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
