package latentatlas.experiment;

import latentatlas.evaluation.EvaluatedSpace;
import latentatlas.evaluation.Membership;
import latentatlas.evaluation.SpaceKind;

import latentatlas.analyses.SpaceScores;
import latentatlas.dataset.Dataset;
import latentatlas.membership.AllCharts;
import latentatlas.report.Figures;
import latentatlas.space.LatentSpace;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pictures of one experiment (docs/method.md §6), in {@code RUN/figures/}: {@value #PCA} (2-D PCA of
 * the test samples in the end-to-end spaces and the atlases, coloured by class), {@value #TSNE} (a 2-D
 * Barnes-Hut t-SNE of a seeded subsample of {@value #TSNE_POINTS} of the same test samples in the same
 * spaces, as the paper shows beside PCA), {@value #SIMILARITY}
 * (their class-sorted cosine self-similarity matrices), {@value #PROTOTYPES} (2-D PCA of their class
 * prototypes, the mean test vector of each class), {@value #PROBE} and {@value #SEPARABILITY} (bars per
 * space).
 */
public final class RunFigures {
    /** PCA scatter file. */
    public static final String PCA = "pca.png";
    /** t-SNE scatter file. */
    public static final String TSNE = "tsne.png";
    /** The test samples of the t-SNE maps (a seeded subsample, the same in every panel). */
    public static final int TSNE_POINTS = 2000;
    /** Self-similarity file. */
    public static final String SIMILARITY = "similarity.png";
    /** Class-prototype PCA file. */
    public static final String PROTOTYPES = "prototypes.png";
    /** Probe accuracy bars. */
    public static final String PROBE = "probe.png";
    /** Separability bars. */
    public static final String SEPARABILITY = "separability.png";

    private RunFigures() {
    }

    /**
     * @param kind a kind of space
     * @param membership its membership mode ({@code null} for an end-to-end space)
     * @return whether such a space is a panel of the scatters and matrices: the end-to-end spaces and the
     *     atlas under {@code oracle} and under {@code all}
     */
    public static boolean pictured(SpaceKind kind, Membership membership) {
        return kind.endToEnd() || (kind == SpaceKind.ATLAS && (membership instanceof Membership.Oracle
                || membership instanceof Membership.Rule r && r.rule() instanceof AllCharts));
    }

    /**
     * @param dir the figures folder
     * @param dataset the dataset (class names)
     * @param pictured the spaces of the scatters and matrices (those {@link #pictured} selects), in order
     * @param scores the scores of every space, for the bars
     * @param seed seeds the subsamples
     */
    public static void draw(Path dir, Dataset dataset, List<EvaluatedSpace> pictured, List<SpaceScores> scores, long seed) {
        List<Figures.Panel> panels = new ArrayList<>();
        for (EvaluatedSpace s : pictured) {
            panels.add(new Figures.Panel(s.label(), s.test()));
        }
        List<Figures.Panel> prototypes = panels.stream()
                .map(p -> new Figures.Panel(p.title(), prototypes(p.space()))).toList();
        // independent pictures, each deterministic: drawn at once (the t-SNE maps take most of the time)
        List<Runnable> pictures = List.of(
                () -> Figures.tsneScatter(dir.resolve(TSNE), panels, dataset.classes(), TSNE_POINTS, seed),
                () -> Figures.pcaScatter(dir.resolve(PCA), panels, dataset.classes(), 3000, seed),
                () -> Figures.similarityMatrices(dir.resolve(SIMILARITY), panels, dataset.classes(), 800, seed),
                () -> Figures.pcaScatter(dir.resolve(PROTOTYPES), prototypes, dataset.classes(), dataset.classes().size(), seed));
        pictures.parallelStream().forEach(Runnable::run);
        Map<String, Map<String, Double>> probe = new LinkedHashMap<>();
        Map<String, Map<String, Double>> separability = new LinkedHashMap<>();
        double maxSeparability = 0;
        for (SpaceScores s : scores) {
            probe.put(s.label(), s.probe().asMap());
            separability.put(s.label(), new LinkedHashMap<>(Map.of("separability", s.separability())));
            maxSeparability = Math.max(maxSeparability, s.separability());
        }
        Figures.bars(dir.resolve(PROBE), "Probe accuracy on the test samples", probe, 1.0);
        Figures.bars(dir.resolve(SEPARABILITY), "Class separability (test samples)", separability,
                Math.max(1e-9, Math.ceil(maxSeparability * 1.1 * 10) / 10));
    }

    /** @return one row per class of {@code space}: the mean of its rows (accumulated in double), id = label = class */
    static LatentSpace prototypes(LatentSpace space) {
        int d = space.dim();
        int[] classes = Arrays.stream(space.labels()).distinct().sorted().toArray();
        double[] sums = new double[classes.length * d];
        int[] counts = new int[classes.length];
        float[] x = space.rawVectors();
        for (int i = 0; i < space.size(); i++) {
            int c = Arrays.binarySearch(classes, space.label(i));
            counts[c]++;
            for (int j = 0; j < d; j++) {
                sums[c * d + j] += x[i * d + j];
            }
        }
        float[] means = new float[sums.length];
        for (int k = 0; k < sums.length; k++) {
            means[k] = (float) (sums[k] / counts[k / d]);
        }
        return LatentSpace.of("prototypes", Arrays.stream(classes).asLongStream().toArray(), means, d,
                classes.clone());
    }
}
