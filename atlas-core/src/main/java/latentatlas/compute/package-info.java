/**
 * Moving row blocks of Java float arrays into DJL NDArrays and back, so that the heavy linear algebra
 * of the relative projection and of CKA runs as float32 matrix products in the PyTorch engine, one
 * block of rows at a time inside a scoped {@link ai.djl.ndarray.NDManager}.
 */
package latentatlas.compute;
