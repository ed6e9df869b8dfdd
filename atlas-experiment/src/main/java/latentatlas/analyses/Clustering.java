package latentatlas.analyses;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * k-means with k = number of classes on the test rows of a space (docs/method.md §6), scored against the
 * classes, as {@code results.json} writes it.
 *
 * @param homogeneity {@code 1 - H(C|K) / H(C)}
 * @param completeness {@code 1 - H(K|C) / H(K)}
 * @param vMeasure the harmonic mean of homogeneity and completeness
 * @param mutualInformation {@code I(C; K)} in nats
 * @param silhouette the silhouette of the k-means clusters on a seeded subsample, or {@code null} when the
 *                   subsample has fewer than two clusters
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"homogeneity", "completeness", "v_measure", "mutual_information", "silhouette"})
public record Clustering(double homogeneity, double completeness, @JsonProperty("v_measure") double vMeasure,
                         @JsonProperty("mutual_information") double mutualInformation, Double silhouette) {
}
