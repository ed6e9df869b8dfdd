/**
 * File formats shared by every stage: NumPy {@code .npy} arrays, JSON documents with stable key
 * order, and atomic writes (a temporary file renamed into place, so that a killed run never leaves a
 * half-written output), the lock that gives a run folder one writer at a time ({@link latentatlas.io.RunLock}),
 * and the few words that say why a saved file did not read back ({@link latentatlas.io.Reasons}).
 */
package latentatlas.io;
