package latentatlas.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code atlas spark}: the distributed jobs (merge, compare) and the Parquet export and import of spaces. */
@Command(name = "spark", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Merge and compare atlases on Apache Spark over Parquet tables: local[2] by default,"
                + " a cluster with --master or under spark-submit."},
        subcommands = {SparkExportCommand.class, SparkMergeCommand.class, SparkCompareCommand.class,
            SparkImportCommand.class})
public final class SparkCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
