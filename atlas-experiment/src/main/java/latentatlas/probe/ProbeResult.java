package latentatlas.probe;

import java.util.Map;

/**
 * A probe's accuracy on an evaluation space.
 *
 * @param accuracy the fraction of all evaluated samples classified correctly
 * @param samples the number of evaluated samples
 * @param subsets accuracy on the samples of each named class subset (e.g. {@code shared}, {@code novel});
 *     NaN for a subset with no samples
 * @param epochs the epochs the probe was trained
 * @param bestEpoch the epoch whose weights it kept
 */
public record ProbeResult(double accuracy, int samples, Map<String, Double> subsets, int epochs, int bestEpoch) {
}
