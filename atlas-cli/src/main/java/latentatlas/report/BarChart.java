package latentatlas.report;

import java.awt.Color;
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
 * written at 45 degrees and the picture grows to hold them; nothing is cut or overlapped.
 */
final class BarChart {
    private static final int MARGIN = 20;
    private static final int TOP = 50;
    private static final int HEIGHT = 280;
    private static final int BAR = 18;
    private static final int GROUP_GAP = 24;
    private static final int TICKS = 4;
    private static final double SLANT = Math.sqrt(0.5);

    private BarChart() {
    }

    static void draw(Path png, String title, Map<String, Map<String, Double>> groups, double max) {
        List<String> series = new ArrayList<>();
        List<String> names = new ArrayList<>(groups.keySet());
        double lo = 0;
        double hi = Double.isFinite(max) && max > 0 ? max : 0;
        for (Map<String, Double> g : groups.values()) {
            for (Map.Entry<String, Double> e : g.entrySet()) {
                if (!series.contains(e.getKey())) {
                    series.add(e.getKey());
                }
                if (e.getValue() != null && Double.isFinite(e.getValue())) {
                    lo = Math.min(lo, e.getValue());
                    hi = Math.max(hi, e.getValue());
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
        String[] ticks = new String[TICKS + 1];
        int tickWidth = 0;
        for (int t = 0; t <= TICKS; t++) {
            ticks[t] = number(lo + (hi - lo) * t / TICKS);
            tickWidth = Math.max(tickWidth, Canvas.width(ticks[t], Canvas.PLAIN));
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
        int legendHeight = series.size() * 18;
        Canvas canvas = new Canvas(width, TOP + Math.max(HEIGHT + labelHeight, legendHeight) + MARGIN);
        canvas.title(title, MARGIN, 28, width - 2 * MARGIN);

        for (int t = 0; t <= TICKS; t++) {
            int y = TOP + HEIGHT - t * HEIGHT / TICKS;
            canvas.g.setColor(new Color(225, 225, 225));
            canvas.g.drawLine(plotLeft, y, plotRight, y);
            canvas.g.setColor(Color.DARK_GRAY);
            canvas.g.drawString(ticks[t], plotLeft - 6 - Canvas.width(ticks[t], Canvas.PLAIN), y + 4);
        }
        double scale = HEIGHT / (hi - lo);
        int zero = TOP + HEIGHT - (int) Math.round(-lo * scale);
        for (int k = 0; k < names.size(); k++) {
            int x = plotLeft + GROUP_GAP / 2 + k * groupWidth;
            Map<String, Double> values = groups.get(names.get(k));
            for (int s = 0; s < series.size(); s++) {
                Double value = values == null ? null : values.get(series.get(s));
                int bx = x + s * BAR;
                if (value == null || !Double.isFinite(value)) {
                    canvas.g.setColor(Color.GRAY);
                    canvas.g.setFont(Canvas.SMALL);
                    canvas.rotated("n/a", bx + BAR / 2.0 + 3, zero - 3, -Math.PI / 2);
                    canvas.g.setFont(Canvas.PLAIN);
                    continue;
                }
                int top = TOP + HEIGHT - (int) Math.round((value - lo) * scale);
                canvas.g.setColor(Palette.of(s, series.size()));
                canvas.g.fillRect(bx, Math.min(top, zero), BAR - 2, Math.abs(zero - top));
            }
            canvas.g.setColor(Color.BLACK);
            String name = names.get(k);
            int centre = x + (groupWidth - GROUP_GAP) / 2;
            int nameWidth = Canvas.width(name, Canvas.PLAIN);
            if (slanted) {
                double run = nameWidth * SLANT;
                canvas.rotated(name, centre - run + 4, TOP + HEIGHT + 12 + run, -Math.PI / 4);
            } else {
                canvas.g.drawString(name, centre - nameWidth / 2, TOP + HEIGHT + 18);
            }
        }
        canvas.g.setColor(Color.GRAY);
        canvas.g.drawLine(plotLeft, zero, plotRight, zero);
        int legendX = plotRight + 16;
        for (int s = 0; s < series.size(); s++) {
            canvas.g.setColor(Palette.of(s, series.size()));
            canvas.g.fillRect(legendX, TOP + s * 18, 12, 12);
            canvas.g.setColor(Color.BLACK);
            canvas.g.drawString(series.get(s), legendX + 18, TOP + s * 18 + 11);
        }
        canvas.save(png);
    }

    /** @return the smallest of 1, 2, 2.5, 5 times a power of ten that is at least {@code x} (0 for x <= 0) */
    static double roundUp(double x) {
        if (x <= 0) {
            return 0;
        }
        double power = Math.pow(10, Math.floor(Math.log10(x)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * power >= x * (1 - 1e-12)) {
                return step * power;
            }
        }
        return 10 * power;
    }

    private static String number(double v) {
        String text = new BigDecimal(String.format(Locale.ROOT, "%.3g", v)).stripTrailingZeros().toPlainString();
        return text.equals("-0") ? "0" : text;
    }
}
