package latentatlas.cli;

import latentatlas.spark.AtlasTables;
import latentatlas.spark.CompareJob;
import latentatlas.spark.Comparison;
import latentatlas.spark.PartitionHook;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;

/** {@code atlas spark compare}: linear CKA, class centroids and separability of two Parquet spaces joined by id. */
@Command(name = "compare", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Compare two spaces (Parquet with id, vector[, label][, chart]) over their common ids, on"
                + " Spark: linear CKA and, when a space has labels, per-class counts, centroid norms, mean"
                + " distances to the centroid and the separability of each space (docs/method.md §6)."})
public final class SparkCompareCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Mixin
    private SparkMasterOption master;

    @Parameters(index = "0", paramLabel = "A.parquet", description = "The first space.")
    private String a;

    @Parameters(index = "1", paramLabel = "B.parquet", description = "The second space.")
    private String b;

    @Option(names = "--chart-a", paramLabel = "NAME", description = "Keep only this chart of A (for chart rows).")
    private String chartA;

    @Option(names = "--chart-b", paramLabel = "NAME", description = "Keep only this chart of B (for chart rows).")
    private String chartB;

    @Override
    public void run() {
        master.run("compare", spark -> {
            long start = System.nanoTime();
            Comparison result = CompareJob.compare(AtlasTables.readSpace(spark, a, chartA),
                    AtlasTables.readSpace(spark, b, chartB), PartitionHook.NONE);
            PrintWriter out = spec.commandLine().getOut();
            out.printf("common ids: %d (A width %d, B width %d)%n", result.rows(), result.dimA(), result.dimB());
            out.printf("linear CKA: %.6f%n", result.linearCka());
            if (!result.classes().isEmpty()) {
                out.printf("separability: A %.4f, B %.4f (%d classes)%n", result.separabilityA(),
                        result.separabilityB(), result.classes().size());
                out.println("class  count  centroid-norm A  centroid-norm B  mean-distance A  mean-distance B");
                for (Comparison.ClassStats c : result.classes()) {
                    out.printf("%5d  %5d  %15.4f  %15.4f  %15.4f  %15.4f%n", c.label(), c.count(), c.centroidNormA(),
                            c.centroidNormB(), c.meanDistanceA(), c.meanDistanceB());
                }
            }
            out.printf("(%s, %.1f s)%n", spark.sparkContext().master(), (System.nanoTime() - start) / 1e9);
        });
    }
}
