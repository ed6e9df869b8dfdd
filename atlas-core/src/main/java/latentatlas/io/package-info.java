/**
 * File formats shared by every stage: NumPy {@code .npy} arrays, JSON documents with stable key
 * order, and atomic writes (a temporary file renamed into place, so that a killed run never leaves a
 * half-written output). Reading an {@code .npy} file is one validation layer ({@code Npy}, its header
 * dict parsed by {@code HeaderDict}): every header field numpy checks, exact overflow-checked byte
 * counts, and the dtypes and shapes a reader accepts, each violation one line naming the file and the field.
 */
package latentatlas.io;
