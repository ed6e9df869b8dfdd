package latentatlas.experiment;

import latentatlas.analyses.SpaceScores;
import latentatlas.io.OutputNames;
import latentatlas.report.Document;
import latentatlas.report.Figures;
import latentatlas.report.Table;
import org.apache.commons.math3.distribution.TDistribution;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The paper over seeds ({@code atlas paper --seeds ...}): whether each claim holds across seeds, and the
 * spread of every space's scores.
 *
 * <ul>
 *   <li>Per claim and membership mode: on how many of the n seeds it holds, and its {@link Claim#margin()
 *   margin} (the paired difference the claim is about, e.g. atlas minus end-to-end probe accuracy on the
 *   same seed) as a mean with a 95% t-interval over seeds,
 *   {@code mean +- t_{0.975, n-1} s / sqrt(n)}, {@code s} the sample standard deviation ({@code n - 1});
 *   no interval for one seed. An interval above 0 says the claim holds beyond the seed-to-seed noise.</li>
 *   <li>Per setting and space: the mean and sample standard deviation over seeds of the probe accuracy
 *   (total, shared, novel) and of the linear CKA with the end-to-end relative space, and a bar chart of
 *   the mean probe accuracy with the 95% t-interval as error bars
 *   ({@code OUT/seeds-figures/probe-SETTING.png}).</li>
 * </ul>
 * Written as {@code OUT/seeds.json}, {@code OUT/seeds.md} and {@code OUT/seeds.html} (self-contained).
 */
public final class SeedSummary {
    /** The folder of the pictures, under the paper folder. */
    public static final String FIGURES = "seeds-figures";

    private SeedSummary() {
    }

    /**
     * @param out the folder
     * @param bySeed each seed's results
     * @return the summary object written to {@code seeds.json}
     */
    public static Map<String, Object> write(Path out, Map<Long, PaperResults> bySeed) {
        int n = bySeed.size();
        Document doc = new Document("latent-atlas: the paper's claims over seeds " + bySeed.keySet());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("seeds", new ArrayList<>(bySeed.keySet()));
        PaperResults first = bySeed.values().iterator().next();

        Map<String, ClaimOverSeeds> claims = claimsOverSeeds(bySeed);
        doc.add(new Document.Summary("Verdict over " + n + " seeds", summary(claims, bySeed)));
        if (n == 1) {
            doc.add(Verdicts.singleSeed(bySeed.keySet().iterator().next()));
        }
        doc.heading(2, "The paper's claims over seeds");
        doc.paragraph("Each cell: the seeds on which the claim holds, then the mean over seeds of its margin (the paired"
                + " difference it is about, column 'margin'; positive: the claim holds) with a 95% t-interval"
                + " (t quantile " + (n > 1 ? String.format(Locale.ROOT, "%.3f with %d degree%s of freedom", tQuantile(n), n - 1, n == 2 ? "" : "s")
                : "undefined for one seed") + "). Green: holds on every seed; red: on none.");
        doc.table(matrix(claims));
        List<Map<String, Object>> claimJson = new ArrayList<>();
        for (ClaimOverSeeds c : claims.values()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("claim", c.claim);
            entry.put("membership", c.membership);
            entry.put("holds_on", c.holds);
            entry.put("seeds", c.margins.size());
            entry.put("margin_of", c.marginOf);
            entry.put("margin", interval(c.margins.stream().mapToDouble(Double::doubleValue).toArray()));
            claimJson.add(entry);
        }

        Map<String, Object> settings = new LinkedHashMap<>();
        for (String setting : first.runs().keySet()) {
            doc.heading(2, "Setting " + setting);
            Table t = new Table("space", "probe total", "probe shared", "probe novel", "CKA vs e2e rel")
                    .best("probe total", Table.Best.HIGHEST)
                    .caption("Mean ± standard deviation over seeds, " + setting);
            Map<String, Object> spaces = new LinkedHashMap<>();
            Map<String, Map<String, Double>> means = new LinkedHashMap<>();
            Map<String, Map<String, Double>> halfWidths = new LinkedHashMap<>();
            for (SpaceScores s : first.runs().get(setting).spaces()) {
                String label = s.label();
                Map<String, double[]> probe = new LinkedHashMap<>();
                probe.put("total", values(bySeed, setting, label, x -> x.probe().total()));
                probe.put("shared", values(bySeed, setting, label, x -> x.probe().shared()));
                probe.put("novel", values(bySeed, setting, label, x -> x.probe().novel()));
                double[] cka = values(bySeed, setting, label,
                        x -> x.ckaVsEndToEndRel() == null ? null : x.ckaVsEndToEndRel().total());
                t.row(label, meanSd(probe.get("total")), meanSd(probe.get("shared")), meanSd(probe.get("novel")),
                        meanSd(cka));
                Map<String, Object> entry = new LinkedHashMap<>();
                Map<String, Double> mean = new LinkedHashMap<>();
                Map<String, Double> half = new LinkedHashMap<>();
                probe.forEach((part, v) -> {
                    entry.put("probe_" + part, stats(v));
                    if (v.length > 0) {
                        double[] i = tInterval(v);
                        mean.put(part, i[0]);
                        half.put(part, i[2] - i[0]);
                    }
                });
                entry.put("cka_vs_end_to_end_rel", stats(cka));
                spaces.put(label, entry);
                means.put(label, mean);
                halfWidths.put(label, half);
            }
            settings.put(setting, spaces);
            doc.table(t);
            String png = FIGURES + "/probe-" + OutputNames.check("setting", setting) + ".png";
            Figures.barsWithErrors(out.resolve(png), "Probe accuracy over " + n + " seeds, " + setting
                    + " (mean, 95% t-interval)", means, halfWidths, 1.0);
            doc.image("Probe accuracy per space over " + n + " seeds, " + setting
                    + ": mean with the 95% t-interval as error bars", png);
        }
        json.put("settings", settings);
        json.put("claims", claimJson);
        latentatlas.io.AtomicFiles.writeString(out.resolve("seeds.json"), RunResults.toJson(json));
        doc.write(out, "seeds");
        return json;
    }

