package latentatlas.cli;

import latentatlas.atlas.Aggregation;
import latentatlas.relative.Normalization;
import latentatlas.relative.Similarity;
import latentatlas.spark.AtlasTables;
import latentatlas.spark.MergeJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.List;

/** {@code atlas spark merge}: the distributed {@code atlas merge}, Parquet in and out. */
@Command(name = "merge", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Project every chart's rows on its anchors and average them per id, on Spark: reads chart"
                + " rows (chart, id, vector) and anchor rows (chart, id, vector[, position]), writes the atlas"
                + " (id, vector, coverage) as Parquet. Same numbers as 'atlas merge'."})
public final class SparkMergeCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Mixin
    private SparkMasterOption master;

    @Option(names = "--rows", required = true, arity = "1..*", paramLabel = "ROWS.parquet",
            description = "Chart rows (Parquet files or folders, read as one table).")
    private List<String> rows;

    @Option(names = "--anchors", required = true, arity = "1..*", paramLabel = "ANCHORS.parquet",
            description = "Every chart's anchor rows; the same anchor ids for all charts.")
    private List<String> anchors;

    @Option(names = "--out", required = true, paramLabel = "ATLAS.parquet", description = "The atlas table to write.")
    private String out;

    @Option(names = "--similarity", defaultValue = "cosine",
            description = "Similarity to each anchor: ${COMPLETION-CANDIDATES} (cosine is the paper's).")
    private Similarity similarity;

    @Option(names = "--normalization", defaultValue = "none",
            description = "Per-column map fitted on each chart's anchors: ${COMPLETION-CANDIDATES}.")
    private Normalization normalization;

    @Option(names = "--aggregation", defaultValue = "mean",
            description = "mean over the charts holding an id (the paper) or first (the first chart by name).")
    private Aggregation aggregation;

    @Option(names = "--partitions", defaultValue = "0",
            description = "Id partitions (0: one per 100,000 rows, at least the parallelism).")
    private int partitions;

    @Override
    public void run() {
        master.run("merge", spark -> {
            long start = System.nanoTime();
            MergeJob.Builder job = MergeJob.builder()
                    .setRows(AtlasTables.readChartRows(spark, rows))
                    .setAnchors(AtlasTables.readAnchors(spark, anchors))
                    .optSimilarity(similarity)
                    .optNormalization(normalization)
                    .optAggregation(aggregation);
            if (partitions != 0) {
                job.optPartitions(partitions);
            }
            job.build().write(out);
            long ids = spark.read().parquet(out).count();
            spec.commandLine().getOut().printf("atlas: %d ids -> %s (%s, %.1f s)%n", ids, out,
                    spark.sparkContext().master(), (System.nanoTime() - start) / 1e9);
        });
    }
}
