/**
 * Charts: one network per task, trained from scratch on the task's samples, whose penultimate layer
 * is the task's latent space {@code e_t(x)} (docs/method.md §4; Crisostomi et al. 2023, "From charts to
 * atlas").
 *
 * <p>The data flow of the package: a {@link latentatlas.charts.ChartArchitecture} (the small CNN of
 * docs/method.md §4, {@link latentatlas.charts.SmallCnn}, on images; or the trainable head
 * {@link latentatlas.charts.MlpHead} on a frozen sentence encoder's vectors, docs/method.md §4's
 * "pretrained encoder + trainable head") is fitted to a task's training samples (its
 * input normalisation); the {@link latentatlas.charts.NetworkTrainer} trains the architecture plus a
 * linear classifier with Adam, global gradient-norm clipping and early stopping on the validation
 * loss; the {@link latentatlas.charts.ChartTrainer} does this for one {@link latentatlas.tasks.Task}
 * and returns an immutable {@link latentatlas.charts.Chart}, which embeds any samples into a
 * {@link latentatlas.space.LatentSpace} and saves itself as weights plus a {@code chart.json}
 * manifest; the {@link latentatlas.charts.ChartStore} lays charts and spaces out in a run folder,
 * writing every chart folder atomically so that a killed run resumes at the unfinished chart.
 */
package latentatlas.charts;
