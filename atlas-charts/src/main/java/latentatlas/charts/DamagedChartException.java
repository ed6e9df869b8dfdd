package latentatlas.charts;

import latentatlas.InvalidInputException;
import latentatlas.io.Reasons;

import java.nio.file.Path;

/**
 * A chart folder that cannot be read back: {@code chart.json} or {@code weights.params} missing, truncated,
 * not what {@link Chart#save} writes, or weights that do not fit the manifest's network. The message is one
 * line that names the folder to delete: {@code chart folder DIR is damaged (weights.params: ends early,
 * truncated): delete the folder and train the chart again}. {@link ChartStore#reuse} treats such a folder
 * as absent (with a warning), so a run trains the chart again.
 */
public final class DamagedChartException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    /** The chart folder, as a string (so that the exception stays serializable). */
    private final String folder;
    private final String reason;

    /**
     * @param folder the chart folder
     * @param reason what is wrong, e.g. {@code chart.json: format 'x', expected 'latent-atlas chart 1'}
     * @param cause the underlying error, or null
     */
    DamagedChartException(Path folder, String reason, Throwable cause) {
        super("chart folder " + folder + " is damaged (" + reason + "): delete the folder and train the chart again", cause);
        this.folder = folder.toString();
        this.reason = reason;
    }

    /**
     * @param folder the chart folder
     * @param file the file at fault ({@code chart.json} or {@code weights.params})
     * @param cause what reading it threw
     * @return the exception, its reason in a few words
     */
    static DamagedChartException reading(Path folder, String file, Throwable cause) {
        return new DamagedChartException(folder, file + ": " + Reasons.of(cause), cause);
    }

    /** @return the damaged chart folder */
    public Path folder() {
        return Path.of(folder);
    }

    /** @return what is wrong, e.g. {@code weights.params: ends early (truncated)} */
    public String reason() {
        return reason;
    }
}
