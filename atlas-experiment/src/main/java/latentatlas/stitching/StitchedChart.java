package latentatlas.stitching;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One chart with the atlas head behind it, on every test sample ({@link Stitching}).
 *
 * @param chart the chart's name, e.g. {@code task-1} ({@code task-0} is the end-to-end chart)
 * @param classes the classes of the chart's task
 * @param ownClassifier the chart's own classifier (it predicts only its classes), on the same test samples;
 *     {@code null} beside the end-to-end chart, whose classifier is {@link StitchingResults#endToEndClassifier()}
 * @param stitched the head on the chart's relative vectors, {@code h(rel_t(x))}
 * @param shifted the head on the shifted vectors, {@code h(rel_t(x) + s_t)}; {@code null} when the chart
 *     shares no training sample with another chart under the head's membership (no shift is defined)
 * @param shiftSamples the shared training samples the shift {@code s_t} is the mean over
 * @param shiftNorm the Euclidean norm of {@code s_t}, or {@code null} when there is no shift
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"chart", "classes", "own_classifier", "stitched", "shifted", "shift_samples", "shift_norm"})
public record StitchedChart(String chart, int[] classes, @JsonProperty("own_classifier") ClassAccuracy ownClassifier,
                            ClassAccuracy stitched, ClassAccuracy shifted,
                            @JsonProperty("shift_samples") int shiftSamples,
                            @JsonProperty("shift_norm") Double shiftNorm) {
}
