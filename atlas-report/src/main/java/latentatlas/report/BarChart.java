package latentatlas.report;

import java.awt.Color;
import java.awt.Rectangle;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A grouped bar chart: one group per key (e.g. a space), one bar per series (e.g. "total", "shared",
 * "novel") in the order the series first appear, a legend of the series on the right.
 *
 * <p>The value axis runs from {@code min(0, smallest value)} to {@code max(max, largest value)} (a
 * value above the requested top extends the axis to a round number instead of being cut). Missing
 * and non-finite values draw no bar but a grey "n/a". Group names that are wider than their group are
 * written at 45 degrees and the picture grows to hold them; nothing is cut or overlapped. With error
 * bars, each bar gets a whisker from {@code value - e} to {@code value + e} (capped ends), and the axis
 * holds the whiskers too.
 */
final class BarChart {
    private static final int MARGIN = 20;
    private static final int TOP = 50;
    private static final int HEIGHT = 280;
    private static final int BAR = 18;
    private static final int GROUP_GAP = 24;
    private static final int TICKS = 5;
    private static final int LEGEND_ROW = 18;
    private static final double SLANT = Math.sqrt(0.5);

    private BarChart() {
    }

    /**
     * Where everything goes.
     *
     * @param names the group names, in drawing order
     * @param series the series names, in drawing order
     * @param lo the value at the bottom of the axis
     * @param hi the value at the top of the axis
     * @param plotLeft the x of the value axis
     * @param groupWidth the width of one group (its bars and a gap)
     * @param slanted whether the group names are written at 45 degrees
     * @param width the picture's width
     * @param height the picture's height
     */
    record Layout(List<String> names, List<String> series, double lo, double hi, int plotLeft, int groupWidth,
                  boolean slanted, int width, int height) {

        int plotRight() {
            return plotLeft + names.size() * groupWidth;
        }

        /** @return the x of the first bar of group {@code k} */
        int groupX(int k) {
            return plotLeft + GROUP_GAP / 2 + k * groupWidth;
        }

        /** @return the y of {@code value} on the axis */
        int y(double value) {
            return TOP + HEIGHT - (int) Math.round((value - lo) * HEIGHT / (hi - lo));
        }

        /** @return where the name of group {@code k} is written: a transform of its text box at the origin */
        AffineTransform nameTransform(int k) {
            int centre = groupX(k) + (groupWidth - GROUP_GAP) / 2;
            int nameWidth = Canvas.width(names.get(k), Canvas.PLAIN);
            if (!slanted) {
                return AffineTransform.getTranslateInstance(centre - nameWidth / 2.0, TOP + HEIGHT + 18);
            }
            double run = nameWidth * SLANT;
            AffineTransform t = AffineTransform.getTranslateInstance(centre - run + 4, TOP + HEIGHT + 12 + run);
            t.rotate(-Math.PI / 4);
            return t;
        }

        /** @return the outline of the name of group {@code k} on the picture (ascent to descent) */
        Shape nameBox(int k) {
            java.awt.FontMetrics fm = Canvas.metrics(Canvas.PLAIN);
            Rectangle box = new Rectangle(0, -fm.getAscent(), fm.stringWidth(names.get(k)), fm.getAscent() + fm.getDescent());
            return nameTransform(k).createTransformedShape(box);
        }
    }

    static Layout layout(String title, Map<String, Map<String, Double>> groups, double max) {
        return layout(title, groups, Map.of(), max);
    }

    /** The half-width of a bar's error bar, or 0 when it has none. */
    private static double error(Map<String, Map<String, Double>> errors, String group, String series) {
        Map<String, Double> g = errors.get(group);
        Double e = g == null ? null : g.get(series);
        return e == null || !Double.isFinite(e) ? 0 : Math.abs(e);
    }

    static Layout layout(String title, Map<String, Map<String, Double>> groups, Map<String, Map<String, Double>> errors,
                         double max) {
        List<String> series = new ArrayList<>();
        List<String> names = new ArrayList<>(groups.keySet());
        double lo = 0;
        double hi = Double.isFinite(max) && max > 0 ? max : 0;
        for (Map.Entry<String, Map<String, Double>> group : groups.entrySet()) {
            Map<String, Double> g = group.getValue();
            for (Map.Entry<String, Double> e : (g == null ? Map.<String, Double>of() : g).entrySet()) {
                if (!series.contains(e.getKey())) {
                    series.add(e.getKey());
                }
                if (e.getValue() != null && Double.isFinite(e.getValue())) {
                    double whisker = error(errors, group.getKey(), e.getKey());
                    lo = Math.min(lo, e.getValue() - whisker);
                    hi = Math.max(hi, e.getValue() + whisker);
                }
            }
        }
        if (hi > max || !(max > 0)) {
            hi = roundUp(hi);
        }
        lo = -roundUp(-lo);
        if (hi <= lo) {
            hi = lo + 1;
        }
        int tickWidth = 0;
        for (double t : ticks(lo, hi)) {
            tickWidth = Math.max(tickWidth, Canvas.width(number(t), Canvas.PLAIN));
        }
        int groupWidth = Math.max(1, series.size()) * BAR + GROUP_GAP;
        int widest = names.stream().mapToInt(n -> Canvas.width(n, Canvas.PLAIN)).max().orElse(0);
        boolean slanted = widest > groupWidth - 6;
        int plotLeft = MARGIN + tickWidth + 8;
        for (int k = 0; slanted && k < names.size(); k++) {
            int centre = plotLeft + GROUP_GAP / 2 + k * groupWidth + (groupWidth - GROUP_GAP) / 2;
            int overhang = (int) Math.ceil(Canvas.width(names.get(k), Canvas.PLAIN) * SLANT) - centre + MARGIN;
            plotLeft += Math.max(0, overhang);
        }
        int plotRight = plotLeft + names.size() * groupWidth;
        int labelHeight = slanted ? (int) Math.ceil(widest * SLANT) + 24 : 24;
        int legendWidth = series.stream().mapToInt(s -> Canvas.width(s, Canvas.PLAIN)).max().orElse(0) + 30;
        int width = Math.max(plotRight + 16 + legendWidth + MARGIN, 2 * MARGIN + Canvas.width(title, Canvas.TITLE));
        int height = TOP + Math.max(HEIGHT + labelHeight, series.size() * LEGEND_ROW) + MARGIN;
        return new Layout(List.copyOf(names), List.copyOf(series), lo, hi, plotLeft, groupWidth, slanted, width, height);
    }

