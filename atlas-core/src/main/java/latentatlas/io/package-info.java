/**
 * File formats shared by every stage: NumPy {@code .npy} arrays, JSON documents with stable key
 * order, and the safe writing of outputs: atomic files ({@link latentatlas.io.AtomicFiles}, a temporary
 * file renamed into place), output folders built beside their target and swapped in whole
 * ({@link latentatlas.io.OutputFolder}), the one check of names that become file names
 * ({@link latentatlas.io.OutputNames}), and why a write failed ({@link latentatlas.io.WriteFailures}).
 * A killed run never leaves a half-written output, and nothing is written outside the output folder.
 */
package latentatlas.io;