    /** One claim under one membership mode, over the seeds. */
    private static final class ClaimOverSeeds {
        final String claim;
        final String paper;
        final String membership;
        final String marginOf;
        final List<Double> margins = new ArrayList<>();
        int holds;

        ClaimOverSeeds(Claim c) {
            claim = c.claim();
            paper = c.paper();
            membership = c.membership();
            marginOf = c.marginOf();
        }
    }

    /** The claims of every seed, matched by claim and membership mode, in the first seed's order. */
    private static Map<String, ClaimOverSeeds> claimsOverSeeds(Map<Long, PaperResults> bySeed) {
        Map<String, ClaimOverSeeds> out = new LinkedHashMap<>();
        for (PaperResults r : bySeed.values()) {
            for (Claim c : r.claims()) {
                ClaimOverSeeds o = out.computeIfAbsent(c.claim() + '\u0000' + c.membership(), k -> new ClaimOverSeeds(c));
                o.margins.add(c.margin());
                o.holds += c.holds() ? 1 : 0;
            }
        }
        return out;
    }

    /** Per membership mode: how many claims hold on every seed, on some, on none. */
    private static List<String> summary(Map<String, ClaimOverSeeds> claims, Map<Long, PaperResults> bySeed) {
        int n = bySeed.size();
        List<String> items = new ArrayList<>();
        items.add("Seeds " + bySeed.keySet() + " (n = " + n + "): each seed trains every chart and probe anew;"
                + " a claim's margin is compared on the same seed (paired).");
        Map<String, int[]> byMode = new LinkedHashMap<>();
        for (ClaimOverSeeds c : claims.values()) {
            int[] k = byMode.computeIfAbsent(c.membership, m -> new int[4]);
            k[c.holds == c.margins.size() ? 0 : c.holds == 0 ? 2 : 1]++;
            double[] i = tInterval(c.margins.stream().mapToDouble(Double::doubleValue).toArray());
            k[3] += i[1] > 0 ? 1 : 0;
        }
        byMode.forEach((mode, k) -> items.add(String.format(Locale.ROOT,
                "%s%s: of %d claims, on every seed %d, on some %d, on none %d; the 95%% interval of the margin"
                        + " lies above 0 for %d.", mode, mode.equals(Verdicts.ORACLE) ? " (the paper's membership)" : "",
                k[0] + k[1] + k[2], k[0], k[1], k[2], k[3])));
        return items;
    }

