package latentatlas.experiment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import latentatlas.analyses.SubsetScores;
import latentatlas.io.AtomicFiles;
import latentatlas.report.Table;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The results of an anchor sweep ({@link Experiment#sweepAnchors}), written as {@code results.json} of
 * the sweep folder.
 *
 * @param format {@value #FORMAT}
 * @param membership the membership mode of the atlases (e.g. {@code oracle}: label-derived)
 * @param labelFree whether that mode decides without labels
 * @param charts the test accuracy of each chart, task 0 (end-to-end) first
 * @param points one per (strategy, count), strategies in the sweep's order, counts ascending within each
 * @param provenance the plan of the charts (with the sweep's first point's anchors), seed, profile, versions
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"format", "membership", "label_free", "charts", "points", "provenance"})
public record AnchorSweepResults(String format, String membership, @JsonProperty("label_free") boolean labelFree,
                                 List<RunResults.ChartSummary> charts, List<Point> points, Provenance provenance) {
    /** The value of {@code format}. */
    public static final String FORMAT = "latent-atlas anchor sweep 1";

    /**
     * One (strategy, count) of the sweep.
     *
     * @param strategy the anchor strategy's name
     * @param count the number of anchors
     * @param probe the probe accuracy on the atlas (trained on the training rows, measured on the test rows):
     *     total, shared classes, novel classes
     * @param cka linear CKA of the atlas with the end-to-end relative space on the same anchors (test samples)
     * @param planSha256 SHA-256 of the plan with these anchors (its tasks are the sweep's)
     * @param selectSeconds the seconds the anchor choice took
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonPropertyOrder({"strategy", "count", "probe", "cka", "plan_sha256", "select_seconds"})
    public record Point(String strategy, int count, SubsetScores probe, SubsetScores cka,
                        @JsonProperty("plan_sha256") String planSha256,
                        @JsonProperty("select_seconds") double selectSeconds) {
    }

    /** @return one row per point: strategy, anchors, probe total / shared / novel, CKA total / shared / novel, choice seconds */
    public Table table() {
        Table table = new Table("strategy", "anchors", "probe total", "probe shared", "probe novel", "CKA total",
                "CKA shared", "CKA novel", "choice s");
        for (Point p : points) {
            table.row(p.strategy(), String.valueOf(p.count()), Table.number(p.probe().total()),
                    Table.number(p.probe().shared()), Table.number(p.probe().novel()), Table.number(p.cka().total()),
                    Table.number(p.cka().shared()), Table.number(p.cka().novel()),
                    String.format(Locale.ROOT, "%.1f", p.selectSeconds()));
        }
        return table;
    }

    /** Writes the results to {@code file} atomically. */
    public void write(Path file) {
        AtomicFiles.writeString(file, RunResults.toJson(this));
    }
}
