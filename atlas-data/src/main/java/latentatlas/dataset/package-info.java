/**
 * Datasets: labelled samples (images as uint8 tensors, or sentences) with stable global int64 ids,
 * read from real files (IDX, CIFAR binary, image folders, CLINC150 JSON, Banking77 CSV) by
 * {@link latentatlas.dataset.Datasets#open(String)}; nothing is cached on disk. A third kind of
 * samples, float32 feature vectors, holds what a frozen encoder made of a text dataset (built by
 * {@code latentatlas.text.EncodedDataset}, same ids and labels).
 *
 * <p>Global ids: the training split takes ids {@code 0 .. n_train-1}, the test split
 * {@code n_train .. n_train+n_test-1}, further splits (CLINC150's {@code validation}) follow. The
 * fingerprint of a dataset is a SHA-256 over the names and SHA-256 of the files read, in read order.
 * Malformed input (wrong magic number, truncated file, count mismatch, label out of range, unreadable
 * image) is a one-line {@link latentatlas.InvalidInputException} naming the file.
 */
package latentatlas.dataset;
