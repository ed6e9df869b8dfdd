package latentatlas.cli;

import latentatlas.io.Npy;
import latentatlas.io.OutputFolder;
import latentatlas.space.LatentSpace;
import latentatlas.space.LatentSpaces;
import latentatlas.spark.AtlasTables;
import latentatlas.spark.SparkErrors;
import latentatlas.spark.SpaceImport;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * {@code atlas spark import}: a Parquet table back to {@code .npy}: an atlas (it has a coverage column)
 * becomes {@code DIR/atlas.npy}, {@code atlas.ids.npy}, {@code atlas.coverage.npy} as {@code atlas merge}
 * writes them; chart rows become {@code DIR/CHART.npy}, {@code CHART.ids.npy} [{@code CHART.labels.npy}].
 * The folder is built beside {@code DIR} and swapped in whole ({@link OutputFolder}).
 */
@Command(name = "import", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Import a Parquet atlas or chart rows as .npy spaces (rows sorted by id): an atlas gives"
                + " DIR/atlas.npy, atlas.ids.npy, atlas.coverage.npy; chart rows give DIR/CHART.npy, CHART.ids.npy"
                + " [CHART.labels.npy] per chart. The table is collected on this machine."})
public final class SparkImportCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Mixin
    private SparkMasterOption master;

    @Option(names = "--in", required = true, paramLabel = "TABLE.parquet", description = "The Parquet table.")
    private String in;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    private Path out;

    @Override
    public void run() {
        SparkSession spark = master.open("import");
        Dataset<Row> table = spark.read().parquet(in);
        if (AtlasTables.has(table, AtlasTables.COVERAGE)) {
            SpaceImport.ImportedAtlas atlas = SparkErrors.unwrapped(() -> SpaceImport.atlas(table));
            OutputFolder.write(out, MergeCommand.FILES, dir -> {
                LatentSpaces.save(atlas.space(), dir, "atlas");
                Npy.writeInts(dir.resolve("atlas.coverage.npy"), atlas.coverage());
            });
            spec.commandLine().getOut().printf("imported an atlas of %d ids x %d -> %s%n", atlas.space().size(),
                    atlas.space().dim(), out);
            return;
        }
        Map<String, LatentSpace> charts = SparkErrors.unwrapped(() -> SpaceImport.charts(table));
        OutputFolder.write(out, Set.of(), dir -> charts.forEach((chart, space) -> LatentSpaces.save(space, dir, chart)));
        spec.commandLine().getOut().printf("imported %d charts %s -> %s%n", charts.size(), charts.keySet(), out);
    }
}
