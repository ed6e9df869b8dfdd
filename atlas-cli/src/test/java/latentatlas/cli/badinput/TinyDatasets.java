package latentatlas.cli.badinput;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import latentatlas.dataset.Datasets;
import latentatlas.tasks.TaskPlanJson;
import latentatlas.tasks.TaskPlanner;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.zip.CRC32;

/**
 * Setups for the dataset and plan cases of the bad-input suite: tiny datasets on disk (IDX, image
 * folders) and plans made for them by the real planners, which a case then spoils.
 */
final class TinyDatasets {
    /** The IDX folder of {@link #mnist}, relative to the case's folder. */
    static final String MNIST = "mnist:{dir}/data";

    private TinyDatasets() {
    }

    /**
     * Writes the four IDX files of an {@code mnist:DIR} dataset of {@code rows x cols} images with the given
     * labels (pixels: the sample number) into {@code folder}.
     */
    static void idx(Path folder, int[] trainLabels, int[] testLabels, int rows, int cols) throws IOException {
        Files.createDirectories(folder);
        for (String prefix : new String[] {"train", "t10k"}) {
            int[] labels = prefix.equals("train") ? trainLabels : testLabels;
            Files.write(folder.resolve(prefix + "-labels-idx1-ubyte"), idxLabels(labels));
            Files.write(folder.resolve(prefix + "-images-idx3-ubyte"), idxImages(labels.length, rows, cols));
        }
    }

    /** @return an IDX label file: magic 0x801, n, the labels */
    static byte[] idxLabels(int[] labels) {
        ByteBuffer b = ByteBuffer.allocate(8 + labels.length).putInt(0x801).putInt(labels.length);
        for (int l : labels) {
            b.put((byte) l);
        }
        return b.array();
    }

    /** @return an IDX image file: magic 0x803, n, rows, cols, then n * rows * cols pixels */
    static byte[] idxImages(int n, int rows, int cols) {
        ByteBuffer b = ByteBuffer.allocate(16 + n * rows * cols).putInt(0x803).putInt(n).putInt(rows).putInt(cols);
        for (int i = 0; i < n * rows * cols; i++) {
            b.put((byte) (i / (rows * cols)));
        }
        return b.array();
    }

    /** @return {@code count} labels {@code 0, 1, ..., classes - 1, 0, 1, ...} */
    static int[] cycle(int count, int classes) {
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = i % classes;
        }
        return labels;
    }

    /** A valid {@code mnist:DIR/data}: the ten digit classes, 6 training and 2 test 2x2 images each. */
    static void mnist(Path dir) throws IOException {
        idx(dir.resolve("data"), cycle(60, 10), cycle(20, 10), 2, 2);
    }

    /** Writes {@code mnist} and {@code DIR/plan.json}, the plan {@code planner} makes for it (seed 42). */
    static void plan(Path dir, TaskPlanner planner) throws IOException {
        mnist(dir);
        TaskPlanJson.write(planner.plan(Datasets.open("mnist:" + dir.resolve("data")), 42), dir.resolve("plan.json"));
    }

    /** Like {@link #plan}, then edits the plan's JSON tree and writes it back. */
    static void spoiled(Path dir, TaskPlanner planner, Consumer<ObjectNode> edit) throws IOException {
        plan(dir, planner);
        Path file = dir.resolve("plan.json");
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = (ObjectNode) mapper.readTree(file.toFile());
        edit.accept(root);
        Files.writeString(file, mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    }

    /** Writes a {@code w x h} grey PNG of one value to {@code file}. */
    static void png(Path file, int w, int h, int value) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.getRaster().setSample(x, y, 0, value);
            }
        }
        try {
            Files.createDirectories(file.getParent());
            ImageIO.write(img, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A valid {@code images:DIR/data}: classes a and b, two 4x4 training images and one test image each. */
    static void images(Path dir) {
        for (String c : new String[] {"a", "b"}) {
            for (int i = 0; i < 2; i++) {
                png(dir.resolve("data/train/" + c + "/" + i + ".png"), 4, 4, 40 * i + (c.equals("a") ? 0 : 100));
            }
            png(dir.resolve("data/test/" + c + "/0.png"), 4, 4, c.equals("a") ? 10 : 110);
        }
    }

    /**
     * @return a 1x1 PNG whose header (IHDR, with a correct CRC) claims {@code w x h} pixels: a decoder that
     *     trusts it allocates {@code w * h} pixels before it finds the data missing
     */
    static byte[] pngClaiming(int w, int h) throws IOException {
        BufferedImage img = new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        byte[] png = out.toByteArray();
        // signature (8), IHDR length (4), "IHDR" (4), width (4), height (4), 5 more bytes, CRC (4)
        ByteBuffer.wrap(png, 16, 8).putInt(w).putInt(h);
        CRC32 crc = new CRC32();
        crc.update(png, 12, 17);
        ByteBuffer.wrap(png, 29, 4).putInt((int) crc.getValue());
        return png;
    }
}
