package latentatlas.charts;

import latentatlas.io.OutputFolder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The charts and spaces of a run folder: {@code RUN/charts/task-N/} (one chart folder per task) and
 * {@code RUN/spaces/task-N/} (its embeddings). A chart folder is written completely or not at all: it
 * is filled in a temporary sibling {@code .task-N.tmp-*} that is swapped in when complete
 * ({@link OutputFolder}), so a run killed during a chart leaves no chart folder for it and resumes there.
 */
public final class ChartStore {
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
     * @param task the task index
     * @param configHash the configuration hash the chart must have been trained with
     * @return whether a complete chart for this configuration is there
     */
    public boolean isComplete(int task, String configHash) {
        Path dir = chartDir(task);
        if (!Files.isRegularFile(dir.resolve(ChartManifest.FILE)) || !Files.isRegularFile(dir.resolve(Chart.WEIGHTS))) {
            return false;
        }
        try {
            return configHash.equals(ChartManifest.read(dir).configHash());
        } catch (RuntimeException e) {
            return false;
        }
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
