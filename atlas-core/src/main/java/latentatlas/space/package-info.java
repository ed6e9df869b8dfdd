/**
 * Latent spaces: a set of samples (stable int64 ids), their vectors (float32, n x d, row-major) and
 * optional class labels, with NumPy {@code .npy} input and output so that Python users can hand
 * spaces in and take them out (format: numpy.lib.format, version 1.0-3.0).
 */
package latentatlas.space;