    static void draw(Path png, String title, Map<String, Map<String, Double>> groups, double max) {
        draw(png, title, groups, Map.of(), max);
    }

    static void draw(Path png, String title, Map<String, Map<String, Double>> groups,
                     Map<String, Map<String, Double>> errors, double max) {
        Layout layout = layout(title, groups, errors, max);
        Canvas canvas = new Canvas(layout.width(), layout.height());
        canvas.title(title, MARGIN, 28, layout.width() - 2 * MARGIN);
        for (double t : ticks(layout.lo(), layout.hi())) {
            int y = layout.y(t);
            String tick = number(t);
            canvas.g.setColor(new Color(225, 225, 225));
            canvas.g.drawLine(layout.plotLeft(), y, layout.plotRight(), y);
            canvas.g.setColor(Color.DARK_GRAY);
            canvas.g.drawString(tick, layout.plotLeft() - 6 - Canvas.width(tick, Canvas.PLAIN), y + 4);
        }
        int zero = layout.y(0);
        List<String> series = layout.series();
        for (int k = 0; k < layout.names().size(); k++) {
            Map<String, Double> values = groups.get(layout.names().get(k));
            for (int s = 0; s < series.size(); s++) {
                Double value = values == null ? null : values.get(series.get(s));
                int bx = layout.groupX(k) + s * BAR;
                if (value == null || !Double.isFinite(value)) {
                    canvas.g.setColor(Color.GRAY);
                    canvas.g.setFont(Canvas.SMALL);
                    canvas.rotated("n/a", bx + BAR / 2.0 + 3, zero - 3, -Math.PI / 2);
                    canvas.g.setFont(Canvas.PLAIN);
                    continue;
                }
                int top = layout.y(value);
                canvas.g.setColor(Palette.of(s, series.size()));
                canvas.g.fillRect(bx, Math.min(top, zero), BAR - 2, Math.abs(zero - top));
                double whisker = error(errors, layout.names().get(k), series.get(s));
                if (whisker > 0) {
                    int mid = bx + (BAR - 2) / 2;
                    int up = layout.y(value + whisker);
                    int down = layout.y(value - whisker);
                    canvas.g.setColor(Color.BLACK);
                    canvas.g.drawLine(mid, up, mid, down);
                    canvas.g.drawLine(mid - 4, up, mid + 4, up);
                    canvas.g.drawLine(mid - 4, down, mid + 4, down);
                }
            }
            AffineTransform saved = canvas.g.getTransform();
            canvas.g.transform(layout.nameTransform(k));
            canvas.g.setColor(Color.BLACK);
            canvas.g.drawString(layout.names().get(k), 0, 0);
            canvas.g.setTransform(saved);
        }
        canvas.g.setColor(Color.GRAY);
        canvas.g.drawLine(layout.plotLeft(), zero, layout.plotRight(), zero);
        int legendX = layout.plotRight() + 16;
        for (int s = 0; s < series.size(); s++) {
            canvas.g.setColor(Palette.of(s, series.size()));
            canvas.g.fillRect(legendX, TOP + s * LEGEND_ROW, 12, 12);
            canvas.g.setColor(Color.BLACK);
            canvas.g.drawString(series.get(s), legendX + 18, TOP + s * LEGEND_ROW + 11);
        }
        canvas.save(png);
    }

    /** @return the smallest of 1, 2, 2.5, 5 times a power of ten that is at least {@code x} (0 for x <= 0) */
    static double roundUp(double x) {
        if (x <= 0) {
            return 0;
        }
        double power = Math.pow(10, Math.floor(Math.log10(x)));
        for (double step : new double[] {1, 2, 2.5, 5}) {
            if (step * power >= x * (1 - 1e-12)) {
                return step * power;
            }
        }
        return 10 * power;
    }

    /**
     * @return the tick values: the multiples of {@code step = roundUp((hi - lo) / }{@value #TICKS}{@code )}
     *         in {@code [lo, hi]}
     */
    static List<Double> ticks(double lo, double hi) {
        double step = roundUp((hi - lo) / TICKS);
        List<Double> ticks = new ArrayList<>();
        for (long i = (long) Math.ceil(lo / step - 1e-9); i * step <= hi + 1e-9 * step; i++) {
            ticks.add(i * step);
        }
        return ticks;
    }

    /** @return {@code v} with three significant digits and no trailing zeros */
    private static String number(double v) {
        String text = new BigDecimal(String.format(Locale.ROOT, "%.3g", v)).stripTrailingZeros().toPlainString();
        return text.equals("-0") ? "0" : text;
    }
}
