package latentatlas.charts;

import latentatlas.io.OutputFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The charts and spaces of a run folder: {@code RUN/charts/task-N/} (one chart folder per task) and
 * {@code RUN/spaces/task-N/} (its embeddings). A chart folder is written completely or not at all: it
 * is filled in a temporary sibling {@code .task-N.tmp-*} that is swapped in when complete
 * ({@link OutputFolder}), so a run killed during a chart leaves no chart folder for it and resumes there.
 */
public final class ChartStore {
    private static final Logger LOG = LoggerFactory.getLogger(ChartStore.class);
    private final Path run;

    /** @param run the run folder */
    public ChartStore(Path run) {
        this.run = run;
    }

    /** @return the run folder */
    public Path run() {
        return run;
    }

    /** @return the folder of task {@code task}'s chart */
    public Path chartDir(int task) {
        return run.resolve("charts").resolve("task-" + task);
    }

    /** @return the folder of task {@code task}'s spaces */
    public Path spacesDir(int task) {
        return run.resolve("spaces").resolve("task-" + task);
    }

    /**
     * The stored chart of a task, when it was trained with this configuration and reads back whole. A chart
     * folder that is there but damaged ({@link DamagedChartException}: a file missing, truncated or garbled)
     * is logged as a warning naming it and counts as absent, so that the caller trains the chart again and
     * {@link #write} replaces the folder.
     *
     * @param task the task index
     * @param configHash the configuration hash the chart must have been trained with
     * @return the chart (close it), or empty when there is none of this configuration
     */
    public Optional<Chart> reuse(int task, String configHash) {
        Path dir = chartDir(task);
        if (!Files.exists(dir)) {
            return Optional.empty();
        }
        Chart chart;
        try {
            chart = Chart.load(dir);
        } catch (DamagedChartException e) {
            LOG.warn("chart folder {} is damaged ({}); training it again", e.folder(), e.reason());
            return Optional.empty();
        }
        if (!configHash.equals(chart.manifest().configHash())) {
            chart.close();
            return Optional.empty();
        }
        return Optional.of(chart);
    }

    /**
     * @param task the task index
     * @param configHash the configuration hash the chart must have been trained with
     * @return whether a complete chart for this configuration is there ({@link #reuse})
     */
    public boolean isComplete(int task, String configHash) {
        Optional<Chart> chart = reuse(task, configHash);
        chart.ifPresent(Chart::close);
        return chart.isPresent();
    }

    /**
     * Writes a chart folder atomically: {@code writer} fills a temporary folder, which then replaces
     * the chart folder.
     *
     * @param task the task index
     * @param writer fills the folder it is given
     */
    public void write(int task, Consumer<Path> writer) {
        OutputFolder.write(chartDir(task), Set.of(ChartManifest.FILE, Chart.WEIGHTS), writer);
    }
}
