package latentatlas.experiment;

import ai.djl.engine.Engine;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import latentatlas.tasks.Setting;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where a number comes from (after Tribuo's {@code ModelProvenance}): the configuration, the seed, the
 * dataset and plan fingerprints and the environment, recorded with every result as the
 * {@code provenance} object of {@code results.json} (keys in this order). Unknown keys of a file written
 * by another version are ignored on reading.
 *
 * @param dataset the dataset's name
 * @param datasetFingerprint the dataset's fingerprint
 * @param setting the task setting
 * @param parameters the plan's parameters (see {@link latentatlas.tasks.TaskPlan#parameters()})
 * @param anchorSelection how the plan's anchors were chosen ({@link latentatlas.anchors.AnchorStrategy}:
 *     random, stratified, kmeans or farthest; the distance strategies measure the end-to-end chart's
 *     input: pixels, or its encoder's vectors); {@code null} in files written before strategies existed
 *     (random), and then left out on writing
 * @param planSha256 SHA-256 of the plan's JSON text
 * @param seed the seed of the plan, the training and the analyses
 * @param profile the profile's label
 * @param deterministic whether PyTorch ran on one thread
 * @param memberships the membership modes' names
 * @param aggregations the atlas aggregations evaluated under every mode ({@code mean} first); absent in
 *                     files of earlier versions
 * @param endToEndChart the end-to-end chart's kind
 * @param charts the task charts' kinds, cycled over the tasks
 * @param chartTraining the task charts' training configuration (the first task's: under the quick profile's
 *                      step floor a smaller task may train more epochs; each chart's manifest has its own)
 * @param endToEndTraining the end-to-end chart's training configuration
 * @param probeTraining the probes' training configuration
 * @param knnReferenceRows which training rows the 10-NN classifier searches
 * @param relative how the relative spaces are built
 * @param environment library, runtime and machine facts
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"dataset", "dataset_fingerprint", "setting", "parameters", "anchor_selection", "plan_sha256", "seed", "profile",
        "deterministic", "memberships", "aggregations", "end_to_end_chart", "charts", "chart_training", "end_to_end_training",
        "probe_training", "knn_reference_rows", "relative", "environment"})
public record Provenance(String dataset, @JsonProperty("dataset_fingerprint") String datasetFingerprint,
                         Setting setting, Map<String, Object> parameters,
                         @JsonProperty("anchor_selection") @JsonInclude(JsonInclude.Include.NON_NULL)
                         String anchorSelection,
                         @JsonProperty("plan_sha256") String planSha256, long seed, String profile,
                         boolean deterministic, List<String> memberships,
                         @JsonInclude(JsonInclude.Include.NON_NULL) List<String> aggregations,
                         @JsonProperty("end_to_end_chart") String endToEndChart, List<String> charts,
                         @JsonProperty("chart_training") String chartTraining,
                         @JsonProperty("end_to_end_training") String endToEndTraining,
                         @JsonProperty("probe_training") String probeTraining,
                         @JsonProperty("knn_reference_rows") String knnReferenceRows, String relative,
                         Environment environment) {
    /**
     * The versions of the tool, DJL, PyTorch and Java, the operating system and processor count.
     *
     * @param latentAtlas this library's version
     * @param djl DJL's version
     * @param pytorch the PyTorch engine's version
     * @param java the Java version and vendor
     * @param os the operating system's name, version and architecture
     * @param processors the processors available to the JVM
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonPropertyOrder({"latent_atlas", "djl", "pytorch", "java", "os", "processors"})
    public record Environment(@JsonProperty("latent_atlas") String latentAtlas, String djl, String pytorch,
                              String java, String os, int processors) {
        /** @return the facts of this JVM and machine */
        public static Environment current() {
            String version = Provenance.class.getPackage().getImplementationVersion();
            return new Environment(version == null ? "0.1.0-SNAPSHOT" : version, Engine.getDjlVersion(),
                    Engine.getEngine("PyTorch").getVersion(),
                    System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
                    System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                            + System.getProperty("os.arch"),
                    Runtime.getRuntime().availableProcessors());
        }

        /** @return {@code {latent_atlas=..., djl=..., pytorch=..., java=..., os=..., processors=...}}, as reports print it */
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "{latent_atlas=%s, djl=%s, pytorch=%s, java=%s, os=%s, processors=%d}",
                    latentAtlas, djl, pytorch, java, os, processors);
        }
    }
}
