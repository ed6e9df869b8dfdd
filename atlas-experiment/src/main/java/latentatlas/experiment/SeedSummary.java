package latentatlas.experiment;

import latentatlas.analyses.SpaceScores;
import latentatlas.report.Document;
import latentatlas.report.Table;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The variance over seeds of {@code atlas paper --seeds ...}: for every setting and space, the mean and
 * the sample standard deviation ({@code n - 1}) over seeds of the probe accuracy (total, shared, novel)
 * and of the CKA with the end-to-end relative space, and for every claim how many seeds it held on.
 * Written as {@code OUT/seeds.json}, {@code OUT/seeds.md} and {@code OUT/seeds.html}.
 */
public final class SeedSummary {
    private SeedSummary() {
    }

    /**
     * @param out the folder
     * @param bySeed each seed's results
     * @return the summary object written to {@code seeds.json}
     */
    public static Map<String, Object> write(Path out, Map<Long, PaperResults> bySeed) {
        Document doc = new Document("latent-atlas: variance over seeds " + bySeed.keySet());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("seeds", new ArrayList<>(bySeed.keySet()));
        PaperResults first = bySeed.values().iterator().next();
        Map<String, Object> settings = new LinkedHashMap<>();
        for (String setting : first.runs().keySet()) {
            doc.heading(2, "Setting " + setting);
            Table t = new Table("space", "probe total", "probe shared", "probe novel", "CKA vs e2e rel");
            Map<String, Object> spaces = new LinkedHashMap<>();
            for (SpaceScores s : first.runs().get(setting).spaces()) {
                String label = s.label();
                double[] total = values(bySeed, setting, label, x -> x.probe().total());
                double[] shared = values(bySeed, setting, label, x -> x.probe().shared());
                double[] novel = values(bySeed, setting, label, x -> x.probe().novel());
                double[] cka = values(bySeed, setting, label,
                        x -> x.ckaVsEndToEndRel() == null ? null : x.ckaVsEndToEndRel().total());
                t.row(label, meanSd(total), meanSd(shared), meanSd(novel), meanSd(cka));
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("probe_total", stats(total));
                entry.put("probe_shared", stats(shared));
                entry.put("probe_novel", stats(novel));
                entry.put("cka_vs_end_to_end_rel", stats(cka));
                spaces.put(label, entry);
            }
            settings.put(setting, spaces);
            doc.table(t);
        }
        json.put("settings", settings);
        doc.heading(2, "Claims: seeds on which they hold");
        Table claims = new Table("claim", "membership", "holds on");
        List<Map<String, Object>> claimJson = new ArrayList<>();
        for (int i = 0; i < first.claims().size(); i++) {
            Claim c = first.claims().get(i);
            int holds = 0;
            for (PaperResults r : bySeed.values()) {
                holds += r.claims().size() > i && r.claims().get(i).holds() ? 1 : 0;
            }
            claims.row(c.claim(), c.membership(), holds + " of " + bySeed.size());
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("claim", c.claim());
            entry.put("membership", c.membership());
            entry.put("holds_on", holds);
            claimJson.add(entry);
        }
        doc.table(claims);
        json.put("claims", claimJson);
        latentatlas.io.AtomicFiles.writeString(out.resolve("seeds.json"), RunResults.toJson(json));
        latentatlas.io.AtomicFiles.writeString(out.resolve("seeds.md"), doc.markdown());
        latentatlas.io.AtomicFiles.writeString(out.resolve("seeds.html"), doc.html());
        return json;
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
