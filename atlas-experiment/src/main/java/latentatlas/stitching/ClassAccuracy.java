package latentatlas.stitching;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import latentatlas.metrics.Accuracy;

import java.util.Arrays;
import java.util.HashSet;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * A classifier's accuracy on the test samples: on all of them, on the samples of a chart's own classes
 * and on those of the classes the chart never saw (its task does not have them). A part with no sample
 * (e.g. no unseen class in the disjoint-samples setting, where every chart has every class) is
 * {@code null} and absent from {@code results.json}.
 *
 * @param all accuracy on every test sample
 * @param own accuracy on the samples of the chart's classes, or {@code null}
 * @param unseen accuracy on the samples of the other classes, or {@code null}
 * @param samples the number of test samples
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"all", "own_classes", "unseen_classes", "samples"})
public record ClassAccuracy(double all, @JsonProperty("own_classes") Double own,
                            @JsonProperty("unseen_classes") Double unseen, int samples) {
    /**
     * @param truth each test sample's class
     * @param predicted the predicted class of each
     * @param own the chart's classes
     * @return the accuracy on all samples, on those of {@code own} and on the others
     */
    public static ClassAccuracy of(int[] truth, int[] predicted, int[] own) {
        Set<Integer> ownSet = new HashSet<>();
        Arrays.stream(own).forEach(ownSet::add);
        Set<Integer> unseenSet = new HashSet<>();
        Arrays.stream(truth).filter(c -> !ownSet.contains(c)).forEach(unseenSet::add);
        return new ClassAccuracy(Accuracy.of(truth, predicted), on(truth, predicted, ownSet),
                on(truth, predicted, unseenSet), truth.length);
    }

    /** @return the accuracy on the samples of {@code classes}; {@code null} when none (an empty set keeps none) */
    private static Double on(int[] truth, int[] predicted, Set<Integer> classes) {
        OptionalDouble value = classes.isEmpty() ? OptionalDouble.empty() : Accuracy.on(truth, predicted, classes);
        return value.isPresent() ? value.getAsDouble() : null;
    }
}
