package latentatlas.cli;

import latentatlas.atlas.Aggregation;
import latentatlas.charts.ProgressBar;
import latentatlas.dataset.Dataset;
import latentatlas.evaluation.ChartKind;
import latentatlas.evaluation.ChartKinds;
import latentatlas.evaluation.Membership;
import latentatlas.experiment.Experiment;
import latentatlas.experiment.Profile;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The options shared by {@code atlas run} and {@code atlas paper}: seed, profile, determinism, membership
 * modes, aggregations and chart kinds, turned into an {@link Experiment.Builder}.
 */
public final class ExperimentOptions {
    @Option(names = "--seed", defaultValue = "42", description = "Seeds the plan, the training and the analyses.")
    long seed;

    @Option(names = "--profile", defaultValue = "quick", paramLabel = "quick|paper",
            description = "quick: 2 chart epochs (1 in settings 2, 3), 5 probe epochs (minutes); paper: the paper's epoch limits and patience.")
    String profile;

    @Option(names = "--deterministic",
            description = "One PyTorch thread for the stitching heads and the learned task embedding too (the charts"
                    + " and the analyses' probes always run on one thread each, several at once): reruns repeat bit"
                    + " for bit on any machine.")
    boolean deterministic;

    @Option(names = "--membership", split = ",", paramLabel = "MODE,...",
            description = "Membership modes of the atlas and naive spaces: oracle (the paper's, from labels), all,"
                    + " exclusive-claim, topK-maxprob|entropy, weighted-maxprob|entropy[-gGAMMA]."
                    + " Default: oracle,all,exclusive-claim,top1-maxprob,weighted-maxprob-g4.")
    List<String> memberships;

    @Option(names = "--aggregation", split = ",", paramLabel = "AGG,...",
            description = "Atlas aggregations built and analysed under every membership mode: mean (the paper's,"
                    + " always built), shifted-mean, procrustes, lstsq. Default: mean.")
    List<String> aggregations;

    @Option(names = "--charts", split = ",", paramLabel = "KIND,...",
            description = "Text datasets: the frozen encoder of each task's chart (minilm, bge, e5), cycled over the"
                    + " tasks (e.g. minilm,bge,e5 mixes them). Images: small-cnn, resnet, mlp (trained from scratch; e.g. small-cnn,resnet,mlp mixes them). Default: minilm / small-cnn.")
    List<String> charts;

    @Option(names = "--end-to-end-chart", paramLabel = "KIND",
            description = "The end-to-end chart's encoder (text) or architecture (images: small-cnn, resnet, mlp). Default: the first of --charts.")
    String endToEndChart;

    @Option(names = "--encoder-cache", paramLabel = "DIR",
            description = "Where sentence-encoder vectors are cached (default: an encoders folder beside the run).")
    Path encoderCache;

    /**
     * The experiment these options describe, without its setting. The options are checked first; then
     * the chart kinds are resolved: images get the small CNN, texts a frozen encoder (its vectors encoded
     * once into the cache, with a progress line on {@code err}) under an MLP head.
     *
     * @param dataset the dataset
     * @param defaultCache the encoder cache when {@code --encoder-cache} is not given
     * @param err receives the encoding progress
     * @return the builder: dataset, seed, profile, determinism, memberships, chart kinds, a progress bar
     */
    Experiment.Builder builder(Dataset dataset, Path defaultCache, PrintWriter err) {
        Experiment.Builder builder = Experiment.builder().optSeed(seed).optProfile(Profile.named(profile))
                .optDeterministic(deterministic).optMemberships(memberships == null ? Membership.DEFAULT : memberships.stream().map(Membership::parse).toList())
                .optAggregations(aggregations == null ? List.of() : aggregations.stream().map(Aggregation::parse).toList());
        List<String> names = charts == null ? List.of(ChartKinds.defaultName(dataset)) : charts;
        String e2e = endToEndChart == null ? names.get(0) : endToEndChart;
        List<ChartKind> kinds = ChartKinds.named(dataset, Stream.concat(Stream.of(e2e), names.stream()).toList(),
                encoderCache == null ? defaultCache : encoderCache, EncodingProgress.to(err));
        return builder.setDataset(dataset).optChartKinds(kinds.get(0), kinds.subList(1, kinds.size()))
                .optListener(ProgressBar.create(System.err));
    }
}
