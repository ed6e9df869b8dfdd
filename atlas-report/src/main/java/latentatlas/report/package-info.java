/**
 * The reports' documents and pictures. {@link latentatlas.report.Document} is a list of typed blocks
 * (summary, notes, headings, paragraphs, {@link latentatlas.report.Table}s, figures) written as Markdown
 * and as one self-contained HTML page (pictures as {@code data:} URIs, checked by
 * {@link latentatlas.report.SelfContained}).
 *
 * <p>The pictures, drawn headless with Java2D and written as PNG (atomically): 2-D PCA
 * and Barnes-Hut t-SNE ({@link latentatlas.report.Tsne}) scatters of the end-to-end space and the atlas coloured by class, cosine self-similarity matrices
 * {@code S_ij = x_i . x_j / (||x_i|| ||x_j||)} sorted by class, and grouped bar charts of accuracy and
 * separability per space (the figures of Crisostomi et al. 2023, §4; docs/method.md §5-6).
 *
 * <p>{@link latentatlas.report.Figures} is the entry point of the pictures; the other classes are its parts:
 * {@code Pca} and {@link latentatlas.report.Tsne} (projections), {@code Subsample} (consistent seeded samples), {@code Scatter},
 * {@code SimilarityMatrix}, {@code BarChart} (one picture each), {@code Canvas} and {@code Palette}
 * (drawing).
 */
package latentatlas.report;
