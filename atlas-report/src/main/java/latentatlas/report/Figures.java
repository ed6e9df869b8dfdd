package latentatlas.report;

import latentatlas.space.LatentSpace;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The report's pictures, drawn headless with Java2D and written as PNG atomically:
 * <ul>
 *   <li>{@link #pcaScatter}: each space projected on its first two principal components
 *       ({@code Xc v_1, Xc v_2} with {@code v_k} the leading eigenvectors of the covariance of the
 *       centred data), points coloured by class, one panel per space side by side;</li>
 *   <li>{@link #tsneScatter}: each space embedded in two dimensions by Barnes-Hut t-SNE ({@link Tsne}:
 *       perplexity 30, scikit-learn's recipe), the same seeded subsample in every panel, points coloured
 *       by class, the KL divergence and trustworthiness under each panel;</li>
 *   <li>{@link #similarityMatrices}: the cosine self-similarity matrix
 *       {@code S_ij = x_i . x_j / (||x_i|| ||x_j||)}, rows and columns sorted by class, drawn from blue
 *       (-1) through white (0) to red (+1);</li>
 *   <li>{@link #bars}: grouped bar charts (e.g. accuracy total / shared / novel per space), and
 *       {@link #barsWithErrors} with a whisker on each bar (e.g. a 95% interval over seeds);</li>
 *   <li>{@link #lines}: line plots (e.g. accuracy against the number of anchors, one line per strategy).</li>
 * </ul>
 * Spaces must carry class labels. At most {@code maxPoints} samples per panel are drawn, chosen by a
 * seeded hash of their ids: the same seed draws the same picture, and panels of spaces that hold the
 * same ids show the same samples.
 */
public final class Figures {
    private Figures() {
    }

    /**
     * A labelled space to draw, with its panel title.
     *
     * @param title the panel title (cut with "..." when wider than the panel)
     * @param space the space; it must carry class labels
     */
    public record Panel(String title, LatentSpace space) {
        /** Checks that both are given and that the space is labelled. */
        public Panel {
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(space, "space");
            if (!space.hasLabels()) {
                throw new IllegalArgumentException("panel '" + title
                        + "': the space has no class labels; the figures colour and sort by class");
            }
        }
    }

    /**
     * Side-by-side 2-D PCA scatters with a legend of class indices {@code 0..classes-1}.
     *
     * @param png the picture to write
     * @param panels the spaces, left to right
     * @param classes the number of classes; every label must be in {@code [0, classes)}
     * @param maxPoints the most points per panel (a seeded subsample beyond that)
     * @param seed the subsample's seed
     */
    public static void pcaScatter(Path png, List<Panel> panels, int classes, int maxPoints, long seed) {
        if (classes < 1) {
            throw new IllegalArgumentException("classes must be at least 1, found " + classes);
        }
        pcaScatter(png, panels, IntStream.range(0, classes).mapToObj(String::valueOf).collect(Collectors.toList()),
                maxPoints, seed);
    }

    /**
     * Side-by-side 2-D PCA scatters with a legend of class names (e.g. "T-shirt/top").
     *
     * @param png the picture to write
     * @param panels the spaces, left to right
     * @param classNames the name of each class label; every label must be in {@code [0, classNames.size())}
     * @param maxPoints the most points per panel (a seeded subsample beyond that)
     * @param seed the subsample's seed
     */
    public static void pcaScatter(Path png, List<Panel> panels, List<String> classNames, int maxPoints, long seed) {
        check(panels, maxPoints);
        if (classNames.isEmpty()) {
            throw new IllegalArgumentException("classNames is empty: give one name per class");
        }
        checkLabels(panels, classNames.size());
        Scatter.draw(png, panels, List.copyOf(classNames), maxPoints, seed);
    }

    /**
     * Side-by-side 2-D t-SNE maps ({@link Tsne}, deterministic: PCA initialisation) with a legend of class
     * names. t-SNE keeps neighbourhoods, not distances: the size of a cluster and the gaps between clusters
     * mean little. Costs a few seconds per panel of 2,000 points.
     *
     * @param png the picture to write
     * @param panels the spaces, left to right
     * @param classNames the name of each class label; every label must be in {@code [0, classNames.size())}
     * @param maxPoints the most points per panel (a seeded subsample beyond that, the same samples in
     *                  every panel that holds them)
     * @param seed the subsample's seed
     */
    public static void tsneScatter(Path png, List<Panel> panels, List<String> classNames, int maxPoints, long seed) {
        check(panels, maxPoints);
        if (classNames.isEmpty()) {
            throw new IllegalArgumentException("classNames is empty: give one name per class");
        }
        checkLabels(panels, classNames.size());
        Scatter.draw(png, panels, List.copyOf(classNames), maxPoints, seed, Scatter.TSNE);
    }

    /**
     * Cosine self-similarity matrices, samples sorted by class, classes named by their label.
     *
     * @param png the picture to write
     * @param panels the spaces, left to right
     * @param maxPoints the most samples per matrix (a seeded subsample beyond that)
     * @param seed the subsample's seed
     */
    public static void similarityMatrices(Path png, List<Panel> panels, int maxPoints, long seed) {
        check(panels, maxPoints);
        SimilarityMatrix.draw(png, panels, String::valueOf, maxPoints, seed);
    }

    /**
     * Cosine self-similarity matrices, samples sorted by class, classes named on the left edge.
     *
     * @param png the picture to write
     * @param panels the spaces, left to right
     * @param classNames the name of each class label; every label must be in {@code [0, classNames.size())}
     * @param maxPoints the most samples per matrix (a seeded subsample beyond that)
     * @param seed the subsample's seed
     */
    public static void similarityMatrices(Path png, List<Panel> panels, List<String> classNames, int maxPoints,
                                          long seed) {
        check(panels, maxPoints);
        checkLabels(panels, classNames.size());
        List<String> names = List.copyOf(classNames);
        SimilarityMatrix.draw(png, panels, names::get, maxPoints, seed);
    }

    /**
     * A grouped bar chart. The axis runs from {@code min(0, smallest value)} to
     * {@code max(max, largest value)}, so that nothing is cut; missing or non-finite values are shown
     * as "n/a" instead of a bar.
     *
     * @param png the picture to write
     * @param title the chart title
     * @param groups group name (e.g. a space) to series name (e.g. "total") to value, in drawing order (series
     *               in the order they first appear): use ordered maps (LinkedHashMap), not Map.of
     * @param max the value at the top of the axis (e.g. 1 for accuracies); 0, a negative or a non-finite
     *            value scales the axis to the data
     */
    public static void bars(Path png, String title, Map<String, Map<String, Double>> groups, double max) {
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("bar chart '" + title + "' has no groups");
        }
        BarChart.draw(png, title, groups, max);
    }

    /**
     * A line plot, one line per series (e.g. probe accuracy against the number of anchors, one line per
     * anchor strategy).
     *
     * @param png the picture to write
     * @param title the plot title
     * @param xLabel the x axis's name
     * @param yLabel the y axis's name
     * @param series series name to its points, x to y (missing or non-finite y values break the line), in
     *               legend order: use ordered maps (LinkedHashMap)
     * @param logX a base-2 logarithmic x axis (every x must be positive)
     */
    public static void lines(Path png, String title, String xLabel, String yLabel,
                             Map<String, Map<Double, Double>> series, boolean logX) {
        if (series.isEmpty()) {
            throw new IllegalArgumentException("line plot '" + title + "' has no series");
        }
        LinePlot.draw(png, title, xLabel, yLabel, series, logX);
    }

    /**
     * A grouped bar chart with error bars: each bar {@code value} gets a whisker {@code value +- e} (e.g. the
     * half-width of a 95% confidence interval over seeds); a bar without an entry in {@code errors} gets none.
     *
     * @param png the picture to write
     * @param title the chart title
     * @param groups group to series to value, as {@link #bars}
     * @param errors group to series to the whisker's half-width {@code e} (missing or non-finite: none)
     * @param max the value at the top of the axis, as {@link #bars}; the axis also holds the whiskers
     */
    public static void barsWithErrors(Path png, String title, Map<String, Map<String, Double>> groups,
                                      Map<String, Map<String, Double>> errors, double max) {
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("bar chart '" + title + "' has no groups");
        }
        BarChart.draw(png, title, groups, errors, max);
    }

    private static void check(List<Panel> panels, int maxPoints) {
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("no panels to draw");
        }
        if (maxPoints < 1) {
            throw new IllegalArgumentException("maxPoints must be at least 1, found " + maxPoints);
        }
    }

    private static void checkLabels(List<Panel> panels, int classes) {
        for (Panel panel : panels) {
            LatentSpace space = panel.space();
            for (int i = 0; i < space.size(); i++) {
                if (space.label(i) < 0 || space.label(i) >= classes) {
                    throw new IllegalArgumentException("panel '" + panel.title() + "': label " + space.label(i)
                            + " of id " + space.id(i) + " is outside the " + classes + " classes [0, "
                            + classes + ")");
                }
            }
        }
    }
}
