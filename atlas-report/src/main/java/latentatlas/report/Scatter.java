package latentatlas.report;

import latentatlas.space.LatentSpace;

import java.awt.Color;
import java.nio.file.Path;
import java.util.List;

/**
 * Side-by-side 2-D scatters (a {@link Projection}: {@link Pca} or {@link Tsne}), one panel per space, points coloured by class and
 * drawn in a seeded random order (so that no class hides the others by coming last), both axes on
 * the same scale (the picture does not stretch the second component), and a class legend below.
 */
final class Scatter {
    private static final int MARGIN = 20;
    static final int AXIS = 24;
    static final int PANEL = 400;
    private static final int GAP = 30;
    static final int TOP = 44;
    private static final int DOT = 5;
    /** The dot of a panel with at most {@link #FEW} points (e.g. class prototypes). */
    private static final int BIG_DOT = 14;
    private static final int FEW = 200;

    private Scatter() {
    }

    /**
     * @param xy row-major {@code n x 2} coordinates
     * @param xLabel the label under the horizontal axis
     * @param yLabel the label beside the vertical axis
     */
    record Projected(double[] xy, String xLabel, String yLabel) {
    }

    /** Maps a panel's (subsampled) rows to two coordinates. */
    interface Projection {
        Projected project(LatentSpace sample);
    }

    /** The 2-D PCA, axes labelled with their share of the variance. */
    static final Projection PCA = sample -> {
        Pca.Projection pca = Pca.project2(sample.rawVectors(), sample.size(), sample.dim());
        return new Projected(pca.xy(), axisLabel(1, pca.explained()[0]), axisLabel(2, pca.explained()[1]));
    };

