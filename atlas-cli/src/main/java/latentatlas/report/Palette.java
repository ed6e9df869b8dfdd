package latentatlas.report;

import java.awt.Color;

/**
 * Class colours: ten distinct hues (Tableau 10) for up to ten classes, then hues spaced by the golden
 * angle so that any number of classes gets distinguishable colours.
 */
final class Palette {
    private static final int[] TABLEAU = {0x4e79a7, 0xf28e2b, 0xe15759, 0x76b7b2, 0x59a14f,
        0xedc948, 0xb07aa1, 0xff9da7, 0x9c755f, 0xbab0ac};

    private Palette() {
    }

    /** @return the colour of class index {@code c} among {@code classes} classes */
    static Color of(int c, int classes) {
        if (classes <= TABLEAU.length) {
            return new Color(TABLEAU[c]);
        }
        float hue = (float) ((c * 0.618033988749895) % 1.0);
        float brightness = c % 2 == 0 ? 0.85f : 0.6f;
        return Color.getHSBColor(hue, 0.75f, brightness);
    }
}
