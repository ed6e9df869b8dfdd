package latentatlas.cli;

import latentatlas.InvalidInputException;
import latentatlas.dataset.Dataset;
import latentatlas.dataset.Datasets;
import latentatlas.tasks.DatasetLabels;
import latentatlas.tasks.TaskPlan;
import latentatlas.tasks.TaskPlanJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A run folder's plan: {@code RUN/plan.json} (a copy of the plan the charts were trained from), its
 * SHA-256 fingerprint, and the dataset it divides; the plan is read through {@link TaskPlanJson#read}, so it
 * was made for this dataset (same fingerprint) and passes every safety check of its setting.
 *
 * @param plan the plan
 * @param fingerprint SHA-256 (hex) of the plan file's bytes
 * @param dataset the dataset, fully read
 */
record RunFolder(TaskPlan plan, String fingerprint, Dataset dataset) {
    /** The plan's file name inside a run folder. */
    static final String PLAN = "plan.json";

    /**
     * @param planFile a plan written by {@code atlas tasks}
     * @param datasetSpec the dataset to open, or {@code null} for the plan's own
     * @return the plan, its fingerprint and its dataset
     */
    static RunFolder open(Path planFile, String datasetSpec) {
        if (!Files.exists(planFile)) {
            throw new InvalidInputException("plan " + planFile + " does not exist: write one with atlas tasks --out");
        }
        if (!Files.isRegularFile(planFile)) {
            throw new InvalidInputException("plan " + planFile + " is not a file (a folder or a device): give the"
                    + " plan.json that atlas tasks --out wrote");
        }
        String planned = TaskPlanJson.datasetOf(planFile); // a malformed plan fails before the dataset is read
        Dataset dataset = Datasets.open(datasetSpec == null ? planned : datasetSpec);
        TaskPlan plan = TaskPlanJson.read(planFile, DatasetLabels.of(dataset));
        return new RunFolder(plan, sha256(planFile), dataset);
    }

    private static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
