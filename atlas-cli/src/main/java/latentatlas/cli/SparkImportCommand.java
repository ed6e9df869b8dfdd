package latentatlas.cli;

import latentatlas.InvalidInputException;
import latentatlas.io.Npy;
import latentatlas.io.OutputFolder;
import latentatlas.space.LatentSpace;
import latentatlas.space.LatentSpaces;
import latentatlas.spark.AtlasTables;
import latentatlas.spark.SpaceImport;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code atlas spark import}: a Parquet table back to {@code .npy}: an atlas (it has a coverage column)
 * becomes {@code DIR/atlas.npy}, {@code atlas.ids.npy}, {@code atlas.coverage.npy} as {@code atlas merge}
 * writes them; chart rows become {@code DIR/CHART.npy}, {@code CHART.ids.npy} [{@code CHART.labels.npy}]
 * (chart names that are not safe file names, or whose files would collide, are refused before anything is written).
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
        master.run("import", spark -> {
            Dataset<Row> table = AtlasTables.open(spark, List.of(in));
            if (AtlasTables.has(table, AtlasTables.COVERAGE)) {
                SpaceImport.ImportedAtlas atlas = SpaceImport.atlas(table, in);
                OutputFolder.write(out, AtlasFiles.FILES, dir -> {
                    LatentSpaces.save(atlas.space(), dir, "atlas");
                    Npy.writeInts(dir.resolve("atlas.coverage.npy"), atlas.coverage());
                });
                spec.commandLine().getOut().printf("imported an atlas of %d ids x %d -> %s%n", atlas.space().size(),
                        atlas.space().dim(), out);
                return;
            }
            Map<String, LatentSpace> charts = SpaceImport.charts(table, in);
            checkFileNames(charts.keySet());
            OutputFolder.write(out, Set.of(), dir -> charts.forEach((chart, space) -> LatentSpaces.save(space, dir, chart)));
            spec.commandLine().getOut().printf("imported %d charts %s -> %s%n", charts.size(), charts.keySet(), out);
        });
    }

    /** Refuses chart names whose files would overwrite each other's ({@code a} and {@code a.ids} both give {@code a.ids.npy}). */
    private void checkFileNames(Set<String> charts) {
        Map<String, String> owners = new HashMap<>();
        for (String chart : charts) {
            for (String file : List.of(chart + ".npy", chart + ".ids.npy", chart + ".labels.npy")) {
                String other = owners.putIfAbsent(file, chart);
                if (other != null) {
                    throw new InvalidInputException(in + ": charts '" + other + "' and '" + chart + "' would both write "
                            + file + ": rename one");
                }
            }
        }
    }
}
