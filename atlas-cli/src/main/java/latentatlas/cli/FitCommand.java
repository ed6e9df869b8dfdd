package latentatlas.cli;

import latentatlas.InvalidInputException;
import latentatlas.atlas.AtlasBuilder;
import latentatlas.atlas.AtlasModel;
import latentatlas.evaluation.RunCharts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code atlas fit}: fits the deployable atlas ({@link AtlasModel}, docs/method.md §9) on the user's spaces
 * (the options and checks of {@code atlas merge}, {@link AtlasOptions}) or on a run folder's charts
 * ({@link RunCharts}), and saves it as a model folder ({@link AtlasModel#save}).
 */
@Command(name = "fit", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Fit a deployable atlas: per chart its embeddings of the anchors, the relative projection"
                + " fitted on them, and the shift or translation of the aggregation; saved as a model folder that"
                + " atlas transform applies to new vectors.",
            "Give the spaces as atlas merge takes them (--space ... --anchors ...), or a run folder (--run RUN: its"
                + " charts task-1.., each on its task's training samples, on the plan's anchors)."})
public final class FitCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Mixin
    private AtlasOptions options;

    @Option(names = "--run", paramLabel = "RUN",
            description = "A run folder (atlas run --out RUN) whose charts to fit, instead of --space/--anchors.")
    private Path run;

    @Option(names = "--out", required = true, paramLabel = "MODEL",
            description = "Model folder: new, empty or an earlier model, replaced whole.")
    private Path out;

    @Override
    public void run() {
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("command", "fit");
        AtlasBuilder builder;
        if (run != null) {
            if (options.given()) {
                throw new InvalidInputException(List.of("run"), "expected either a run folder or --space with --anchors (or --select-anchors),"
                        + " found both");
            }
            if (!Files.isDirectory(run)) {
                throw new InvalidInputException(List.of("run"), "run folder " + run + " does not exist (or is not a"
                        + " folder): give the folder of atlas run --out");
            }
            RunFolder folder = RunFolder.open(run.resolve(RunFolder.PLAN), null);
            builder = options.configure(RunCharts.builder(run, folder.plan()));
            Map<String, Object> source = new LinkedHashMap<>();
            source.put("run", run.toString());
            source.put("planSha256", folder.fingerprint());
            source.put("dataset", folder.plan().dataset());
            source.put("datasetFingerprint", folder.plan().datasetFingerprint());
            source.put("rows", "each chart's task training samples (validation included)");
            provenance.put("source", source);
        } else {
            if (!options.given()) {
                throw new InvalidInputException(List.of("space"), "expected a source: --run RUN, or --space with"
                        + " --anchors (or --select-anchors); found neither");
            }
            builder = options.builder(spec);
            Map<String, Object> source = new LinkedHashMap<>();
            source.put("anchors", options.anchorSummary());
            source.put("spaces", options.described);
            provenance.put("source", source);
        }
        provenance.put("versions", Versions.all());
        AtlasModel model = builder.fit().model();
        model.save(out, provenance);
        spec.commandLine().getOut().printf("model: %d charts x %d anchors, aggregation %s%s%s -> %s%n",
                model.charts().size(), model.anchorIds().length, model.aggregation(),
                model.reference().map(r -> " into " + r + " (" + model.outputWidth() + " columns)").orElse(""),
                model.hasShifts() ? ", shifts on " + model.shiftIdCount() + " shared ids" : "", out);
    }
}