    /**
     * The t-SNE maps this process computed, by {@link #contentKey}: a map depends on the rows alone, and the
     * same rows come back (the end-to-end panels of every setting of {@code atlas paper}, about 4 s of CPU
     * each). The last {@value #KEPT_MAPS} are kept, 32 KB each at 2,000 points.
     */
    private static final java.util.Map<String, Projected> TSNE_MAPS = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(java.util.Map.Entry<String, Projected> eldest) {
                    return size() > KEPT_MAPS;
                }
            });
    private static final int KEPT_MAPS = 32;

    /**
     * Barnes-Hut t-SNE with scikit-learn's defaults (perplexity 30, or {@code (n - 1) / 3} for fewer than 91
     * points), the horizontal axis labelled with the KL divergence and the trustworthiness at 10 neighbours;
     * computed once per distinct rows in a process ({@link #TSNE_MAPS}).
     */
    static final Projection TSNE = sample -> {
        String key = contentKey(sample);
        Projected known = TSNE_MAPS.get(key);
        if (known != null) {
            return known;
        }
        Projected map = tsne(sample);
        TSNE_MAPS.put(key, map);
        return map;
    };

    /** @return the SHA-256 of the rows' count, width and values (what a projection reads) */
    static String contentKey(LatentSpace sample) {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + 4 * sample.rawVectors().length)
                    .order(java.nio.ByteOrder.LITTLE_ENDIAN);
            b.putInt(sample.size()).putInt(sample.dim());
            b.asFloatBuffer().put(sample.rawVectors());
            sha.update(b.array());
            return java.util.HexFormat.of().formatHex(sha.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Projected tsne(LatentSpace sample) {
        int n = sample.size();
        if (n < 2) {
            return new Projected(new double[2 * n], "t-SNE 1", "t-SNE 2");
        }
        double perplexity = Math.min(Tsne.Config.DEFAULT.perplexity(), Math.max(1, (n - 1) / 3.0));
        Tsne.Embedding e = Tsne.embed(sample.rawVectors(), n, sample.dim(), Tsne.Config.DEFAULT.withPerplexity(
                Math.min(perplexity, n - 1.0)));
        String quality = n > 22 ? String.format(java.util.Locale.ROOT, "t-SNE 1 (KL %.2f, trustworthiness@10 %.3f)",
                e.kl(), Tsne.trustworthiness(sample.rawVectors(), n, sample.dim(), e.xy(), 10))
                : String.format(java.util.Locale.ROOT, "t-SNE 1 (KL %.2f)", e.kl());
        return new Projected(e.xy(), quality, "t-SNE 2");
    }

    static void draw(Path png, List<Figures.Panel> panels, List<String> classNames, int maxPoints, long seed) {
        draw(png, panels, classNames, maxPoints, seed, PCA);
    }

    static void draw(Path png, List<Figures.Panel> panels, List<String> classNames, int maxPoints, long seed,
                     Projection projection) {
        int classes = classNames.size();
        int width = 2 * MARGIN + panels.size() * (AXIS + PANEL + GAP) - GAP;
        Legend legend = new Legend(classNames, width - 2 * MARGIN);
        int legendTop = TOP + PANEL + 34;
        Canvas canvas = new Canvas(width, legendTop + legend.height() + MARGIN);
        // the projections are independent and pure (t-SNE is seconds per panel): computed in parallel, drawn in order
        List<LatentSpace> samples = panels.stream()
                .map(panel -> panel.space().rows(Subsample.rows(panel.space(), maxPoints, seed))).toList();
        List<Projected> projections = samples.parallelStream()
                .map(sample -> sample.size() == 0 ? null : projection.project(sample)).toList();
        for (int p = 0; p < panels.size(); p++) {
            Figures.Panel panel = panels.get(p);
            int x0 = panelX(p);
            canvas.title(panel.title(), x0, TOP - 14, PANEL);
            canvas.g.setColor(Color.LIGHT_GRAY);
            canvas.g.drawRect(x0, TOP, PANEL, PANEL);
            LatentSpace space = panel.space();
            if (space.size() == 0) {
                canvas.g.setColor(Color.DARK_GRAY);
                canvas.g.drawString("(no samples)", x0 + PANEL / 2 - 36, TOP + PANEL / 2);
                continue;
            }
            Projected projected = projections.get(p);
            points(canvas, samples.get(p), projected.xy(), classes, x0);
            canvas.g.setColor(Color.DARK_GRAY);
            int xWidth = Canvas.width(projected.xLabel(), Canvas.PLAIN);
            canvas.g.drawString(projected.xLabel(), x0 + (PANEL - xWidth) / 2, TOP + PANEL + 18);
            int yWidth = Canvas.width(projected.yLabel(), Canvas.PLAIN);
            canvas.rotated(projected.yLabel(), x0 - 8, TOP + (PANEL + yWidth) / 2, -Math.PI / 2);
        }
        legend.draw(canvas, MARGIN + AXIS, legendTop);
        canvas.save(png);
    }

    /** @return the x of the left edge of panel {@code p}'s plot */
    static int panelX(int p) {
        return MARGIN + AXIS + p * (AXIS + PANEL + GAP);
    }

    private static void points(Canvas canvas, LatentSpace sample, double[] xy, int classes, int x0) {
        double[] box = {Double.MAX_VALUE, -Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE};
        for (int i = 0; i < sample.size(); i++) {
            box[0] = Math.min(box[0], xy[2 * i]);
            box[1] = Math.max(box[1], xy[2 * i]);
            box[2] = Math.min(box[2], xy[2 * i + 1]);
            box[3] = Math.max(box[3], xy[2 * i + 1]);
        }
        double range = Math.max(box[1] - box[0], box[3] - box[2]);
        int dot = sample.size() <= FEW ? BIG_DOT : DOT;
        double scale = range > 0 ? (PANEL - 2 * dot) / range : 0;
        double cx = (box[0] + box[1]) / 2;
        double cy = (box[2] + box[3]) / 2;
        for (int i = 0; i < sample.size(); i++) {
            int px = (int) Math.round(x0 + PANEL / 2.0 + (xy[2 * i] - cx) * scale);
            int py = (int) Math.round(TOP + PANEL / 2.0 - (xy[2 * i + 1] - cy) * scale);
            Color c = Palette.of(sample.label(i), classes);
            canvas.g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 210));
            canvas.g.fillOval(px - dot / 2, py - dot / 2, dot, dot);
        }
    }

    private static String axisLabel(int component, double explained) {
        return String.format(java.util.Locale.ROOT, "PC %d (%.1f%% of variance)", component, 100 * explained);
    }
}
