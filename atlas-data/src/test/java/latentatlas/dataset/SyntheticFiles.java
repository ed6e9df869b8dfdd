package latentatlas.dataset;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small dataset files in the real formats, with pixel values given by a formula the tests check. */
final class SyntheticFiles {
    private SyntheticFiles() {
    }

    /** Pixel of sample {@code i}, channel {@code c}, row {@code y}, column {@code x}: {@code (7i + 5c + 3y + x) mod 256}. */
    static int pixel(int i, int c, int y, int x) {
        return (7 * i + 5 * c + 3 * y + x) % 256;
    }

    /** Label of sample {@code i} among {@code classes}: {@code (3i + 1) mod classes}. */
    static int label(int i, int classes) {
        return (3 * i + 1) % classes;
    }

    /** @return an IDX image file: magic 0x803, n, rows, cols, pixels */
    static byte[] idxImages(int n, int rows, int cols) {
        ByteBuffer b = ByteBuffer.allocate(16 + n * rows * cols);
        b.putInt(0x803).putInt(n).putInt(rows).putInt(cols);
        for (int i = 0; i < n; i++) {
            for (int y = 0; y < rows; y++) {
                for (int x = 0; x < cols; x++) {
                    b.put((byte) pixel(i, 0, y, x));
                }
            }
        }
        return b.array();
    }

    /** @return an IDX label file: magic 0x801, n, labels {@link #label}(i, classes) */
    static byte[] idxLabels(int n, int classes) {
        ByteBuffer b = ByteBuffer.allocate(8 + n);
        b.putInt(0x801).putInt(n);
        for (int i = 0; i < n; i++) {
            b.put((byte) label(i, classes));
        }
        return b.array();
    }

    /** Writes the four IDX files (train n, test m, 10 classes), gzipped or plain. */
    static void idxFolder(Path dir, int n, int m, int rows, int cols, boolean gzip) throws IOException {
        Files.createDirectories(dir);
        String ext = gzip ? ".gz" : "";
        write(dir.resolve("train-images-idx3-ubyte" + ext), idxImages(n, rows, cols), gzip);
        write(dir.resolve("train-labels-idx1-ubyte" + ext), idxLabels(n, 10), gzip);
        write(dir.resolve("t10k-images-idx3-ubyte" + ext), idxImages(m, rows, cols), gzip);
        write(dir.resolve("t10k-labels-idx1-ubyte" + ext), idxLabels(m, 10), gzip);
    }

    /**
     * @param labelBytes 1 (CIFAR-10) or 2 (CIFAR-100: coarse {@code fine mod 20}, then fine)
     * @param first index of the first record (pixel and label formulas use {@code first + r})
     * @return CIFAR binary records
     */
    static byte[] cifarRecords(int n, int first, int labelBytes, int classes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int r = 0; r < n; r++) {
            int i = first + r;
            int fine = label(i, classes);
            if (labelBytes == 2) {
                out.write(fine % 20);
            }
            out.write(fine);
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 32; y++) {
                    for (int x = 0; x < 32; x++) {
                        out.write(pixel(i, c, y, x));
                    }
                }
            }
        }
        return out.toByteArray();
    }

    static void write(Path file, byte[] bytes, boolean gzip) throws IOException {
        if (!gzip) {
            Files.write(file, bytes);
            return;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        Files.write(file, out.toByteArray());
    }

    /** @return {@code bytes} without its last {@code cut} bytes */
    static byte[] truncate(byte[] bytes, int cut) {
        return java.util.Arrays.copyOf(bytes, bytes.length - cut);
    }
}
