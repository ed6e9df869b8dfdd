package latentatlas.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A line plot: one line per series through its (x, y) points in increasing x, a marker on each point, a
 * legend of the series on the right. The x axis is logarithmic (base 2) when asked, its ticks at the
 * points' x values; the y axis spans the data, widened to round tick values (docs: {@link BarChart#ticks}).
 */
final class LinePlot {
    private static final int MARGIN = 20;
    private static final int TOP = 50;
    private static final int WIDTH = 520;
    private static final int HEIGHT = 300;
    private static final int LEGEND_ROW = 18;

    private LinePlot() {
    }

    static void draw(Path png, String title, String xLabel, String yLabel, Map<String, Map<Double, Double>> series,
                     boolean logX) {
        TreeSet<Double> xs = new TreeSet<>();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Map<Double, Double> points : series.values()) {
            for (Map.Entry<Double, Double> p : points.entrySet()) {
                if (logX && !(p.getKey() > 0)) {
                    throw new IllegalArgumentException("line plot '" + title + "': x " + p.getKey()
                            + " on a logarithmic axis, expected a positive value");
                }
                xs.add(p.getKey());
                if (p.getValue() != null && Double.isFinite(p.getValue())) {
                    lo = Math.min(lo, p.getValue());
                    hi = Math.max(hi, p.getValue());
                }
            }
        }
        if (xs.isEmpty() || lo > hi) {
            throw new IllegalArgumentException("line plot '" + title + "' has no finite point");
        }
        double span = Math.max(hi - lo, 1e-3);
        double step = BarChart.roundUp(span / 5);
        double yLo = Math.floor(lo / step) * step;
        double yHi = Math.ceil(hi / step) * step;
        if (yHi <= yLo) {
            yHi = yLo + step;
        }
        List<Double> ticks = BarChart.ticks(yLo, yHi);
        int tickWidth = ticks.stream().mapToInt(t -> Canvas.width(number(t), Canvas.PLAIN)).max().orElse(0);
        int left = MARGIN + 18 + tickWidth + 8;
        int right = left + WIDTH;
        int legendWidth = series.keySet().stream().mapToInt(s -> Canvas.width(s, Canvas.PLAIN)).max().orElse(0) + 30;
        int width = Math.max(right + 16 + legendWidth + MARGIN, 2 * MARGIN + Canvas.width(title, Canvas.TITLE));
        int height = TOP + HEIGHT + 50 + MARGIN;
        double xMin = scale(xs.first(), logX);
        double xMax = scale(xs.last(), logX);
        double xSpan = xMax > xMin ? xMax - xMin : 1;
        double ySpan = yHi - yLo;
        double finalYLo = yLo;
        java.util.function.DoubleUnaryOperator px = x -> left + 10 + (scale(x, logX) - xMin) * (WIDTH - 20) / xSpan;
        java.util.function.DoubleUnaryOperator py = y -> TOP + HEIGHT - (y - finalYLo) * HEIGHT / ySpan;

        Canvas canvas = new Canvas(width, height);
        canvas.title(title, MARGIN, 28, width - 2 * MARGIN);
        for (double t : ticks) {
            int y = (int) Math.round(py.applyAsDouble(t));
            canvas.g.setColor(new Color(225, 225, 225));
            canvas.g.drawLine(left, y, right, y);
            canvas.g.setColor(Color.DARK_GRAY);
            canvas.g.drawString(number(t), left - 6 - Canvas.width(number(t), Canvas.PLAIN), y + 4);
        }
        for (double x : xs) {
            int xp = (int) Math.round(px.applyAsDouble(x));
            String label = number(x);
            canvas.g.setColor(Color.DARK_GRAY);
            canvas.g.drawLine(xp, TOP + HEIGHT, xp, TOP + HEIGHT + 4);
            canvas.g.drawString(label, xp - Canvas.width(label, Canvas.PLAIN) / 2, TOP + HEIGHT + 18);
        }
        canvas.g.setColor(Color.GRAY);
        canvas.g.drawRect(left, TOP, WIDTH, HEIGHT);
        canvas.g.setColor(Color.BLACK);
        canvas.g.drawString(xLabel, left + (WIDTH - Canvas.width(xLabel, Canvas.PLAIN)) / 2, TOP + HEIGHT + 38);
        canvas.rotated(yLabel, MARGIN + 10, TOP + (HEIGHT + Canvas.width(yLabel, Canvas.PLAIN)) / 2.0, -Math.PI / 2);
        List<String> names = new ArrayList<>(series.keySet());
        canvas.g.setStroke(new BasicStroke(2f));
        for (int s = 0; s < names.size(); s++) {
            Color color = Palette.of(s, names.size());
            canvas.g.setColor(color);
            int prevX = -1;
            int prevY = -1;
            for (Map.Entry<Double, Double> p : new java.util.TreeMap<>(series.get(names.get(s))).entrySet()) {
                if (p.getValue() == null || !Double.isFinite(p.getValue())) {
                    prevX = -1;
                    continue;
                }
                int x = (int) Math.round(px.applyAsDouble(p.getKey()));
                int y = (int) Math.round(py.applyAsDouble(p.getValue()));
                if (prevX >= 0) {
                    canvas.g.drawLine(prevX, prevY, x, y);
                }
                canvas.g.fillOval(x - 3, y - 3, 7, 7);
                prevX = x;
                prevY = y;
            }
            canvas.g.fillRect(right + 16, TOP + s * LEGEND_ROW, 12, 12);
            canvas.g.setColor(Color.BLACK);
            canvas.g.drawString(names.get(s), right + 34, TOP + s * LEGEND_ROW + 11);
        }
        canvas.save(png);
    }

    private static double scale(double x, boolean log) {
        return log ? Math.log(x) / Math.log(2) : x;
    }

    private static String number(double v) {
        String text = new java.math.BigDecimal(String.format(java.util.Locale.ROOT, "%.3g", v)).stripTrailingZeros()
                .toPlainString();
        return text.equals("-0") ? "0" : text;
    }
}
