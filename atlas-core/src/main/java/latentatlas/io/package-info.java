/**
 * File formats shared by every stage: NumPy {@code .npy} arrays, JSON documents with stable key
 * order, and the safe writing of outputs: atomic files ({@link latentatlas.io.AtomicFiles}, a temporary
 * file renamed into place), output folders built beside their target and swapped in whole
 * ({@link latentatlas.io.OutputFolder}), the one check of names that become file names
 * ({@link latentatlas.io.OutputNames}), and why a write failed ({@link latentatlas.io.WriteFailures}).
 * The lock that gives a run folder one writer at a time ({@link latentatlas.io.RunLock}), and the few
 * words that say why a saved file did not read back ({@link latentatlas.io.Reasons}).
 * A killed run never leaves a half-written output, and nothing is written outside the output folder.
 * Reading an {@code .npy} file is one validation layer ({@code Npy}, its header
 * dict parsed by {@code HeaderDict}): every header field numpy checks, exact overflow-checked byte
 * counts, and the dtypes and shapes a reader accepts, each violation one line naming the file and the field.
 */
package latentatlas.io;
