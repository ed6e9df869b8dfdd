package latentatlas.experiment;

import latentatlas.analyses.SpaceScores;
import latentatlas.evaluation.SpaceKind;
import latentatlas.report.Document;
import latentatlas.report.Table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The top of a report: what held, in words and as a matrix (docs/method.md §7-8).
 *
 * <ul>
 *   <li>{@link #summary}: per setting, one sentence comparing the holdout probe accuracy of the atlas,
 *   the end-to-end model (absolute space) and the naive union under the paper's membership
 *   ({@code oracle}), and one under the best label-free mode: the label-free mode whose atlas has the
 *   highest probe accuracy in that setting (chosen after the fact, so an optimistic view of what a
 *   deployable atlas reaches); then how many of the paper's claims hold under each mode;</li>
 *   <li>{@link #claimsMatrix}: one row per claim, its paper figure, one column per membership mode, each
 *   cell "holds" or "fails" with the numbers compared.</li>
 * </ul>
 */
public final class Verdicts {
    /** The membership mode of the paper's protocol. */
    static final String ORACLE = "oracle";

    private Verdicts() {
    }

    /**
     * @param runs run name to results
     * @param claims the paper's claims, under every membership mode
     * @return the summary block, HTML id {@code summary}
     */
    public static Document.Summary summary(Map<String, RunResults> runs, List<Claim> claims) {
        List<String> items = new ArrayList<>();
        for (Map.Entry<String, RunResults> run : runs.entrySet()) {
            items.addAll(sentences(run.getKey(), run.getValue()));
        }
        if (!claims.isEmpty()) {
            items.add(claimCounts(claims));
        }
        return new Document.Summary("Verdict", items);
    }

    /**
     * @return the note that a report stands on one seed, naming it
     */
    public static Document.Note singleSeed(long seed) {
        return new Document.Note("A single seed (" + seed + "): these numbers carry no spread over seeds. atlas paper"
                + " --seeds 42,43,44 judges each claim over seeds (holds in k of n, mean difference with a 95% t-interval).");
    }

    /**
     * @param name the run's name (the setting, or the setting and its parameters)
     * @param run its results
     * @return the oracle sentence and the best-label-free sentence, those whose spaces exist
     */
    static List<String> sentences(String name, RunResults run) {
        List<String> out = new ArrayList<>();
        SpaceScores e2e = run.space(SpaceKind.END_TO_END_ABS.externalName());
        if (e2e == null) {
            return out;
        }
        comparison(run, ORACLE).ifPresent(c -> out.add(name + ", the paper's membership (oracle, uses the test labels): "
                + c));
        List<String> free = new ArrayList<>();
        String best = null;
        double bestProbe = Double.NEGATIVE_INFINITY;
        for (SpaceScores s : run.spaces()) {
            if (s.space() == SpaceKind.ATLAS && Boolean.TRUE.equals(s.labelFree())) {
                free.add(s.membership());
                if (s.probe().total() > bestProbe) {
                    bestProbe = s.probe().total();
                    best = s.membership();
                }
            }
        }
        if (best != null) {
            String mode = best;
            comparison(run, mode).ifPresent(c -> out.add(name + ", the best label-free membership (" + mode
                    + ": the highest atlas probe accuracy of " + free.size() + " label-free " + (free.size() == 1 ? "mode" : "modes")
                    + ", chosen after the fact): " + c));
        }
        return out;
    }

    /** "atlas A vs end-to-end E vs naive N (probe accuracy): the atlas leads end-to-end by +d and ..." */
    private static Optional<String> comparison(RunResults run, String membership) {
        SpaceScores atlas = run.space(SpaceKind.ATLAS.externalName() + " [" + membership + "]");
        SpaceScores naive = run.space(SpaceKind.NAIVE.externalName() + " [" + membership + "]");
        SpaceScores e2e = run.space(SpaceKind.END_TO_END_ABS.externalName());
        if (atlas == null || e2e == null) {
            return Optional.empty();
        }
        double a = atlas.probe().total();
        double e = e2e.probe().total();
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "atlas %.3f vs end-to-end %.3f", a, e));
        if (naive != null) {
            b.append(String.format(Locale.ROOT, " vs naive %.3f", naive.probe().total()));
        }
        b.append(" (probe accuracy on the test samples): the atlas ").append(relation(a - e)).append(" end-to-end");
        if (naive != null) {
            b.append(" and ").append(relation(a - naive.probe().total())).append(" naive");
        }
        return Optional.of(b.append('.').toString());
    }

    private static String relation(double d) {
        String by = String.format(Locale.ROOT, "%.3f", Math.abs(d));
        return d > 0 ? "leads by +" + by + " over" : d < 0 ? "trails by -" + by + " behind" : "ties with";
    }

    /** "Of the paper's 8 claims, hold: oracle 8, all 3, ..." */
    static String claimCounts(List<Claim> claims) {
        Map<String, int[]> byMode = new LinkedHashMap<>();
        for (Claim c : claims) {
            int[] k = byMode.computeIfAbsent(c.membership(), m -> new int[2]);
            k[0] += c.holds() ? 1 : 0;
            k[1]++;
        }
        List<String> parts = new ArrayList<>();
        byMode.forEach((mode, k) -> parts.add(mode + " " + k[0] + " of " + k[1]));
        return "The paper's claims that hold here (matrix below), per membership mode: " + String.join(", ", parts)
                + "; only oracle builds test vectors from the test labels.";
    }

    /**
     * @param claims the paper's claims, under every membership mode
     * @return one row per claim, columns {@code claim}, {@code paper}, then one per membership mode (in
     *         the order the claims name them): "holds: NUMBERS" (green) or "fails: NUMBERS" (red); HTML id
     *         {@code claims-matrix}
     */
    public static Table claimsMatrix(List<Claim> claims) {
        Set<String> modes = new LinkedHashSet<>();
        Map<String, Claim> first = new LinkedHashMap<>();
        Map<String, Claim> cells = new LinkedHashMap<>();
        for (Claim c : claims) {
            modes.add(c.membership());
            first.putIfAbsent(c.claim(), c);
            cells.put(c.claim() + '\u0000' + c.membership(), c);
        }
        List<String> header = new ArrayList<>(List.of("claim", "paper"));
        modes.forEach(m -> header.add(m.equals(ORACLE) ? "oracle (paper's membership)" : m));
        Table t = new Table(header.toArray(String[]::new)).id("claims-matrix").open()
                .caption("The paper's claims (rows) under each membership mode (columns)");
        for (Claim row : first.values()) {
            List<Table.Cell> cellsOfRow = new ArrayList<>(List.of(Table.Cell.of(row.claim()), Table.Cell.of(row.paper())));
            for (String mode : modes) {
                Claim c = cells.get(row.claim() + '\u0000' + mode);
                cellsOfRow.add(c == null ? Table.Cell.of("–")
                        : c.holds() ? Table.Cell.good("holds: " + c.ours()) : Table.Cell.bad("fails: " + c.ours()));
            }
            t.row(cellsOfRow.toArray(Table.Cell[]::new));
        }
        return t;
    }
}
