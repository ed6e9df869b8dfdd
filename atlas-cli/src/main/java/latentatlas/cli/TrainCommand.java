package latentatlas.cli;

import latentatlas.InvalidInputException;
import latentatlas.charts.Augmentation;
import latentatlas.charts.Chart;
import latentatlas.charts.ChartArchitecture;
import latentatlas.charts.ChartStore;
import latentatlas.charts.ChartTrainer;
import latentatlas.charts.ImageAugmentation;
import latentatlas.charts.MlpHead;
import latentatlas.charts.ProgressBar;
import latentatlas.charts.ProgressListener;
import latentatlas.charts.SmallCnn;
import latentatlas.charts.TrainingConfig;
import latentatlas.charts.TrainingSchedule;
import latentatlas.dataset.Dataset;
import latentatlas.io.AtomicFiles;
import latentatlas.io.RunLock;
import latentatlas.io.WriteFailures;
import latentatlas.tasks.Task;
import latentatlas.text.EncodedDataset;
import latentatlas.text.SentenceEncoders;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * {@code atlas train}: trains the chart of every task of a plan (task 0, the end-to-end model,
 * included) into {@code RUN/charts/task-N/}, skipping charts already complete for the same plan and
 * configuration, so that a killed run resumes at the unfinished chart. Image datasets get the small
 * CNN; text datasets get a frozen sentence encoder (its vectors encoded once and cached, by default in
 * {@code RUN/encoders}) plus a trainable {@link MlpHead}.
 */
@Command(name = "train", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Train one chart (docs/method.md §4) per task of a plan, task 0 (end-to-end) included: a small CNN"
                + " on images; on text, a frozen sentence encoder (--encoder) plus a trainable head 384-256-128.",
            "Writes OUT/plan.json and OUT/charts/task-N/{weights.params,chart.json}; a chart already complete for"
                + " the same plan and options is kept, so running it again resumes a killed run."})
public final class TrainCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Option(names = "--plan", required = true, paramLabel = "PLAN.json", description = "A plan from atlas tasks --out.")
    private Path plan;

    @Option(names = "--out", required = true, paramLabel = "RUN", description = "The run folder.")
    private Path out;

    @Option(names = "--tasks", split = ",", paramLabel = "N,...", description = "Only these tasks (default: all).")
    private List<Integer> tasks;

    @Option(names = "--dataset", paramLabel = "D", description = "Open this dataset instead of the plan's (same fingerprint).")
    private String dataset;

    @Option(names = "--max-epochs", defaultValue = "200", description = "Most epochs per chart.")
    private int maxEpochs;

    @Option(names = "--patience", defaultValue = "3", description = "Validations without improvement before stopping.")
    private int patience;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of initialisation, shuffling and augmentation.")
    private long seed;

    @Option(names = "--deterministic", description = "One PyTorch thread per chart, several charts at once:"
            + " bit-identical on every machine.")
    private boolean deterministic;

    @Option(names = "--augment", description = "Augment images: horizontal flip, crop with padding 4, rotation up to 15 degrees.")
    private boolean augment;

    @Option(names = "--encoder", paramLabel = "NAME",
            description = "Text datasets: the frozen sentence encoder, minilm, bge or e5 (default minilm).")
    private String encoder;

    @Option(names = "--encoder-cache", paramLabel = "DIR",
            description = "Text datasets: the sentence-vector cache (default RUN/encoders); share it between runs.")
    private Path encoderCache;

    @Override
    public void run() {
        try (RunLock lock = RunLock.acquire(out)) {
            train();
        }
    }

    private void train() {
        PrintWriter w = spec.commandLine().getOut();
        if (encoder != null) {
            SentenceEncoders.model(encoder);
        }
        // everything is checked (the plan against its dataset, the options) before anything is written
        RunFolder run = RunFolder.open(plan, dataset);
        List<Task> chosen = selected(run);
        TrainingConfig config = TrainingConfig.charts().withMaxEpochs(maxEpochs).withPatience(patience).withSeed(seed)
                .withDeterministic(deterministic);
        Augmentation augmentation = !augment ? Augmentation.NONE : ImageAugmentation.standard();
        Dataset data = run.dataset();
        if (data.isTexts() && augment) {
            throw new InvalidInputException("--augment: augmentation is for images, found the sentences of " + data.name()
                    + "; remove --augment");
        }
        if (!data.isTexts() && (encoder != null || encoderCache != null)) {
            throw new InvalidInputException("--encoder: sentence encoders are for text datasets, found the "
                    + data.train().kind() + " of " + data.name() + "; remove --encoder and --encoder-cache");
        }
        copyPlan();
        ChartArchitecture.Factory architecture;
        if (data.isTexts()) {
            EncodedDataset encoded = TextInputs.encode(data, encoder == null ? TextInputs.DEFAULT_ENCODER : encoder,
                    TextInputs.cache(out, encoderCache), w, spec.commandLine().getErr());
            data = encoded.dataset();
            architecture = MlpHead.factory(encoded.encoder(), encoded.dimension());
        } else {
            architecture = SmallCnn.factory();
        }
        ChartTrainer trainer = ChartTrainer.builder().setConfig(config).optAugmentation(augmentation)
                .optArchitecture(architecture).optListener(ProgressListener.oneAtATime(ProgressBar.create(System.err))).build();
        ChartStore store = new ChartStore(out);
        List<Supplier<Void>> jobs = new ArrayList<>();
        Dataset samples = data;
        for (Task task : chosen) {
            String hash = trainer.configHash(run.fingerprint(), task);
            if (store.isComplete(task.index(), hash)) {
                w.printf(Locale.ROOT, "task %d: complete, kept (%s)%n", task.index(), store.chartDir(task.index()));
                continue;
            }
            jobs.add(() -> {
                try (Chart chart = trainer.train(samples, task, run.fingerprint())) {
                    store.write(task.index(), chart::save);
                    var m = chart.manifest();
                    w.printf(Locale.ROOT, "task %d: %d classes, %d epochs (best %d), test accuracy %.4f, %.1f s%n",
                            task.index(), m.classes().length, m.history().size(), m.bestEpoch(),
                            m.metrics().get("testAccuracy"), m.trainSeconds());
                }
                return null;
            });
        }
        if (deterministic) {
            // one thread per chart either way: several at once, each the same bit for bit
            TrainingSchedule.perCore().run(jobs);
        } else {
            jobs.forEach(Supplier::get); // on every thread, one after the other (the hash records the count)
        }
    }

    private void copyPlan() {
        Path target = out.resolve(RunFolder.PLAN);
        try {
            if (!Files.exists(target) || Files.mismatch(plan, target) != -1) {
                byte[] bytes = Files.readAllBytes(plan);
                AtomicFiles.write(target, o -> o.write(bytes));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the plan " + plan + " into " + out + ": "
                    + WriteFailures.reason(target, e), e);
        }
    }

    private List<Task> selected(RunFolder run) {
        List<Task> all = run.plan().tasks();
        if (tasks == null) {
            return all;
        }
        List<Task> chosen = new ArrayList<>();
        for (int t : tasks) {
            if (t < 0 || t >= all.size()) {
                throw new InvalidInputException("--tasks: task " + t + " is not in the plan, which has tasks 0.."
                        + (all.size() - 1));
            }
            chosen.add(all.get(t));
        }
        return chosen;
    }
}
