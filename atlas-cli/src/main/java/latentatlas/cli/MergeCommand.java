package latentatlas.cli;

import latentatlas.atlas.Atlas;
import latentatlas.atlas.AtlasBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code atlas merge}: loads the given absolute spaces, merges them with atlas-core's
 * {@link AtlasBuilder} (each space projected on the anchors, fitted on that space's own anchor rows,
 * then aggregated per id) and writes
 * {@code atlas.npy}, {@code atlas.ids.npy} [{@code atlas.labels.npy}], {@code atlas.coverage.npy} and
 * {@code summary.json} ({@link AtlasFiles}).
 */
@Command(name = "merge", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Merge latent spaces into an atlas: every space is projected on the anchors (relative"
                + " representation), then the relative vectors of each sample id are averaged over the spaces"
                + " that contain it (or aligned as --aggregation says).",
            "Writes DIR/atlas.npy (float32, n x anchors; n x the reference's width for procrustes and lstsq),"
                + " atlas.ids.npy, atlas.coverage.npy (how many spaces held each id), atlas.labels.npy when every"
                + " space is labelled, and summary.json."})
public final class MergeCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Mixin
    private AtlasOptions options;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Output folder: new, empty or an earlier output, replaced whole.")
    private Path out;

    @Override
    public void run() {
        Atlas atlas = options.builder(spec).build();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("command", "merge");
        summary.put("configuration", options.configuration());
        Map<String, Object> anchorSummary = new LinkedHashMap<>();
        anchorSummary.put("file", options.anchors.toString());
        anchorSummary.put("count", atlas.anchorIds().length);
        summary.put("anchors", anchorSummary);
        summary.put("spaces", options.described);
        AtlasFiles.write(out, atlas, summary);
        spec.commandLine().getOut().printf("atlas: %d ids x %d %s from %d spaces (ids covered by: %s) -> %s%n",
                atlas.space().size(), atlas.space().dim(), atlas.aggregation().translates() ? "columns" : "anchors",
                atlas.charts().size(), AtlasFiles.coverage(atlas), out);
    }
}
