package latentatlas.report;

import latentatlas.space.LatentSpace;

import java.awt.Color;
import java.awt.FontMetrics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The report's pictures, drawn headless with Java2D and written as PNG:
 * <ul>
 *   <li>{@link #pcaScatter}: each space projected on its first two principal components
 *       (see {@link Pca}), points coloured by class, one panel per space side by side;</li>
 *   <li>{@link #similarityMatrices}: the cosine self-similarity matrix
 *       {@code S_ij = x_i . x_j / (||x_i|| ||x_j||)} of a class-stratified subsample, rows and columns
 *       sorted by class, drawn from blue (-1) through white (0) to red (+1);</li>
 *   <li>{@link #bars}: grouped bar charts (e.g. accuracy total / shared / novel per space).</li>
 * </ul>
 * Spaces must be labelled. Subsampling is seeded, so the same run draws the same pictures.
 */
public final class Figures {
    private static final int PANEL = 420;
    private static final int MARGIN = 40;

    private Figures() {
    }

    /** A named space to draw. */
    public record Panel(String title, LatentSpace space) {
    }

    /**
     * Side-by-side 2-D PCA scatters, at most {@code maxPoints} points per panel (seeded subsample).
     */
    public static void pcaScatter(Path png, List<Panel> panels, int classes, int maxPoints, long seed) {
        Canvas canvas = new Canvas(panels.size() * (PANEL + MARGIN) + MARGIN, PANEL + 2 * MARGIN + 20);
        for (int p = 0; p < panels.size(); p++) {
            LatentSpace space = sample(panels.get(p).space(), maxPoints, seed);
            double[] xy = Pca.project2(space.rawVectors(), space.size(), space.dim());
            double[] box = bounds(xy);
            int x0 = MARGIN + p * (PANEL + MARGIN);
            int y0 = MARGIN;
            canvas.title(panels.get(p).title(), x0, y0 - 12);
            canvas.g.setColor(Color.LIGHT_GRAY);
            canvas.g.drawRect(x0, y0, PANEL, PANEL);
            for (int i = 0; i < space.size(); i++) {
                int px = x0 + 4 + (int) ((xy[2 * i] - box[0]) / (box[1] - box[0]) * (PANEL - 8));
                int py = y0 + PANEL - 4 - (int) ((xy[2 * i + 1] - box[2]) / (box[3] - box[2]) * (PANEL - 8));
                canvas.g.setColor(Palette.of(space.label(i), classes));
                canvas.g.fillOval(px - 2, py - 2, 4, 4);
            }
            canvas.g.setColor(Color.DARK_GRAY);
            canvas.g.drawString("PC 1", x0 + PANEL / 2 - 12, y0 + PANEL + 16);
        }
        legend(canvas, classes, MARGIN, PANEL + MARGIN + 34);
        canvas.save(png);
    }

    /** Cosine self-similarity matrices, class-sorted, of at most {@code maxPoints} samples each. */
    public static void similarityMatrices(Path png, List<Panel> panels, int maxPoints, long seed) {
        int size = 360;
        Canvas canvas = new Canvas(panels.size() * (size + MARGIN) + MARGIN, size + 2 * MARGIN);
        for (int p = 0; p < panels.size(); p++) {
            LatentSpace space = sortByLabel(sample(panels.get(p).space(), maxPoints, seed));
            int n = space.size();
            int d = space.dim();
            float[] v = space.rawVectors();
            double[] norms = new double[n];
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    s += (double) v[i * d + j] * v[i * d + j];
                }
                norms[i] = Math.sqrt(s);
            }
            int x0 = MARGIN + p * (size + MARGIN);
            canvas.title(panels.get(p).title(), x0, MARGIN - 12);
            for (int py = 0; py < size; py++) {
                int i = py * n / size;
                for (int px = 0; px < size; px++) {
                    int j = px * n / size;
                    double dot = 0;
                    for (int k = 0; k < d; k++) {
                        dot += (double) v[i * d + k] * v[j * d + k];
                    }
                    double cos = norms[i] == 0 || norms[j] == 0 ? 0 : dot / (norms[i] * norms[j]);
                    canvas.image.setRGB(x0 + px, MARGIN + py, diverging(cos));
                }
            }
        }
        canvas.save(png);
    }

    /**
     * A grouped bar chart.
     *
     * @param png the file
     * @param title the chart title
     * @param groups group name (e.g. a space) to series name (e.g. "total") to value; missing values
     *               are skipped
     * @param max the value at the top of the axis (e.g. 1 for accuracies)
     */
    public static void bars(Path png, String title, Map<String, Map<String, Double>> groups, double max) {
        List<String> series = new ArrayList<>();
        for (Map<String, Double> g : groups.values()) {
            for (String s : g.keySet()) {
                if (!series.contains(s)) {
                    series.add(s);
                }
            }
        }
        int barWidth = 18;
        int groupWidth = series.size() * barWidth + 24;
        int height = 300;
        int width = Math.max(480, MARGIN * 2 + groups.size() * groupWidth + 120);
        Canvas canvas = new Canvas(width, height + 2 * MARGIN + 40);
        canvas.title(title, MARGIN, 24);
        int base = MARGIN + height;
        canvas.g.setColor(Color.GRAY);
        canvas.g.drawLine(MARGIN, base, width - 120, base);
        for (int t = 0; t <= 4; t++) {
            int y = base - t * height / 4;
            canvas.g.setColor(new Color(230, 230, 230));
            canvas.g.drawLine(MARGIN, y, width - 120, y);
            canvas.g.setColor(Color.DARK_GRAY);
            canvas.g.drawString(String.format("%.2f", max * t / 4), 4, y + 4);
        }
        int x = MARGIN + 12;
        FontMetrics fm = canvas.g.getFontMetrics();
        for (Map.Entry<String, Map<String, Double>> g : groups.entrySet()) {
            for (int s = 0; s < series.size(); s++) {
                Double value = g.getValue().get(series.get(s));
                if (value == null || !Double.isFinite(value)) {
                    continue;
                }
                int h = (int) Math.round(Math.max(0, Math.min(value, max)) / max * height);
                canvas.g.setColor(Palette.of(s, Math.max(series.size(), 1)));
                canvas.g.fillRect(x + s * barWidth, base - h, barWidth - 2, h);
            }
            canvas.g.setColor(Color.BLACK);
            String label = g.getKey();
            canvas.g.drawString(label, x + (series.size() * barWidth - fm.stringWidth(label)) / 2, base + 16);
            x += groupWidth;
        }
        for (int s = 0; s < series.size(); s++) {
            canvas.g.setColor(Palette.of(s, Math.max(series.size(), 1)));
            canvas.g.fillRect(width - 110, MARGIN + s * 18, 12, 12);
            canvas.g.setColor(Color.BLACK);
            canvas.g.drawString(series.get(s), width - 92, MARGIN + s * 18 + 11);
        }
        canvas.save(png);
    }

    private static void legend(Canvas canvas, int classes, int x, int y) {
        if (classes > 20) {
            canvas.g.setColor(Color.DARK_GRAY);
            canvas.g.drawString(classes + " classes, one colour each", x, y);
            return;
        }
        for (int c = 0; c < classes; c++) {
            canvas.g.setColor(Palette.of(c, classes));
            canvas.g.fillRect(x + c * 44, y - 10, 10, 10);
            canvas.g.setColor(Color.BLACK);
            canvas.g.drawString(String.valueOf(c), x + c * 44 + 14, y);
        }
    }

    private static int diverging(double cos) {
        double t = Math.max(-1, Math.min(1, cos));
        int r;
        int gr;
        int b;
        if (t >= 0) {
            r = 255;
            gr = (int) Math.round(255 * (1 - t));
            b = gr;
        } else {
            b = 255;
            r = (int) Math.round(255 * (1 + t));
            gr = r;
        }
        return (r << 16) | (gr << 8) | b;
    }

    private static double[] bounds(double[] xy) {
        double[] box = {Double.MAX_VALUE, -Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE};
        for (int i = 0; i < xy.length / 2; i++) {
            box[0] = Math.min(box[0], xy[2 * i]);
            box[1] = Math.max(box[1], xy[2 * i]);
            box[2] = Math.min(box[2], xy[2 * i + 1]);
            box[3] = Math.max(box[3], xy[2 * i + 1]);
        }
        if (box[1] <= box[0]) {
            box[1] = box[0] + 1;
        }
        if (box[3] <= box[2]) {
            box[3] = box[2] + 1;
        }
        return box;
    }

    /** A seeded subsample of at most {@code max} rows (all rows when the space is smaller). */
    private static LatentSpace sample(LatentSpace space, int max, long seed) {
        if (space.size() <= max) {
            return space;
        }
        int[] rows = new int[space.size()];
        Arrays.setAll(rows, i -> i);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < max; i++) {
            int j = i + random.nextInt(rows.length - i);
            int tmp = rows[i];
            rows[i] = rows[j];
            rows[j] = tmp;
        }
        int[] chosen = Arrays.copyOf(rows, max);
        Arrays.sort(chosen);
        return space.rows(chosen);
    }

    private static LatentSpace sortByLabel(LatentSpace space) {
        Integer[] order = new Integer[space.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> a.equals(b) ? 0 : space.label(a) != space.label(b)
                ? Integer.compare(space.label(a), space.label(b)) : Integer.compare(a, b));
        return space.rows(Arrays.stream(order).mapToInt(Integer::intValue).toArray());
    }
}
