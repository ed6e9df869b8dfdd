package latentatlas.cli;

import latentatlas.InvalidInputException;
import latentatlas.atlas.Atlas;
import latentatlas.atlas.AtlasBuilder;
import latentatlas.atlas.OutOfCoreMerge;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code atlas merge}: loads the given absolute spaces, merges them with atlas-core's
 * {@link AtlasBuilder} (each space projected on the anchors, fitted on that space's own anchor rows,
 * then aggregated per id), or with {@link OutOfCoreMerge} in row blocks when {@code --block-rows} is given,
 * and writes the folder of {@link AtlasFiles}.
 */
@Command(name = "merge", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Merge latent spaces into an atlas: every space is projected on the anchors (relative"
                + " representation), then the relative vectors of each sample id are averaged over the spaces"
                + " that contain it.",
            "Writes DIR/atlas.npy (float32, n x anchors), atlas.ids.npy, atlas.coverage.npy (how many spaces"
                + " held each id), atlas.labels.npy when every space is labelled, anchors.ids.npy when"
                + " --select-anchors chose them, and summary.json."})
public final class MergeCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Mixin
    private AtlasOptions options;

    @Option(names = "--block-rows", paramLabel = "N",
            description = "Merge out of core: read the spaces and write the atlas N atlas rows at a time"
                    + " (memory about N x (12 x anchors + 4 x width) bytes plus 12 bytes per row and space),"
                    + " for spaces larger than the heap (mean or first only); 0: in memory.")
    private int blockRows;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Output folder: new, empty or an earlier output, replaced whole.")
    private Path out;

    @Override
    public void run() {
        if (blockRows != 0) {
            runOutOfCore();
            return;
        }
        Atlas atlas = options.builder(spec).build();
        AtlasFiles.write(out, atlas, summary(), options.selectedAnchors);
        report(atlas.space().size(), atlas.space().dim(), atlas.aggregation().translates() ? "columns" : "anchors",
                atlas.charts().size(), AtlasFiles.coverage(atlas.coverageHistogram()));
    }

    /** {@code --block-rows}: the same merge through atlas-core's {@link OutOfCoreMerge}. */
    private void runOutOfCore() {
        options.requireSpaces(spec);
        if (options.choice.given()) {
            throw new InvalidInputException(List.of("select-anchors"), "--select-anchors measures the spaces in memory;"
                    + " with --block-rows give the anchors as --anchors ANCHOR_IDS.npy");
        }
        OutOfCoreMerge.Builder builder = OutOfCoreMerge.builder().optSimilarity(options.similarity)
                .optNormalization(options.normalization);
        try {
            builder.optAggregation(options.aggregation);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(List.of("aggregation"), "--aggregation: " + e.getMessage(), e);
        }
        try {
            builder.optBlockRows(blockRows);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(List.of("block-rows"), "--block-rows: " + e.getMessage(), e);
        }
        long[] anchorIds = options.anchorIds();
        try {
            builder.setAnchors(anchorIds);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("--anchors " + options.anchors + ": " + e.getMessage(), e);
        }
        List<SpaceArgument> args = options.spaceArguments();
        for (SpaceArgument arg : args) {
            try {
                builder.addChart(arg.name(), arg.vectors(), arg.ids(), arg.labels());
            } catch (InvalidInputException e) {
                throw new InvalidInputException("--space: " + e.getMessage(), e);
            }
        }
        OutOfCoreMerge merge = builder.build();
        OutOfCoreMerge.Result result = AtlasFiles.write(out, dir -> {
            OutOfCoreMerge.Result r = merge.write(dir);
            for (int t = 0; t < args.size(); t++) {
                options.described.add(AtlasOptions.describe(args.get(t), r.chartRows()[t], r.chartWidths()[t],
                        args.get(t).labels() != null));
            }
            Map<String, Object> summary = summary();
            summary.put("blockRows", blockRows);
            return new AtlasFiles.Written<>(r, summary, r.ids(), r.width(), r.labelled(), r.coverageHistogram());
        });
        report(result.ids(), result.width(), "anchors", args.size(), AtlasFiles.coverage(result.coverageHistogram()));
    }

    /** @return summary.json's entries before the atlas' own: command, configuration, anchors, spaces */
    private Map<String, Object> summary() {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("command", "merge");
        summary.put("configuration", options.configuration());
        summary.put("anchors", options.anchorSummary());
        summary.put("spaces", options.described);
        return summary;
    }

    private void report(int ids, int width, String columns, int spaces, String coverage) {
        spec.commandLine().getOut().printf("atlas: %d ids x %d %s from %d spaces (ids covered by: %s) -> %s%n",
                ids, width, columns, spaces, coverage, out);
    }
}
