package latentatlas.experiment;

import latentatlas.io.AtomicFiles;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The results of {@code atlas paper}, written as {@code OUT/results.json}.
 *
 * @param format {@value #FORMAT}
 * @param dataset the dataset
 * @param runs each setting's results (the same as {@code OUT/SETTING/results.json})
 * @param claims the paper's claims beside ours, per membership mode
 */
public record PaperResults(String format, String dataset, Map<String, RunResults> runs, List<Claim> claims) {
    /** The format tag. */
    public static final String FORMAT = "latent-atlas paper results 1";

    /** Writes {@code file} atomically. */
    public void write(Path file) {
        AtomicFiles.writeString(file, RunResults.toJson(this));
    }
}
