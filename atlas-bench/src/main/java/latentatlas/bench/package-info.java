/**
 * Benchmarks, outside the library jars: {@code atlas bench core} (projection, CKA, k-means and
 * silhouette beside their bare matrix products), {@code atlas bench train} (the production chart
 * schedule beside the PyTorch script {@code bench/torch_train.py} training the same charts) and
 * {@code atlas bench spark} (the distributed merge and CKA). Each prints ratios against a baseline
 * measured in the same run, never absolute targets.
 */
package latentatlas.bench;
