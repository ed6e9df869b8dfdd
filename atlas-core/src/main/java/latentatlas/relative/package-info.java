/**
 * Relative representations (Moschella et al., ICLR 2023; docs/method.md §2): a sample is described
 * by its similarities to a fixed set of anchor samples embedded by the same chart,
 * {@code rel(x) = sim(T(x), T(a_1)), ..., sim(T(x), T(a_k))}, where {@code T} is an optional
 * normalization fitted on the anchors (centring or standard scaling). The paper's similarity is the
 * cosine, {@code rel(x) = normalize(x) . normalize(A)^T}, invariant to rotations and isotropic scaling
 * of the absolute space (and, with centring, to translations). Fitting
 * ({@link latentatlas.relative.RelativeProjection}) is separate from the fitted, immutable
 * {@link latentatlas.relative.RelativeProjector}; the product of a projection is a
 * {@link latentatlas.relative.RelativeSpace}, which remembers its anchors.
 */
package latentatlas.relative;
