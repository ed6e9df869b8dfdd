package latentatlas.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

/**
 * The class legend: a colour swatch and the class name per class, laid out in rows that wrap at the
 * available width (names longer than 180 pixels are cut with "..."). Beyond {@value #MAX_ENTRIES}
 * classes a swatch per class says nothing, and the legend is one line of text.
 */
final class Legend {
    static final int MAX_ENTRIES = 20;
    private static final int ROW = 18;
    private static final int SWATCH = 10;
    private static final int SPACING = 18;
    private static final int MAX_NAME = 180;

    private final int classes;
    private final List<String> names;
    private final List<int[]> positions = new ArrayList<>();
    private final int height;

    /**
     * @param names the class names, index = class label
     * @param width the available width in pixels
     */
    Legend(List<String> names, int width) {
        this.classes = names.size();
        this.names = new ArrayList<>();
        if (names.size() > MAX_ENTRIES) {
            height = ROW;
            return;
        }
        int x = 0;
        int row = 0;
        for (String name : names) {
            String shown = Canvas.fit(name, Canvas.PLAIN, MAX_NAME);
            int entry = SWATCH + 4 + Canvas.width(shown, Canvas.PLAIN);
            if (x > 0 && x + entry > width) {
                x = 0;
                row++;
            }
            this.names.add(shown);
            positions.add(new int[] {x, row});
            x += entry + SPACING;
        }
        height = (row + 1) * ROW;
    }

    /** @return the height the legend needs, in pixels */
    int height() {
        return height;
    }

    /** Draws the legend with its first text baseline at {@code (x, y + 12)}. */
    void draw(Canvas canvas, int x, int y) {
        if (names.isEmpty()) {
            canvas.g.setColor(Color.DARK_GRAY);
            canvas.g.drawString(classes + " classes, one colour each", x, y + 12);
            return;
        }
        for (int c = 0; c < names.size(); c++) {
            int ex = x + positions.get(c)[0];
            int ey = y + positions.get(c)[1] * ROW;
            canvas.g.setColor(Palette.of(c, names.size()));
            canvas.g.fillRect(ex, ey + 2, SWATCH, SWATCH);
            canvas.g.setColor(Color.BLACK);
            canvas.g.drawString(names.get(c), ex + SWATCH + 4, ey + 12);
        }
    }
}
