package latentatlas.cli;


import latentatlas.InvalidInputException;
import latentatlas.charts.MlpHead;
import latentatlas.charts.SmallCnn;
import latentatlas.dataset.Dataset;
import latentatlas.evaluation.ChartKind;
import latentatlas.evaluation.Membership;
import latentatlas.experiment.Profile;
import latentatlas.text.EncodedDataset;
import latentatlas.text.SentenceEncoders;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The options shared by {@code atlas run} and {@code atlas paper}: seed, profile, determinism, membership modes. */
public final class ExperimentOptions {
    @Option(names = "--seed", defaultValue = "42", description = "Seeds the plan, the training and the analyses.")
    long seed;

    @Option(names = "--profile", defaultValue = "quick", paramLabel = "quick|paper",
            description = "quick: 2 chart epochs (1 in settings 2, 3), 5 probe epochs (minutes); paper: the paper's epoch limits and patience.")
    String profile;

    @Option(names = "--deterministic",
            description = "One PyTorch thread: reruns repeat bit for bit on any machine (slower).")
    boolean deterministic;

    @Option(names = "--membership", split = ",", paramLabel = "MODE,...",
            description = "Membership modes of the atlas and naive spaces: oracle (the paper's, from labels), all,"
                    + " exclusive-claim, topK-maxprob|entropy, weighted-maxprob|entropy[-gGAMMA]."
                    + " Default: oracle,all,exclusive-claim,top1-maxprob,weighted-maxprob-g4.")
    List<String> memberships;

    /** @return the profile */
    Profile profile() {
        return Profile.named(profile);
    }

    /** @return the membership modes, parsed (so a typo fails before any training) */
    List<Membership> memberships() {
        if (memberships == null) {
            return Membership.DEFAULT;
        }
        List<Membership> parsed = new ArrayList<>();
        for (String name : memberships) {
            try {
                parsed.add(Membership.parse(name));
            } catch (InvalidInputException e) {
                throw new InvalidInputException("--" + e.getMessage(), e);
            }
        }
        return parsed;
    }

    @Option(names = "--charts", split = ",", paramLabel = "KIND,...",
            description = "Text datasets: the frozen encoder of each task's chart (minilm, bge, e5), cycled over the"
                    + " tasks (e.g. minilm,bge,e5 mixes them). Images: small-cnn. Default: minilm / small-cnn.")
    List<String> charts;

    @Option(names = "--end-to-end-chart", paramLabel = "KIND",
            description = "The end-to-end chart's encoder (text) or small-cnn (images). Default: the first of --charts.")
    String endToEndChart;

    @Option(names = "--encoder-cache", paramLabel = "DIR",
            description = "Where sentence-encoder vectors are cached (default: an encoders folder beside the run).")
    Path encoderCache;

    /**
     * Resolves the chart kinds: images get the small CNN; texts get a frozen encoder (its vectors encoded
     * once into the cache) under an MLP head.
     *
     * @param dataset the dataset
     * @param defaultCache the encoder cache when {@code --encoder-cache} is not given
     * @param out receives a line per encoder
     * @param err receives the encoding progress
     * @return the end-to-end kind, then the task kinds
     */
    List<ChartKind> kinds(Dataset dataset, Path defaultCache, PrintWriter out, PrintWriter err) {
        List<String> names = charts == null ? List.of(dataset.isImages() ? SMALL_CNN : TextInputs.DEFAULT_ENCODER) : charts;
        String e2e = endToEndChart == null ? names.get(0) : endToEndChart;
        Map<String, ChartKind> byName = new LinkedHashMap<>();
        List<ChartKind> kinds = new ArrayList<>();
        for (String name : Stream.concat(Stream.of(e2e), names.stream()).toList()) {
            kinds.add(byName.computeIfAbsent(name, n -> kind(dataset, n, encoderCache == null ? defaultCache : encoderCache,
                    out, err)));
        }
        return kinds;
    }

    private static ChartKind kind(Dataset dataset, String name, Path cache, PrintWriter out, PrintWriter err) {
        if (dataset.isImages()) {
            if (!name.equals(SMALL_CNN)) {
                throw new InvalidInputException("--charts/--end-to-end-chart '" + name + "': image datasets have one chart"
                        + " kind, small-cnn; encoders (" + String.join(", ", SentenceEncoders.names()) + ") are for texts");
            }
            return new ChartKind(SMALL_CNN, dataset, SmallCnn.factory());
        }
        if (!dataset.isTexts()) {
            throw new InvalidInputException("dataset " + dataset.name() + " holds neither images nor texts");
        }
        if (!SentenceEncoders.names().contains(name)) {
            throw new InvalidInputException("--charts/--end-to-end-chart '" + name + "' is not an encoder; expected one of "
                    + String.join(", ", SentenceEncoders.names()));
        }
        EncodedDataset encoded = TextInputs.encode(dataset, name, cache, out, err);
        return new ChartKind(name + "+mlp-head", encoded.dataset(), MlpHead.factory(encoded.encoder(), encoded.dimension()));
    }

    private static final String SMALL_CNN = "small-cnn";
}
