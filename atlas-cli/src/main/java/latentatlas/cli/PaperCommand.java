package latentatlas.cli;

import latentatlas.charts.ProgressBar;
import latentatlas.dataset.Dataset;
import latentatlas.dataset.Datasets;
import latentatlas.experiment.Claim;
import latentatlas.experiment.ExperimentConfig;
import latentatlas.experiment.PaperResults;
import latentatlas.experiment.PaperRunner;
import latentatlas.tasks.TaskPlanner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** {@code atlas paper}: the paper's three experiments with their defaults, and one report beside the paper's claims. */
@Command(name = "paper", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Reproduce the paper's three experiments (shared classes S=40%/N=20% of the classes, i.e. 4/2 on"
                + " Fashion-MNIST; disjoint samples, 2 partitions; disjoint classes, 2 partitions) and write"
                + " OUT/report.html with each claim of the paper beside ours.",
            "Resumable: running it again reuses every finished stage."})
public final class PaperCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Option(names = "--dataset", defaultValue = "fashion-mnist", paramLabel = "D", description = "The dataset (see atlas datasets).")
    private String dataset;

    @Mixin
    private ExperimentOptions experiment;

    @Option(names = "--out", defaultValue = "runs/paper", paramLabel = "DIR", description = "The paper folder.")
    private Path out;

    @Override
    public void run() {
        PrintWriter w = spec.commandLine().getOut();
        long start = System.nanoTime();
        ExperimentConfig template = new ExperimentConfig(null, experiment.seed, experiment.profile(),
                experiment.deterministic, experiment.memberships(), out, out.resolve("end-to-end"));
        Dataset data = Datasets.open(dataset);
        Map<String, TaskPlanner> settings = PaperRunner.defaultSettings(data.classCount());
        PaperResults results = new PaperRunner(w, ProgressBar.create(System.err)).run(data, settings, template, out,
                ExperimentOptions.endToEndKind(data), ExperimentOptions.chartKinds(data));
        w.println();
        for (Claim c : results.claims()) {
            w.printf(Locale.ROOT, "%-4s %-16s %s: %s%n", c.holds() ? "yes" : "no", c.membership(), c.claim(), c.ours());
        }
        w.printf(Locale.ROOT, "%nresults: %s%nreport: %s%ntotal: %.0f s%n", out.resolve("results.json"),
                out.resolve("report.html"), (System.nanoTime() - start) / 1e9);
    }
}
