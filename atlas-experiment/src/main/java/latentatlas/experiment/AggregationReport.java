package latentatlas.experiment;

import latentatlas.analyses.SpaceScores;
import latentatlas.analyses.SubsetScores;
import latentatlas.evaluation.SpaceKind;
import latentatlas.report.Document;
import latentatlas.report.Table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static latentatlas.report.Table.number;

/**
 * The aggregation table of the run report: per membership mode (rows) and atlas aggregation (columns:
 * mean, shifted-mean, procrustes, lstsq, those the run built), the probe accuracy on all test samples and
 * the linear CKA with the end-to-end relative space, read from {@link RunResults#spaces()}. Shown when the
 * run built more than the mean.
 */
final class AggregationReport {
    private AggregationReport() {
    }

    /**
     * Appends the section; nothing when the run built the mean atlas alone.
     *
     * @param doc the document
     * @param results the results
     */
    static void append(Document doc, RunResults results) {
        Table t = table(results);
        if (t == null) {
            return;
        }
        doc.heading(3, "Aggregations: probe total / CKA vs end-to-end rel");
        doc.paragraph("Each cell: the probe accuracy on all test samples / the linear CKA with the end-to-end relative"
                + " space. A row is label-free exactly when its membership mode is; '–': not built (shifted-mean needs"
                + " training samples that every chart embeds).");
        doc.table(t);
    }

    /** @return the table, or {@code null} when only the mean atlas was built */
    static Table table(RunResults results) {
        Set<SpaceKind> kinds = new LinkedHashSet<>();
        Map<String, Map<SpaceKind, SpaceScores>> byMembership = new LinkedHashMap<>();
        Map<String, Boolean> labelFree = new LinkedHashMap<>();
        for (SpaceKind k : SpaceKind.values()) {
            for (SpaceScores s : results.spaces()) {
                if (s.space() == k && k.atlas()) {
                    kinds.add(k);
                    byMembership.computeIfAbsent(s.membership(), m -> new LinkedHashMap<>()).put(k, s);
                    labelFree.put(s.membership(), s.labelFree());
                }
            }
        }
        if (kinds.size() < 2) {
            return null;
        }
        List<String> header = new ArrayList<>(List.of("membership", "label-free"));
        kinds.forEach(k -> header.add(k.aggregation().toString()));
        Table t = new Table(header.toArray(String[]::new));
        byMembership.forEach((membership, spaces) -> {
            List<String> row = new ArrayList<>(List.of(membership, Boolean.TRUE.equals(labelFree.get(membership)) ? "yes" : "no"));
            for (SpaceKind k : kinds) {
                SpaceScores s = spaces.get(k);
                SubsetScores cka = s == null ? null : s.ckaVsEndToEndRel();
                row.add(s == null ? "–" : number(s.probe().total()) + " / " + number(cka == null ? null : cka.total()));
            }
            t.row(row.toArray(String[]::new));
        });
        return t;
    }
}
