package latentatlas.report;

import java.awt.Color;

/**
 * Colours. Classes: ten distinct hues (Tableau 10) for up to ten classes, otherwise hues spaced by
 * the golden angle (alternating brightness) so that any number of classes gets distinguishable
 * colours. Similarities: a diverging map from blue (-1) through white (0) to red (+1).
 */
final class Palette {
    private static final int[] TABLEAU = {0x4e79a7, 0xf28e2b, 0xe15759, 0x76b7b2, 0x59a14f,
        0xedc948, 0xb07aa1, 0xff9da7, 0x9c755f, 0xbab0ac};

    private Palette() {
    }

    /** @return the colour of class index {@code c} ({@code 0 <= c < classes}) among {@code classes} */
    static Color of(int c, int classes) {
        if (classes <= TABLEAU.length) {
            return new Color(TABLEAU[c]);
        }
        float hue = (float) ((c * 0.618033988749895) % 1.0);
        float brightness = c % 2 == 0 ? 0.85f : 0.6f;
        return Color.getHSBColor(hue, 0.75f, brightness);
    }

    /**
     * @param value a cosine, clamped to [-1, 1]
     * @return RGB: {@code (255, 255(1-t), 255(1-t))} for {@code t >= 0}, {@code (255(1+t), 255(1+t), 255)}
     *         below
     */
    static int diverging(double value) {
        double t = Math.max(-1, Math.min(1, value));
        int fade = (int) Math.round(255 * (1 - Math.abs(t)));
        return t >= 0 ? (255 << 16) | (fade << 8) | fade : (fade << 16) | (fade << 8) | 255;
    }
}
