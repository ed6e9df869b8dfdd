package latentatlas.cli;

import latentatlas.InvalidInputException;
import latentatlas.io.Npy;
import latentatlas.space.LatentSpace;
import latentatlas.space.LatentSpaces;
import latentatlas.spark.ParquetOutput;
import latentatlas.spark.SpaceExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code atlas spark export}: the spaces of {@code atlas merge} (same {@code --space} and
 * {@code --anchors} arguments) as Parquet: {@code OUT/rows.parquet} (chart, id, vector, label) and,
 * with anchors, {@code OUT/anchors.parquet} (chart, id, vector, position).
 */
@Command(name = "export", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Export .npy spaces to Parquet for 'atlas spark merge' and 'compare': OUT/rows.parquet"
                + " (chart, id, vector, label) and, with --anchors, OUT/anchors.parquet (each chart's anchor rows,"
                + " position = column of the atlas). Takes the arguments of 'atlas merge'."})
public final class SparkExportCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Mixin
    private SparkMasterOption master;

    @Option(names = "--space", required = true, paramLabel = "NAME=VECTORS.npy:IDS.npy[:LABELS.npy]",
            description = "A chart's absolute space; NAME becomes the chart column. Repeat for every chart.")
    private List<String> spaces;

    @Option(names = "--anchors", paramLabel = "ANCHOR_IDS.npy",
            description = "The anchors' ids (int64); every space must contain them.")
    private Path anchors;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    private Path out;

    @Override
    public void run() {
        Map<String, LatentSpace> charts = new LinkedHashMap<>();
        for (String text : spaces) {
            SpaceArgument arg = SpaceArgument.parse(text);
            if (charts.put(arg.name(), LatentSpaces.load(arg.vectors(), arg.ids(), arg.labels())) != null) {
                throw new InvalidInputException("--space: the name '" + arg.name() + "' is given twice: name every space once");
            }
        }
        Map<String, LatentSpace> anchorRows = new LinkedHashMap<>();
        if (anchors != null) {
            long[] ids = Npy.readLongs(anchors);
            charts.forEach((chart, space) -> anchorRows.put(chart, space.select("space " + chart + " (anchor ids from "
                    + anchors + ")", ids)));
        }
        long rows = charts.values().stream().mapToLong(LatentSpace::size).sum();
        master.run("export", spark -> {
            ParquetOutput.writeBucketed(SpaceExport.chartRows(spark, charts), out.resolve("rows.parquet").toString(), rows);
            if (!anchorRows.isEmpty()) {
                ParquetOutput.write(SpaceExport.anchorRows(spark, anchorRows), out.resolve("anchors.parquet").toString());
            }
        });
        spec.commandLine().getOut().printf("exported %d rows of %d charts%s -> %s%n", rows, charts.size(),
                anchors == null ? "" : " and their anchors", out);
    }
}
