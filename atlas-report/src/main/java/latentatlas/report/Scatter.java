package latentatlas.report;

import latentatlas.space.LatentSpace;

import java.awt.Color;
import java.nio.file.Path;
import java.util.List;

/**
 * Side-by-side 2-D PCA scatters ({@link Pca}), one panel per space, points coloured by class and
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

    static void draw(Path png, List<Figures.Panel> panels, List<String> classNames, int maxPoints, long seed) {
        int classes = classNames.size();
        int width = 2 * MARGIN + panels.size() * (AXIS + PANEL + GAP) - GAP;
        Legend legend = new Legend(classNames, width - 2 * MARGIN);
        int legendTop = TOP + PANEL + 34;
        Canvas canvas = new Canvas(width, legendTop + legend.height() + MARGIN);
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
            int[] rows = Subsample.rows(space, maxPoints, seed);
            LatentSpace sample = space.rows(rows);
            Pca.Projection pca = Pca.project2(sample.rawVectors(), sample.size(), sample.dim());
            points(canvas, sample, pca.xy(), classes, x0);
            canvas.g.setColor(Color.DARK_GRAY);
            canvas.g.drawString(axisLabel(1, pca.explained()[0]), x0 + PANEL / 2 - 60, TOP + PANEL + 18);
            canvas.rotated(axisLabel(2, pca.explained()[1]), x0 - 8, TOP + PANEL / 2 + 60, -Math.PI / 2);
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
