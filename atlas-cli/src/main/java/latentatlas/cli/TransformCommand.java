package latentatlas.cli;

import latentatlas.InvalidInputException;
import latentatlas.atlas.Atlas;
import latentatlas.atlas.AtlasModel;
import latentatlas.atlas.ChartSpace;
import latentatlas.space.LatentSpace;
import latentatlas.space.LatentSpaces;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code atlas transform}: places new vectors of one or several charts in atlas coordinates with a saved
 * {@link AtlasModel} ({@link AtlasModel#transform(List)}, the merge of {@code atlas merge}) and writes the
 * folder of {@code atlas merge} ({@link AtlasFiles}).
 */
@Command(name = "transform", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Map new vectors of the model's charts into atlas coordinates: each chart's vectors are"
                + " projected on its own anchors (and shifted or translated as the model's aggregation says), then"
                + " merged per id as atlas merge does. One space alone gives its relative coordinates (mean).",
            "Writes DIR/atlas.npy (float32, rows x anchors in the model's anchor order; x the reference's width"
                + " for procrustes and lstsq), atlas.ids.npy, atlas.coverage.npy and summary.json."})
public final class TransformCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "A model folder of atlas fit.")
    private Path model;

    @Option(names = "--space", required = true, paramLabel = SpaceArgument.IDS_OPTIONAL,
            description = "New vectors of a chart of the model (float32/float64 n x d, d the chart's width), with"
                    + " their int64 ids (default: VECTORS.ids.npy beside the vectors, else the row numbers); repeat"
                    + " for every chart that embeds the samples.")
    private List<String> spaces;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Output folder: new, empty or an earlier output, replaced whole.")
    private Path out;

    @Override
    public void run() {
        AtlasModel fitted = AtlasModel.load(model);
        List<ChartSpace> inputs = new ArrayList<>();
        List<Map<String, Object>> described = new ArrayList<>();
        for (String text : spaces) {
            SpaceArgument arg = SpaceArgument.parseIdsOptional(text);
            LatentSpace space = LatentSpaces.loadWithDefaultIds(arg.vectors(), arg.ids(), null);
            inputs.add(new ChartSpace(arg.name(), space));
            described.add(AtlasOptions.describe(arg, space.size(), space.dim(), space.hasLabels()));
        }
        Atlas atlas;
        try {
            atlas = fitted.transform(inputs);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("--space: " + e.getMessage(), e);
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("command", "transform");
        Map<String, Object> modelSummary = new LinkedHashMap<>();
        modelSummary.put("folder", model.toString());
        modelSummary.put("aggregation", fitted.aggregation().toString());
        modelSummary.put("charts", fitted.charts());
        modelSummary.put("anchors", fitted.anchorIds().length);
        summary.put("model", modelSummary);
        summary.put("spaces", described);
        AtlasFiles.write(out, atlas, summary, null);
        spec.commandLine().getOut().printf("atlas: %d ids x %d %s from %d space%s through %s (aggregation %s; ids"
                        + " covered by: %s) -> %s%n", atlas.space().size(), atlas.space().dim(),
                fitted.aggregation().translates() ? "columns" : "anchors", inputs.size(), inputs.size() == 1 ? "" : "s",
                model, fitted.aggregation(),
                AtlasFiles.coverage(atlas.coverageHistogram()), out);
    }
}
