/**
 * Membership: which charts embed a sample, and with what weight, when the atlas vector of a sample is
 * built as the weighted mean of its relative vectors,
 * {@code atlas(x) = sum_t w_t(x) rel_t(x) / sum_t w_t(x)}.
 *
 * <p>The paper (Crisostomi et al. 2023) decides membership from the task plan, that is from the
 * sample's label ({@link OracleMembership}), for test samples too: the atlas vector then carries the
 * task membership and through it part of the label (docs/method.md §8). The other rules decide without
 * labels, from the charts' own classifier outputs: {@link AllCharts}, {@link ExclusiveClaim},
 * {@link TopConfidence} and {@link ConfidenceWeighted}. None of them takes a label as input.
 */
package latentatlas.membership;
