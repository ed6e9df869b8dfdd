package latentatlas.dataset;

import latentatlas.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static latentatlas.dataset.IdxReaderTest.assertOneLine;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ImageFolderReaderTest {
    @TempDir
    Path dir;

    /** Writes a PNG whose pixel (x, y) has red {@code 10i + x}, green {@code 20y}, blue {@code i}. */
    private static void rgbPng(Path file, int i, int w, int h) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, ((10 * i + x) << 16) | ((20 * y) << 8) | i);
            }
        }
        Files.createDirectories(file.getParent());
        ImageIO.write(img, "png", file.toFile());
    }

    /** Writes an 8-bit grey PNG whose pixel (x, y) is {@code 40y + x + i}. */
    private static void greyPng(Path file, int i, int w, int h) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.getRaster().setSample(x, y, 0, 40 * y + x + i);
            }
        }
        Files.createDirectories(file.getParent());
        ImageIO.write(img, "png", file.toFile());
    }

    @Test
    void readsRgbImagesClassByClassInNameOrder() throws IOException {
        rgbPng(dir.resolve("train/zebra/b.png"), 1, 3, 2);
        rgbPng(dir.resolve("train/zebra/a.png"), 2, 3, 2);
        rgbPng(dir.resolve("train/ant/x.png"), 3, 3, 2);
        rgbPng(dir.resolve("test/zebra/t.png"), 4, 3, 2);
        Dataset d = Datasets.open("images:" + dir);
        assertEquals(List.of("ant", "zebra"), d.classes());
        assertEquals(new ImageShape(3, 2, 3), d.train().shape());
        assertArrayEquals(new int[] {0, 1, 1}, d.train().labels());
        assertArrayEquals(new long[] {3}, d.test().ids());
        byte[] p = d.train().pixels();
        // train order: ant/x (i=3), zebra/a (i=2), zebra/b (i=1); sample 1 = i 2
        int s = 18;
        assertEquals(10 * 2 + 2, p[s + 5] & 0xff, "red of (x=2, y=1)");
        assertEquals(20, p[s + 6 + 5] & 0xff, "green of (x=2, y=1)");
        assertEquals(2, p[s + 12 + 5] & 0xff, "blue");
        assertEquals(40, d.test().pixels()[0] & 0xff, "red of test (0, 0) = 10 * 4");
    }

    @Test
    void greyFoldersGiveOneChannelWithExactValues() throws IOException {
        greyPng(dir.resolve("train/a/1.png"), 1, 4, 3);
        greyPng(dir.resolve("train/b/1.png"), 2, 4, 3);
        greyPng(dir.resolve("test/b/1.png"), 3, 4, 3);
        Dataset d = Datasets.open("images:" + dir);
        assertEquals(new ImageShape(1, 3, 4), d.train().shape());
        assertEquals(40 * 2 + 3 + 2, d.train().pixels()[12 + 2 * 4 + 3] & 0xff);
        assertEquals(3, d.test().pixels()[0] & 0xff);
    }

    @Test
    void rejectsImagesOfAnotherSize() throws IOException {
        rgbPng(dir.resolve("train/a/1.png"), 1, 3, 2);
        rgbPng(dir.resolve("train/a/2.png"), 1, 4, 2);
        rgbPng(dir.resolve("test/a/1.png"), 1, 3, 2);
        assertOneLine(assertThrows(InvalidInputException.class, () -> Datasets.open("images:" + dir)),
                "2.png: image is 4x2 but");
    }

    @Test
    void rejectsUnreadableImages() throws IOException {
        rgbPng(dir.resolve("train/a/1.png"), 1, 3, 2);
        rgbPng(dir.resolve("test/a/1.png"), 1, 3, 2);
        Files.write(dir.resolve("train/a/2.png"), new byte[] {1, 2, 3, 4});
        assertOneLine(assertThrows(InvalidInputException.class, () -> Datasets.open("images:" + dir)),
                "2.png: unreadable image");
    }

    @Test
    void rejectsTestClassesWithoutTrainingFolderAndMissingSplits() throws IOException {
        rgbPng(dir.resolve("train/a/1.png"), 1, 3, 2);
        assertOneLine(assertThrows(InvalidInputException.class, () -> Datasets.open("images:" + dir)),
                "missing folder test/");
        rgbPng(dir.resolve("test/b/1.png"), 1, 3, 2);
        assertOneLine(assertThrows(InvalidInputException.class, () -> Datasets.open("images:" + dir)),
                "class 'b' has no folder under");
    }
}
