package latentatlas.stitching;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * The stitching section of {@code results.json} ({@link Stitching}). Every stitched test vector is one
 * chart's own relative vector (plus a shift fitted on training rows), so every {@code stitched} and
 * {@code shifted} accuracy is label-free: deployable with that single chart.
 *
 * @param endToEndClassifier the end-to-end model's own classifier on the same test samples (all classes;
 *     {@code own_classes} is every class)
 * @param heads one atlas head per membership mode of its training rows
 */
@JsonPropertyOrder({"end_to_end_classifier", "heads"})
public record StitchingResults(@JsonProperty("end_to_end_classifier") ClassAccuracy endToEndClassifier,
                               List<StitchedHead> heads) {
}
