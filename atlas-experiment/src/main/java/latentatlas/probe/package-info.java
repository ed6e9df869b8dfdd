/**
 * The classification probe of docs/method.md §6: a small classifier trained on one latent space and
 * evaluated on another, which judges how much class information a space (end-to-end, relative, naive,
 * atlas) carries. Network: {@code InstanceNorm -> Linear(d, 256) -> ReLU -> Linear(256, |C|)}; Adam
 * 1e-3, batch 128, early stopping on a seeded 10% validation split (patience 10, at most 100 epochs),
 * trained with the charts' {@link latentatlas.charts.NetworkTrainer}.
 */
package latentatlas.probe;
