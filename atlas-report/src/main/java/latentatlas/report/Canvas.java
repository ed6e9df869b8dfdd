package latentatlas.report;

import latentatlas.io.AtomicFiles;

import javax.imageio.ImageIO;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A white RGB image with antialiased text (12 pt sans serif, titles 14 pt bold), written as PNG
 * atomically ({@link AtomicFiles}: a killed run leaves no half-written picture). Drawing needs no
 * display: {@code java.awt.headless} is set by the launcher and the tests, and here too when nobody
 * set it before the first picture.
 */
final class Canvas {
    static final Font PLAIN = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final Font SMALL = PLAIN.deriveFont(10f);
    static final Font TITLE = PLAIN.deriveFont(Font.BOLD, 14f);
    private static final String ELLIPSIS = "...";

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    final BufferedImage image;
    final Graphics2D g;

    Canvas(int width, int height) {
        image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1f));
        g.setFont(PLAIN);
    }

    /** @return the width of {@code text} in {@code font}, in pixels (no canvas needed) */
    static int width(String text, Font font) {
        return metrics(font).stringWidth(text);
    }

    /** @return the metrics of {@code font} on a scratch image (for sizing a canvas before drawing it) */
    static FontMetrics metrics(Font font) {
        Graphics2D scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        try {
            scratch.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            return scratch.getFontMetrics(font);
        } finally {
            scratch.dispose();
        }
    }

    /** @return {@code text}, cut and ended with "..." when wider than {@code maxWidth} pixels */
    static String fit(String text, Font font, int maxWidth) {
        FontMetrics fm = metrics(font);
        if (fm.stringWidth(text) <= maxWidth) {
            return text;
        }
        int keep = text.length();
        while (keep > 0 && fm.stringWidth(text.substring(0, keep) + ELLIPSIS) > maxWidth) {
            keep--;
        }
        return text.substring(0, keep) + ELLIPSIS;
    }

    /** A bold title with its baseline at {@code y}, cut to {@code maxWidth}. */
    void title(String text, int x, int y, int maxWidth) {
        g.setFont(TITLE);
        g.setColor(Color.BLACK);
        g.drawString(fit(text, TITLE, maxWidth), x, y);
        g.setFont(PLAIN);
    }

    /** Text rotated by {@code radians} (negative: counter-clockwise) about its baseline start. */
    void rotated(String text, double x, double y, double radians) {
        AffineTransform saved = g.getTransform();
        g.rotate(radians, x, y);
        g.drawString(text, (float) x, (float) y);
        g.setTransform(saved);
    }

    void save(Path file) {
        g.dispose();
        AtomicFiles.write(file, out -> {
            try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
                if (!ImageIO.write(image, "png", stream)) {
                    throw new IOException("this Java runtime has no PNG writer");
                }
            }
        });
    }
}
