/**
 * The spaces an experiment evaluates: each chart's outputs on every sample ({@link
 * latentatlas.evaluation.ChartBank}), the evaluation samples of a plan ({@link
 * latentatlas.evaluation.EvaluationSet}) and, built from them, the end-to-end, atlas, naive and
 * task-id spaces ({@link latentatlas.evaluation.SpaceBuilder}; docs/method.md §5). The chart kinds
 * (small CNN on images, frozen encoder plus MLP head on texts; docs/method.md §4) are resolved by name in
 * {@link latentatlas.evaluation.ChartKinds}. Space kinds
 * ({@link latentatlas.evaluation.SpaceKind}) and membership modes ({@link latentatlas.evaluation.Membership})
 * are parsed once from their names; inside, they are compared as constants and types.
 */
package latentatlas.evaluation;
