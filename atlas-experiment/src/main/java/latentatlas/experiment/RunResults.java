package latentatlas.experiment;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import latentatlas.analyses.SpaceScores;
import latentatlas.io.AtomicFiles;
import latentatlas.stitching.StitchingResults;
import latentatlas.tasks.Setting;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The results of one experiment, written as {@code results.json} (keys documented in the README).
 *
 * @param format {@value #FORMAT}
 * @param setting the task setting
 * @param provenance configuration, seed, profile, versions, dataset and plan fingerprints
 * @param charts one entry per chart, the end-to-end one first
 * @param spaces the analyses of every space
 * @param stitching the atlas heads behind each single chart ({@link latentatlas.stitching.Stitching}); absent in files of
 *                  earlier versions
 * @param timings seconds per stage
 * @param notes statements that qualify the numbers (e.g. the oracle routing of test samples)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunResults(String format, Setting setting, Provenance provenance, List<ChartSummary> charts,
                         List<SpaceScores> spaces, StitchingResults stitching, Map<String, Double> timings,
                         List<String> notes) {
    /** The format tag. */
    public static final String FORMAT = "latent-atlas results 1";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * A chart as the results list it.
     *
     * @param task the task index (0 = end-to-end)
     * @param kind the chart kind
     * @param classes the number of classes
     * @param testAccuracy the classifier's accuracy on its task's test samples
     * @param epochs epochs trained
     * @param trainSeconds training time
     */
    public record ChartSummary(int task, String kind, int classes, @JsonProperty("test_accuracy") double testAccuracy,
                               int epochs, @JsonProperty("train_seconds") double trainSeconds) {
    }

    /**
     * @param label a table label such as {@code atlas [oracle]}
     * @return that space's scores, or {@code null}
     */
    public SpaceScores space(String label) {
        return spaces.stream().filter(s -> s.label().equals(label)).findFirst().orElse(null);
    }

    /** Writes {@code file} atomically. */
    public void write(Path file) {
        AtomicFiles.writeString(file, toJson(this));
    }

    /** @return indented JSON of any results object */
    public static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param file a file written by {@link #write}
     * @return the results
     */
    public static RunResults read(Path file) {
        try {
            return JSON.readValue(file.toFile(), RunResults.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
