package latentatlas.cli;

import latentatlas.charts.ProgressBar;
import latentatlas.dataset.Dataset;
import latentatlas.dataset.Datasets;
import latentatlas.evaluation.ChartKind;
import latentatlas.experiment.ExperimentConfig;
import latentatlas.experiment.ExperimentRunner;
import latentatlas.experiment.RunResults;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
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
                    + " (default: RUN/../end-to-end/DATASET-seedSEED-PROFILE).")
    private Path endToEndStore;

    @Override
    public void run() {
        PrintWriter w = spec.commandLine().getOut();
        ExperimentConfig config = new ExperimentConfig(plan.planner(), experiment.seed, experiment.profile(),
                experiment.deterministic, experiment.memberships(), out, store());
        Dataset data = Datasets.open(dataset);
        List<ChartKind> kinds = experiment.kinds(data, out.toAbsolutePath().getParent().resolve("encoders"), w,
                new PrintWriter(System.err, true));
        RunResults results = new ExperimentRunner(config, w, ProgressBar.create(System.err))
                .run(data, kinds.get(0), kinds.subList(1, kinds.size()));
        w.println();
        w.print(latentatlas.experiment.RunReport.spaces(results).markdown());
        w.printf(Locale.ROOT, "%nresults: %s%nreport: %s%n", out.resolve("results.json"), out.resolve("report.html"));
    }

    private Path store() {
        if (endToEndStore != null) {
            return endToEndStore;
        }
        Path parent = out.toAbsolutePath().getParent();
        String e2e = experiment.endToEndChart != null ? experiment.endToEndChart
                : experiment.charts != null ? experiment.charts.get(0) : "default";
        return parent.resolve("end-to-end").resolve(dataset.replaceAll("[^A-Za-z0-9.-]+", "_") + "-" + e2e + "-seed"
                + experiment.seed + "-" + experiment.profile().label());
    }
}
