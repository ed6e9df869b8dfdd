package latentatlas.cli;

import latentatlas.charts.SmallCnn;
import latentatlas.dataset.Dataset;
import latentatlas.experiment.ChartKind;
import latentatlas.experiment.MembershipRules;
import latentatlas.experiment.Profile;
import picocli.CommandLine.Option;

import java.util.List;

/** The options shared by {@code atlas run} and {@code atlas paper}: seed, profile, determinism, membership modes. */
public final class ExperimentOptions {
    @Option(names = "--seed", defaultValue = "42", description = "Seeds the plan, the training and the analyses.")
    long seed;

    @Option(names = "--profile", defaultValue = "quick", paramLabel = "quick|paper",
            description = "quick: 2 chart epochs, 8 probe epochs (minutes); paper: the paper's epoch limits and patience.")
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

    /** @return the membership modes */
    List<String> memberships() {
        return memberships == null ? MembershipRules.DEFAULT : memberships;
    }

    /** @return the end-to-end chart's kind for this dataset */
    static ChartKind endToEndKind(Dataset dataset) {
        return imageKind(dataset);
    }

    /** @return the task charts' kinds for this dataset */
    static List<ChartKind> chartKinds(Dataset dataset) {
        return List.of(imageKind(dataset));
    }

    private static ChartKind imageKind(Dataset dataset) {
        if (!dataset.isImages()) {
            throw new latentatlas.InvalidInputException("dataset " + dataset.name() + " holds texts: text charts need"
                    + " a sentence encoder (not available in this build of atlas run)");
        }
        return new ChartKind("small-cnn", dataset, SmallCnn.factory());
    }
}
