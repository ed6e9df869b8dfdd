/**
 * The report: pictures (PNG, drawn with Java2D, headless) and tables (Markdown and HTML) of an
 * experiment's results: 2-D PCA scatters of the end-to-end space and the atlas coloured by class,
 * cosine self-similarity matrices sorted by class, and bar charts of accuracy and separability per
 * space (the figures of Crisostomi et al. 2023, §4).
 */
package latentatlas.report;
