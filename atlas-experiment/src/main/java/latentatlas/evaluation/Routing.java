package latentatlas.evaluation;

/**
 * How well a label-free rule routes the test samples (docs/method.md §8), as {@code results.json}
 * writes it.
 *
 * @param recall the fraction of samples whose chosen charts include one that has the sample's class
 * @param top1 the fraction of samples whose most weighted chart has the sample's class
 * @param charts the mean number of charts per sample
 */
public record Routing(double recall, double top1, double charts) {
}
