package latentatlas.cli;

import latentatlas.dataset.Dataset;
import latentatlas.dataset.Datasets;
import latentatlas.tasks.TaskPlanner;
import latentatlas.experiment.Claim;
import latentatlas.experiment.Experiment;
import latentatlas.experiment.PaperResults;
import latentatlas.experiment.PaperRunner;
import latentatlas.experiment.SeedSummary;
import latentatlas.io.RunLock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code atlas paper}: the paper's three experiments with their defaults, and one report beside the paper's claims. */
@Command(name = "paper", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Reproduce the paper's three experiments (shared classes S=40%%/N=20%% of the classes, i.e. 4/2 on"
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

    @Mixin
    private AnchorSelectionOption anchorSelection;

    @Option(names = "--seeds", split = ",", paramLabel = "S,...",
            description = "Run the whole paper once per seed into OUT/seed-S/ and write OUT/seeds.{md,html,json}: per claim the seeds it holds on"
                    + " and its mean margin with a 95%% t-interval, per space mean and standard deviation (overrides --seed).")
    private List<Long> seeds;

    @Option(names = "--out", defaultValue = "runs/paper", paramLabel = "DIR", description = "The paper folder.")
    private Path out;

    @Override
    public void run() {
        if (seeds == null) {
            paper(); // PaperRunner locks OUT
            return;
        }
        try (RunLock lock = RunLock.acquire(out)) { // PaperRunner locks each OUT/seed-S
            paper();
        }
    }

    private void paper() {
        PrintWriter w = spec.commandLine().getOut();
        long start = System.nanoTime();
        Dataset data = Datasets.open(dataset);
        Experiment.Builder template = experiment.builder(data, out.resolve("encoders"),
                new PrintWriter(System.err, true));
        Map<String, TaskPlanner> settings = PaperRunner.defaultSettings(data.classCount(), anchorSelection.strategy());
        List<Long> chosen = seeds == null ? List.of(experiment.seed) : seeds;
        Map<Long, PaperResults> bySeed = new LinkedHashMap<>();
        for (long seed : chosen) {
            Path folder = seeds == null ? out : out.resolve("seed-" + seed);
            PaperResults results = PaperRunner.run(template.optSeed(seed), settings, folder);
            bySeed.put(seed, results);
            w.println();
            for (Claim c : results.claims()) {
                w.printf(Locale.ROOT, "%-4s %-20s %s: %s%n", c.holds() ? "yes" : "no", c.membership(), c.claim(), c.ours());
            }
            w.printf(Locale.ROOT, "%nresults: %s%nreport: %s%n", folder.resolve("results.json"), folder.resolve("report.html"));
        }
        if (seeds != null) {
            SeedSummary.write(out, bySeed);
            w.printf(Locale.ROOT, "variance over seeds: %s%n", out.resolve("seeds.html"));
        }
        w.printf(Locale.ROOT, "total: %.0f s%n", (System.nanoTime() - start) / 1e9);
    }
}
