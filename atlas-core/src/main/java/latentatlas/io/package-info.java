/**
 * File formats shared by every stage: NumPy {@code .npy} arrays, JSON documents with stable key
 * order, and atomic writes (a temporary file renamed into place, so that a killed run never leaves a
 * half-written output).
 */
package latentatlas.io;
