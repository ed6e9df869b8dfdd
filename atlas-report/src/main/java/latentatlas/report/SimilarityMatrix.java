package latentatlas.report;

import latentatlas.space.LatentSpace;

import java.awt.Color;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * Cosine self-similarity matrices, one panel per space: {@code S_ij = x_i . x_j / (||x_i|| ||x_j||)}
 * (0 when a vector has zero norm: it has no direction) over a seeded subsample ({@link Subsample}),
 * rows and columns sorted by class, drawn from blue (-1) through white (0) to red (+1) with a colour
 * bar. With more samples than pixels a pixel shows the mean of the block of {@code S} it covers (no
 * sample is skipped); with fewer, each sample spans several pixels. Class boundaries are ticked on the
 * left and top edges and classes tall enough are named on the left.
 */
final class SimilarityMatrix {
    private static final int MARGIN = 20;
    static final int SIZE = 360;
    private static final int GAP = 30;
    static final int TOP = 44;
    private static final int MAX_LABEL = 110;
    private static final int BAR = 14;

    private SimilarityMatrix() {
    }

    /**
     * @param className the name shown for a class label
     */
    static void draw(Path png, List<Figures.Panel> panels, IntFunction<String> className, int maxPoints, long seed) {
        int left = labelColumn(panels, className);
        int block = left + SIZE + GAP;
        int width = MARGIN + panels.size() * block + BAR + 40;
        Canvas canvas = new Canvas(width, TOP + SIZE + MARGIN + 16);
        for (int p = 0; p < panels.size(); p++) {
            Figures.Panel panel = panels.get(p);
            int x0 = matrixX(left, p);
            canvas.title(panel.title(), x0, TOP - 14, SIZE);
            LatentSpace space = panel.space();
            int[] rows = Subsample.byLabel(space, Subsample.rows(space, maxPoints, seed));
            if (rows.length == 0) {
                canvas.g.setColor(Color.DARK_GRAY);
                canvas.g.drawString("(no samples)", x0 + SIZE / 2 - 36, TOP + SIZE / 2);
                continue;
            }
            LatentSpace sample = space.rows(rows);
            paint(canvas, cosines(sample), sample.size(), x0);
            classTicks(canvas, sample, className, x0);
        }
        colourBar(canvas, MARGIN + panels.size() * block - GAP + 16);
        canvas.g.setColor(Color.DARK_GRAY);
        canvas.g.setFont(Canvas.SMALL);
        canvas.g.drawString("cosine similarity, samples sorted by class", MARGIN, TOP + SIZE + 18);
        canvas.save(png);
    }

    /** @return the width left of each matrix for the class names */
    static int labelColumn(List<Figures.Panel> panels, IntFunction<String> className) {
        return panels.stream().flatMapToInt(panel -> IntStream.of(panel.space().labels())).distinct()
                .map(label -> Canvas.width(Canvas.fit(className.apply(label), Canvas.SMALL, MAX_LABEL), Canvas.SMALL))
                .max().orElse(0) + 10;
    }

    /** @return the x of the left edge of the matrix of panel {@code p} */
    static int matrixX(int labelColumn, int p) {
        return MARGIN + p * (labelColumn + SIZE + GAP) + labelColumn;
    }

    /** @return the {@code n x n} cosine matrix, row-major */
    private static float[] cosines(LatentSpace sample) {
        int n = sample.size();
        int d = sample.dim();
        float[] v = sample.rawVectors();
        double[][] unit = new double[n][d];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int k = 0; k < d; k++) {
                s += (double) v[i * d + k] * v[i * d + k];
            }
            double norm = Math.sqrt(s);
            for (int k = 0; norm > 0 && k < d; k++) {
                unit[i][k] = v[i * d + k] / norm;
            }
        }
        float[] cos = new float[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double dot = 0;
                for (int k = 0; k < d; k++) {
                    dot += unit[i][k] * unit[j][k];
                }
                cos[i * n + j] = (float) dot;
                cos[j * n + i] = (float) dot;
            }
        }
        return cos;
    }

    private static void paint(Canvas canvas, float[] cos, int n, int x0) {
        int[] from = new int[SIZE];
        int[] to = new int[SIZE];
        for (int p = 0; p < SIZE; p++) {
            from[p] = (int) ((long) p * n / SIZE);
            to[p] = Math.max(from[p] + 1, (int) ((long) (p + 1) * n / SIZE));
        }
        for (int py = 0; py < SIZE; py++) {
            for (int px = 0; px < SIZE; px++) {
                double sum = 0;
                for (int i = from[py]; i < to[py]; i++) {
                    for (int j = from[px]; j < to[px]; j++) {
                        sum += cos[i * n + j];
                    }
                }
                double mean = sum / ((to[py] - from[py]) * (to[px] - from[px]));
                canvas.image.setRGB(x0 + px, TOP + py, Palette.diverging(mean));
            }
        }
    }

    private static void classTicks(Canvas canvas, LatentSpace sample, IntFunction<String> className, int x0) {
        int n = sample.size();
        canvas.g.setFont(Canvas.SMALL);
        int start = 0;
        while (start < n) {
            int end = start;
            while (end < n && sample.label(end) == sample.label(start)) {
                end++;
            }
            int p0 = (int) ((long) start * SIZE / n);
            int p1 = (int) ((long) end * SIZE / n);
            canvas.g.setColor(Color.GRAY);
            canvas.g.drawLine(x0 - 4, TOP + p1, x0 - 1, TOP + p1);
            canvas.g.drawLine(x0 + p1, TOP - 4, x0 + p1, TOP - 1);
            if (p1 - p0 >= 12) {
                String name = Canvas.fit(className.apply(sample.label(start)), Canvas.SMALL, MAX_LABEL);
                canvas.g.setColor(Color.BLACK);
                canvas.g.drawString(name, x0 - 6 - Canvas.width(name, Canvas.SMALL), TOP + (p0 + p1) / 2 + 4);
            }
            start = end;
        }
        canvas.g.setFont(Canvas.PLAIN);
    }

    private static void colourBar(Canvas canvas, int x) {
        for (int py = 0; py < SIZE; py++) {
            int rgb = Palette.diverging(1 - 2.0 * py / (SIZE - 1));
            for (int px = 0; px < BAR; px++) {
                canvas.image.setRGB(x + px, TOP + py, rgb);
            }
        }
        canvas.g.setColor(Color.GRAY);
        canvas.g.drawRect(x, TOP, BAR, SIZE);
        canvas.g.setColor(Color.BLACK);
        canvas.g.setFont(Canvas.SMALL);
        canvas.g.drawString("+1", x + BAR + 4, TOP + 8);
        canvas.g.drawString("0", x + BAR + 4, TOP + SIZE / 2 + 4);
        canvas.g.drawString("-1", x + BAR + 4, TOP + SIZE);
        canvas.g.setFont(Canvas.PLAIN);
    }
}
