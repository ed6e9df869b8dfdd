package latentatlas.evaluation;

import latentatlas.InvalidInputException;
import latentatlas.membership.AllCharts;
import latentatlas.membership.Confidence;
import latentatlas.membership.ConfidenceWeighted;
import latentatlas.membership.ExclusiveClaim;
import latentatlas.membership.MembershipRule;
import latentatlas.membership.OracleMembership;
import latentatlas.membership.TopConfidence;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A membership mode of an experiment, parsed once from its name ({@link #parse}): the paper's
 * {@link Oracle} (built from the plan's task contents, so from the labels) or a {@link Rule} that decides
 * from the charts' predictions ({@code latentatlas.membership}, docs/method.md §8). Names: {@code oracle},
 * {@code all}, {@code exclusive-claim}, {@code topK-maxprob|entropy} and
 * {@code weighted-maxprob|entropy[-gGAMMA]}.
 */
public sealed interface Membership {
    /** The paper's membership. */
    Membership ORACLE = new Oracle();
    /** Every chart embeds every sample ({@link AllCharts}), the plain label-free mode. */
    Membership ALL = new Rule(new AllCharts());
    /** The modes a run evaluates unless told otherwise. */
    List<Membership> DEFAULT = List.of(ORACLE, ALL, new Rule(new ExclusiveClaim()),
            new Rule(new TopConfidence(1, Confidence.MAX_PROBABILITY)),
            new Rule(new ConfidenceWeighted(Confidence.MAX_PROBABILITY, 4)));

    /** @return the name results and folders use, e.g. {@code oracle} or {@code weighted-maxprob-g4} */
    String name();

    /** @return whether no label enters the construction of a test vector */
    boolean labelFree();

    /**
     * @param taskIds for each chart, the ids of its task among the samples the rule is applied to
     * @return the rule that weighs the charts on those samples
     */
    MembershipRule on(List<Set<Long>> taskIds);

    /** The paper's membership: chart t embeds x iff x is in task t of the plan ({@link OracleMembership}). */
    record Oracle() implements Membership {
        @Override
        public String name() {
            return "oracle";
        }

        @Override
        public boolean labelFree() {
            return false;
        }

        @Override
        public MembershipRule on(List<Set<Long>> taskIds) {
            return new OracleMembership(taskIds);
        }
    }

    /**
     * A rule that decides from the charts' predictions only.
     *
     * @param rule the rule
     */
    record Rule(MembershipRule rule) implements Membership {
        @Override
        public String name() {
            return rule.name();
        }

        @Override
        public boolean labelFree() {
            return rule.labelFree();
        }

        @Override
        public MembershipRule on(List<Set<Long>> taskIds) {
            return rule;
        }
    }

    /**
     * @param name a mode's name
     * @return the mode
     * @throws InvalidInputException when the name is none of the modes
     */
    static Membership parse(String name) {
        if (name.equals(ORACLE.name())) {
            return ORACLE;
        }
        for (MembershipRule fixed : List.of(new AllCharts(), new ExclusiveClaim())) {
            if (name.equals(fixed.name())) {
                return new Rule(fixed);
            }
        }
        Matcher top = Pattern.compile("top(\\d+)-(maxprob|entropy)").matcher(name);
        if (top.matches() && Integer.parseInt(top.group(1)) >= 1) {
            return new Rule(new TopConfidence(Integer.parseInt(top.group(1)), confidence(top.group(2))));
        }
        Matcher weighted = Pattern.compile("weighted-(maxprob|entropy)(?:-g([0-9.]+))?").matcher(name);
        if (weighted.matches()) {
            try {
                double gamma = weighted.group(2) == null ? 1 : Double.parseDouble(weighted.group(2));
                return new Rule(new ConfidenceWeighted(confidence(weighted.group(1)), gamma));
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