    private static Table matrix(Map<String, ClaimOverSeeds> claims) {
        Set<String> modes = new LinkedHashSet<>();
        Map<String, ClaimOverSeeds> rows = new LinkedHashMap<>();
        for (ClaimOverSeeds c : claims.values()) {
            modes.add(c.membership);
            rows.putIfAbsent(c.claim, c);
        }
        List<String> header = new ArrayList<>(List.of("claim", "paper", "margin"));
        modes.forEach(m -> header.add(m.equals(Verdicts.ORACLE) ? "oracle (paper's membership)" : m));
        Table t = new Table(header.toArray(String[]::new)).id("claims-matrix").open()
                .caption("The paper's claims (rows) under each membership mode (columns), over seeds");
        for (ClaimOverSeeds row : rows.values()) {
            List<Table.Cell> cells = new ArrayList<>(List.of(Table.Cell.of(row.claim), Table.Cell.of(row.paper),
                    Table.Cell.of(row.marginOf == null ? "–" : row.marginOf)));
            for (String mode : modes) {
                ClaimOverSeeds c = claims.get(row.claim + '\u0000' + mode);
                if (c == null) {
                    cells.add(Table.Cell.of("–"));
                    continue;
                }
                double[] i = tInterval(c.margins.stream().mapToDouble(Double::doubleValue).toArray());
                String text = String.format(Locale.ROOT, "holds on %d of %d; %+.3f", c.holds, c.margins.size(), i[0])
                        + (Double.isFinite(i[1]) ? String.format(Locale.ROOT, " [%+.3f, %+.3f]", i[1], i[2]) : "");
                cells.add(c.holds == c.margins.size() ? Table.Cell.good(text)
                        : c.holds == 0 ? Table.Cell.bad(text) : Table.Cell.of(text));
            }
            t.row(cells.toArray(Table.Cell[]::new));
        }
        return t;
    }

    private static double[] values(Map<Long, PaperResults> bySeed, String setting, String label,
                                   Function<SpaceScores, Double> metric) {
        List<Double> out = new ArrayList<>();
        for (PaperResults r : bySeed.values()) {
            SpaceScores s = r.runs().get(setting) == null ? null : r.runs().get(setting).space(label);
            Double v = s == null ? null : metric.apply(s);
            if (v != null && Double.isFinite(v)) {
                out.add(v);
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** @return {@code [mean, sd]}: sample standard deviation; {@code sd} is NaN for one value */
    static double[] meanAndSd(double[] v) {
        double mean = 0;
        for (double x : v) {
            mean += x;
        }
        mean /= v.length;
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        return new double[] {mean, v.length > 1 ? Math.sqrt(ss / (v.length - 1)) : Double.NaN};
    }

    /** @return the 0.975 quantile of Student's t with {@code n - 1} degrees of freedom ({@code n >= 2}) */
    static double tQuantile(int n) {
        return new TDistribution(null, n - 1, 1e-13).inverseCumulativeProbability(0.975);
    }

    /**
     * @return {@code [mean, low, high]}: the 95% t-interval of the mean, {@code mean +- t_{0.975, n-1} s / sqrt(n)};
     *         low and high are NaN for fewer than 2 values
     */
    static double[] tInterval(double[] v) {
        double[] m = meanAndSd(v);
        if (v.length < 2) {
            return new double[] {m[0], Double.NaN, Double.NaN};
        }
        double half = tQuantile(v.length) * m[1] / Math.sqrt(v.length);
        return new double[] {m[0], m[0] - half, m[0] + half};
    }

    private static Map<String, Object> interval(double[] v) {
        Map<String, Object> out = stats(v);
        if (out != null) {
            double[] i = tInterval(v);
            out.put("ci95", Double.isFinite(i[1]) ? List.of(i[1], i[2]) : null);
        }
        return out;
    }

    private static Map<String, Object> stats(double[] v) {
        if (v.length == 0) {
            return null;
        }
        double[] m = meanAndSd(v);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mean", m[0]);
        out.put("sd", Double.isFinite(m[1]) ? m[1] : null);
        out.put("n", v.length);
        return out;
    }

    private static String meanSd(double[] v) {
        if (v.length == 0) {
            return "–";
        }
        double[] m = meanAndSd(v);
        return Double.isFinite(m[1]) ? String.format(Locale.ROOT, "%.3f ± %.3f", m[0], m[1])
                : String.format(Locale.ROOT, "%.3f", m[0]);
    }
}
