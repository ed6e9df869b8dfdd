package latentatlas.cli;

import latentatlas.dataset.Dataset;
import latentatlas.dataset.Datasets;
import latentatlas.experiment.Experiment;
import latentatlas.experiment.RunReport;
import latentatlas.experiment.RunResults;
import latentatlas.tasks.TaskPlanner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code atlas run}: one experiment of the paper end to end (plan, charts, spaces, atlas per
 * membership mode, analyses, results.json, report), resumable.
 */
@Command(name = "run", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Run one experiment end to end: plan, charts, relative spaces, atlas (per membership mode),"
                + " analyses, OUT/results.json, OUT/report.md and OUT/report.html.",
            "Every stage is saved; running it again reuses what was done (a killed run resumes)."})
public final class RunCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Option(names = "--dataset", defaultValue = "fashion-mnist", paramLabel = "D", description = "The dataset (see atlas datasets).")
    private String dataset;

    @Mixin
    private PlanOptions plan;

    @Mixin
    private ExperimentOptions experiment;

    @Option(names = "--out", required = true, paramLabel = "RUN", description = "The run folder.")
    private Path out;

    @Option(names = "--end-to-end-store", paramLabel = "DIR",
            description = "Where the end-to-end chart is kept and shared between settings"
                    + " (default: RUN/../end-to-end/DATASET-KIND-seedSEED-PROFILE).")
    private Path endToEndStore;

    @Override
    public void run() {
        PrintWriter w = spec.commandLine().getOut();
        TaskPlanner planner = plan.planner();
        Dataset data = Datasets.open(dataset);
        Experiment.Builder builder = experiment.builder(data, out.toAbsolutePath().getParent().resolve("encoders"),
                new PrintWriter(System.err, true)).setSetting(planner);
        if (endToEndStore != null) {
            builder.optEndToEndStore(endToEndStore);
        }
        RunResults results = builder.build().run(out);
        w.println();
        w.print(RunReport.spaces(results).markdown());
        w.printf(Locale.ROOT, "%nresults: %s%nreport: %s%n", out.resolve("results.json"), out.resolve("report.html"));
    }
}
