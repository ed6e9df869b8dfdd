/**
 * The spaces an experiment evaluates: each chart's outputs on every sample ({@link
 * latentatlas.evaluation.ChartBank}), the evaluation samples of a plan ({@link
 * latentatlas.evaluation.EvaluationSet}) and, built from them, the end-to-end, atlas, naive and
 * task-id spaces ({@link latentatlas.evaluation.SpaceBuilder}; docs/method.md §5). Space kinds
 * ({@link latentatlas.evaluation.SpaceKind}) and membership modes ({@link latentatlas.evaluation.Membership})
 * are parsed once from their names; inside, they are compared as constants and types.
 */
package latentatlas.evaluation;
