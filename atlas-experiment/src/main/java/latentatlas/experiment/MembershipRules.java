package latentatlas.experiment;

import latentatlas.evaluation.SpaceBuilder;

import latentatlas.InvalidInputException;
import latentatlas.membership.AllCharts;
import latentatlas.membership.Confidence;
import latentatlas.membership.ConfidenceWeighted;
import latentatlas.membership.ExclusiveClaim;
import latentatlas.membership.MembershipRule;
import latentatlas.membership.TopConfidence;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the membership modes of the command line: {@code oracle} (the plan's membership, the paper's;
 * returned as {@code null}: it is built from the plan, not from predictions), {@code all},
 * {@code exclusive-claim}, {@code topK-maxprob|entropy} and {@code weighted-maxprob|entropy[-gGAMMA]}
 * (see {@code latentatlas.membership}).
 */
public final class MembershipRules {
    /** The modes a run evaluates unless told otherwise. */
    public static final List<String> DEFAULT = List.of("oracle", "all", "exclusive-claim", "top1-maxprob",
            "weighted-maxprob-g4");
    private static final Pattern TOP = Pattern.compile("top(\\d+)-(maxprob|entropy)");
    private static final Pattern WEIGHTED = Pattern.compile("weighted-(maxprob|entropy)(?:-g([0-9.]+))?");

    private MembershipRules() {
    }

    /**
     * @param name a mode's name
     * @return the rule, or {@code null} for {@code oracle}
     */
    public static MembershipRule parse(String name) {
        if (name.equals(SpaceBuilder.ORACLE)) {
            return null;
        }
        if (name.equals("all")) {
            return new AllCharts();
        }
        if (name.equals("exclusive-claim")) {
            return new ExclusiveClaim();
        }
        Matcher top = TOP.matcher(name);
        if (top.matches() && Integer.parseInt(top.group(1)) >= 1) {
            return new TopConfidence(Integer.parseInt(top.group(1)), confidence(top.group(2)));
        }
        Matcher weighted = WEIGHTED.matcher(name);
        if (weighted.matches()) {
            try {
                double gamma = weighted.group(2) == null ? 1 : Double.parseDouble(weighted.group(2));
                return new ConfidenceWeighted(confidence(weighted.group(1)), gamma);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(List.of("membership"), "membership mode '" + name + "': " + e.getMessage(), e);
            }
        }
        throw new InvalidInputException(List.of("membership"), "membership mode '" + name + "' is unknown; expected oracle, all, exclusive-claim,"
                + " topK-maxprob, topK-entropy, weighted-maxprob[-gGAMMA] or weighted-entropy[-gGAMMA]"
                + " (e.g. top1-maxprob, weighted-maxprob-g4)");
    }

    private static Confidence confidence(String name) {
        return name.equals("maxprob") ? Confidence.MAX_PROBABILITY : Confidence.NEGATIVE_ENTROPY;
    }
}
