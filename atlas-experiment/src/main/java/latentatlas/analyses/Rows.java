package latentatlas.analyses;

/**
 * The rows of a space (a naive space has one row per member chart and sample).
 *
 * @param train training rows
 * @param test test rows
 */
public record Rows(int train, int test) {
}
