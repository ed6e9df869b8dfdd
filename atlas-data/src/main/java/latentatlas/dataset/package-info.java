/**
 * Datasets: labelled samples (images as uint8 tensors, or sentences) with stable global int64 ids,
 * read from real files (IDX, CIFAR binary, image folders, CLINC150 / Banking77 JSON and CSV).
 *
 * <p>Global ids: the training split takes ids {@code 0 .. n_train-1}, the test split
 * {@code n_train .. n_train+n_test-1}, further splits (e.g. CLINC150's validation) follow in the
 * order the reader documents.
 */
package latentatlas.dataset;
