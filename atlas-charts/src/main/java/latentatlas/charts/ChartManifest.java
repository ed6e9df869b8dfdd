package latentatlas.charts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import latentatlas.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A chart's {@code chart.json}: everything needed to rebuild the network and to trace the numbers.
 *
 * @param format {@value #FORMAT}
 * @param task the task index (0 = end-to-end)
 * @param classes the local label map: {@code classes[i]} is the global class of local label i
 * @param architecture the architecture's description ({@link NetworkArchitecture#describe()}),
 *     including the input shape and normalisation
 * @param embeddingDim the embedding width
 * @param training the training configuration (seed included)
 * @param augmentation the augmentation used, or {@code none}
 * @param history one record per epoch
 * @param bestEpoch the epoch whose weights were kept
 * @param stopReason why training stopped
 * @param trainSeconds wall time of the training
 * @param metrics e.g. {@code testAccuracy}
 * @param versions DJL, engine, Java and OS versions
 * @param dataset the dataset name and fingerprint
 * @param planFingerprint SHA-256 of the plan the chart was trained from
 * @param configHash SHA-256 of plan, task, architecture and training configuration: a chart is reused only
 *     when it matches
 */
public record ChartManifest(String format, int task, int[] classes, Map<String, Object> architecture, int embeddingDim,
                            TrainingConfig training, String augmentation, List<EpochRecord> history, int bestEpoch,
                            String stopReason, double trainSeconds, Map<String, Double> metrics,
                            Map<String, String> versions, String dataset, String planFingerprint, String configHash) {
    /** The format tag. */
    public static final String FORMAT = "latent-atlas chart 1";
    /** The manifest's file name in a chart folder. */
    public static final String FILE = "chart.json";

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Writes {@code dir/chart.json} atomically. */
    public void write(Path dir) {
        try {
            AtomicFiles.writeString(dir.resolve(FILE), JSON.writeValueAsString(this));
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise the chart manifest", e);
        }
    }

    /**
     * @param dir a chart folder
     * @return its manifest
     * @throws DamagedChartException when it is missing, unreadable or not a chart manifest
     */
    public static ChartManifest read(Path dir) {
        ChartManifest m;
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(dir.resolve(FILE))) {
            m = JSON.readValue(in, ChartManifest.class);
        } catch (IOException | RuntimeException e) {
            throw DamagedChartException.reading(dir, FILE, e);
        }
        if (m == null || !FORMAT.equals(m.format())) {
            throw new DamagedChartException(dir, FILE + ": format '" + (m == null ? null : m.format()) + "', expected '"
                    + FORMAT + "'", null);
        }
        if (m.classes() == null || m.architecture() == null || m.configHash() == null) {
            throw new DamagedChartException(dir, FILE + ": the classes, the architecture or the configuration hash"
                    + " is missing", null);
        }
        return m;
    }
}
