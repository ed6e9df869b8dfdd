/**
 * latent-atlas: merging the latent spaces of independently trained networks into one atlas
 * (Crisostomi et al., "From charts to atlas: Merging latent spaces into one", PMLR 228, 2024).
 *
 * <p>Data flow, one package per stage: {@code dataset} and {@code tasks} (atlas-data) → {@code charts}
 * (atlas-charts) → {@code space} (absolute embeddings) → {@code relative} (relative projection on
 * anchors) → {@code atlas} (mean per sample id) → {@code metrics} (CKA, nearest centroid, k-NN, separability,
 * clustering) → {@code analyses} and {@code experiment} (atlas-experiment) → {@code report} (atlas-report).
 * The modules and where to extend them: docs/architecture.md.
 */
package latentatlas;
