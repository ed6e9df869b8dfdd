package latentatlas.cli;

import latentatlas.InvalidInputException;
import latentatlas.charts.Chart;
import latentatlas.charts.ChartStore;
import latentatlas.charts.MlpHead;
import latentatlas.dataset.Dataset;
import latentatlas.dataset.Samples;
import latentatlas.io.OutputFolder;
import latentatlas.io.RunLock;
import latentatlas.space.LatentSpaces;
import latentatlas.tasks.Task;
import latentatlas.tasks.TaskPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code atlas embed}: embeds, with every trained chart of a run, the task's training, validation
 * and test samples and the plan's anchors, writing {@code RUN/spaces/task-N/{train,validation,test,anchors}.npy}
 * (+ {@code .ids.npy}, {@code .labels.npy} with global classes), each task's folder built beside it and
 * swapped in whole ({@link OutputFolder}). Text charts embed the vectors of the encoder their manifest
 * names, read from the vector cache (encoded first when missing).
 */
@Command(name = "embed", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Embed samples with every trained chart of a run (the embedding layer's output).",
            "Writes RUN/spaces/task-N/{train,validation,test,anchors}.npy with .ids.npy and .labels.npy (global classes)."})
public final class EmbedCommand implements Runnable {
    /**
     * The files a task's spaces folder may hold without the output marker: those of an older
     * {@code atlas embed}, and the embeddings that {@code atlas run} caches there (recomputed when gone).
     */
    private static final Set<String> FILES = Stream.concat(
            Stream.of("train", "validation", "test", "anchors", "embeddings")
                    .flatMap(set -> Stream.of(set + ".npy", set + ".ids.npy", set + ".labels.npy")),
            Stream.of("probabilities.npy", "outputs.json")).collect(Collectors.toUnmodifiableSet());

    @Spec
    private CommandSpec spec;

    @Option(names = "--run", required = true, paramLabel = "RUN", description = "A run folder written by atlas train.")
    private Path run;

    @Option(names = "--dataset", paramLabel = "D", description = "Open this dataset instead of the plan's (same fingerprint).")
    private String dataset;

    @Option(names = "--encoder-cache", paramLabel = "DIR",
            description = "Text datasets: the sentence-vector cache (default RUN/encoders).")
    private Path encoderCache;

    @Override
    public void run() {
        try (RunLock lock = RunLock.acquire(run)) {
            embed();
        }
    }

    private void embed() {
        PrintWriter w = spec.commandLine().getOut();
        RunFolder folder = RunFolder.open(run.resolve(RunFolder.PLAN), dataset);
        ChartStore store = new ChartStore(run);
        int embedded = 0;
        Map<String, Dataset> inputsByEncoder = new HashMap<>();
        for (Task task : folder.plan().tasks()) {
            Path dir = store.chartDir(task.index());
            if (!Files.isDirectory(dir)) {
                w.printf(Locale.ROOT, "task %d: no chart in %s, skipped%n", task.index(), dir);
                continue;
            }
            try (Chart chart = Chart.load(dir)) {
                if (!chart.manifest().planFingerprint().equals(folder.fingerprint())) {
                    throw new InvalidInputException(dir + " was trained from another plan than " + run.resolve(RunFolder.PLAN)
                            + ": run atlas train --plan again");
                }
                Path spaces = store.spacesDir(task.index());
                Dataset inputs = folder.dataset();
                String encoder = MlpHead.encoderOf(chart.manifest().architecture());
                if (inputs.isTexts() && encoder != null) {
                    inputs = inputsByEncoder.computeIfAbsent(encoder, n -> TextInputs.encode(folder.dataset(), n,
                            TextInputs.cache(run, encoderCache), w, spec.commandLine().getErr()).dataset());
                }
                Map<String, Samples> sets = sampleSets(inputs, folder.plan(), task);
                OutputFolder.write(spaces, FILES, into -> sets.forEach((set, samples) ->
                        LatentSpaces.save(chart.embed(dir + " " + set, samples), into, set)));
                w.printf(Locale.ROOT, "task %d: spaces in %s%n", task.index(), spaces);
                embedded++;
            }
        }
        if (embedded == 0) {
            throw new InvalidInputException("run " + run + " has no trained chart: run atlas train --plan PLAN --out " + run);
        }
    }

    private static Map<String, Samples> sampleSets(Dataset d, TaskPlan plan, Task task) {
        Map<String, Samples> sets = new LinkedHashMap<>();
        sets.put("train", d.train().select(task.trainIds()));
        sets.put("validation", d.train().select(task.validationIds()));
        sets.put("test", d.test().select(task.testIds()));
        sets.put("anchors", d.train().select(plan.anchorIds()));
        return sets;
    }
}
