package latentatlas.cli;

import latentatlas.anchors.AnchorStrategy;
import latentatlas.dataset.Dataset;
import latentatlas.dataset.Datasets;
import latentatlas.experiment.AnchorSweep;
import latentatlas.experiment.AnchorSweepResults;
import latentatlas.tasks.SharedClassesPlanner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** {@code atlas sweep anchors}: every anchor count with every strategy over the charts of one shared-classes plan. */
@Command(name = "anchors", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Train the charts of one shared-classes plan once, then for every anchor strategy and count"
                + " build the atlas (under the first --membership mode) and measure its probe accuracy (total, shared,"
                + " novel) and its CKA with the end-to-end relative space; write OUT/results.json and OUT/report.html"
                + " (a table and a line plot per measure).",
            "Resumable: running it again reuses the charts and every finished point."})
public final class SweepAnchorsCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Option(names = "--dataset", defaultValue = "fashion-mnist", paramLabel = "D", description = "The dataset (see atlas datasets).")
    private String dataset;

    @Option(names = "--shared", required = true, paramLabel = "S", description = "Classes shared by every task.")
    private int shared;

    @Option(names = "--novel", required = true, paramLabel = "N", description = "Novel classes per task.")
    private int novel;

    @Option(names = "--counts", split = ",", defaultValue = "16,32,64,128,256,512", paramLabel = "K,...",
            description = "The anchor counts.")
    private List<Integer> counts;

    @Option(names = "--strategies", split = ",", defaultValue = "random,stratified,kmeans,farthest", paramLabel = "S,...",
            description = "The anchor strategies: random, stratified, kmeans, farthest.")
    private List<String> strategies;

    @Mixin
    private ExperimentOptions experiment;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The sweep folder.")
    private Path out;

    @Override
    public void run() {
        PrintWriter w = spec.commandLine().getOut();
        List<AnchorStrategy> parsed = strategies.stream().map(SweepAnchorsCommand::strategy).toList();
        AnchorSweep sweep = new AnchorSweep(counts, parsed);
        Dataset data = Datasets.open(dataset);
        AnchorSweepResults results = experiment.builder(data, out.toAbsolutePath().getParent().resolve("encoders"),
                        new PrintWriter(System.err, true))
                .setSetting(new SharedClassesPlanner(shared, novel, SharedClassesPlanner.DEFAULT_ANCHORS)).build()
                .sweepAnchors(sweep, out);
        w.println();
        w.print(results.table().markdown());
        w.printf("%nresults: %s%nreport: %s%n", out.resolve("results.json"), out.resolve("report.html"));
        w.flush();
    }

    private static AnchorStrategy strategy(String name) {
        try {
            return AnchorStrategy.parse(name);
        } catch (latentatlas.InvalidInputException e) {
            throw new latentatlas.InvalidInputException(List.of("strategies"), e.getMessage(), e);
        }
    }
}
