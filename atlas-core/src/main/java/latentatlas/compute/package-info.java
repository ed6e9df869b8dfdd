/**
 * Moving row blocks of Java float arrays into DJL NDArrays and back, so that the heavy linear algebra
 * of the relative projection and of CKA runs as float32 matrix products in the PyTorch engine, one
 * block of rows at a time inside a scoped {@link ai.djl.ndarray.NDManager}: {@link latentatlas.compute.Blocks}
 * (one copy each way), {@link latentatlas.compute.StagedRows} (a reused native staging buffer, no
 * allocation per block) and {@link latentatlas.compute.GramSum} (sums of block products
 * {@code sum_b L_b^T R_b} kept in float64, the upper tiles only for a Gram {@code X^T X}).
 */
package latentatlas.compute;
