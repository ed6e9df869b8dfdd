/**
 * Measures of latent spaces (method.md section 6). Centred kernel alignment (Kornblith et al., ICML
 * 2019): linear CKA in feature form {@code ||Yc^T Xc||_F^2 / (||Xc^T Xc||_F ||Yc^T Yc||_F)}, streamed
 * over row blocks; debiased linear CKA with the unbiased HSIC estimator (Song et al., JMLR 2012;
 * Nguyen et al., ICLR 2021); RBF CKA with the median-distance bandwidth. Two spaces are compared on
 * the same sample ids, joined by id.
 */
package latentatlas.metrics;
