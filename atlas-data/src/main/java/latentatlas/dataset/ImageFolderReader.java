package latentatlas.dataset;

import latentatlas.InvalidInputException;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Reads an image-folder dataset: {@code train/<class>/*.png|jpg|jpeg} and {@code test/<class>/...}
 * (the layout Tiny ImageNet is usually reorganised into), decoded with {@code javax.imageio}.
 *
 * <p>Classes are the sub-folders of {@code train/}, sorted by name (class {@code c} is the c-th name);
 * every test sub-folder must be one of them. Images are taken class by class, then by file name;
 * ids: training images {@code 0..n_train-1} in that order, then test images. Every image must have the
 * size of the first one, at most {@value #MAX_SIDE} pixels a side. When every image is greyscale the samples have one channel, else three (RGB;
 * greyscale images are repeated over the three channels, alpha is dropped).
 */
final class ImageFolderReader {
    /** The largest width and height read (the charts read images of tens of pixels). */
    static final int MAX_SIDE = 8192;
    /** The most pixel bytes of a dataset: what one Java array holds. */
    private static final long MAX_BYTES = Integer.MAX_VALUE - 16;

    private ImageFolderReader() {
    }

    /** Reads {@code root/train} and {@code root/test}. */
    static Dataset read(String name, Path root) {
        Path trainDir = root.resolve("train");
        Path testDir = root.resolve("test");
        for (Path d : List.of(trainDir, testDir)) {
            if (!Files.isDirectory(d)) {
                throw new InvalidInputException(root + ": missing folder " + root.relativize(d)
                        + "/; an image folder dataset holds train/<class>/*.png and test/<class>/*.png");
            }
        }
        List<String> classes = subfolders(trainDir);
        if (classes.isEmpty()) {
            throw new InvalidInputException(trainDir + ": no class sub-folders; expected train/<class>/*.png");
        }
        for (String c : subfolders(testDir)) {
            if (!classes.contains(c)) {
                throw new InvalidInputException(testDir.resolve(c) + ": class '" + c + "' has no folder under "
                        + trainDir + "; every test class must be a training class");
            }
        }
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            List<Path> images = images(trainDir.resolve(classes.get(c)));
            if (images.isEmpty()) {
                throw new InvalidInputException(trainDir.resolve(classes.get(c)) + ": no .png or .jpg images");
            }
            for (Path p : images) {
                files.add(p);
                labels.add(c);
            }
        }
        int nTrain = files.size();
        for (int c = 0; c < classes.size(); c++) {
            for (Path p : images(testDir.resolve(classes.get(c)))) {
                files.add(p);
                labels.add(c);
            }
        }
        SourceFiles source = new SourceFiles(root);
        Decoded decoded = decodeAll(root, files, source);
        int[] allLabels = labels.stream().mapToInt(Integer::intValue).toArray();
        long[] ids = new long[files.size()];
        Arrays.setAll(ids, i -> i);
        int size = decoded.shape.size();
        Samples train = Samples.images(Arrays.copyOfRange(ids, 0, nTrain), Arrays.copyOfRange(allLabels, 0, nTrain),
                decoded.shape, Arrays.copyOfRange(decoded.pixels, 0, nTrain * size));
        Samples test = Samples.images(Arrays.copyOfRange(ids, nTrain, ids.length),
                Arrays.copyOfRange(allLabels, nTrain, ids.length), decoded.shape,
                Arrays.copyOfRange(decoded.pixels, nTrain * size, ids.length * size));
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("format", "image-folder");
        metadata.put("folder", root.toString());
        return new Dataset(name, classes, train, test, Map.of(), source.fingerprint(), metadata);
    }

    private static Decoded decodeAll(Path root, List<Path> files, SourceFiles source) {
        ImageIO.setUseCache(false);
        BufferedImage first = decode(files.get(0), SourceFiles.readRaw(files.get(0)));
        int h = first.getHeight();
        int w = first.getWidth();
        int plane = h * w;
        if ((long) files.size() * 3 * plane > MAX_BYTES) {
            throw new InvalidInputException(root + ": " + files.size()
                    + " images of " + w + "x" + h + " need " + (long) files.size() * 3 * plane + " bytes, more than the "
                    + MAX_BYTES + " one array holds; use fewer or smaller images");
        }
        byte[] rgb = new byte[files.size() * 3 * plane];
        boolean[] grey = new boolean[files.size()];
        byte[][] digests = new byte[files.size()][];
        IntStream.range(0, files.size()).parallel().forEach(i -> {
            Path file = files.get(i);
            byte[] bytes = SourceFiles.readRaw(file);
            digests[i] = SourceFiles.hash(bytes);
            BufferedImage img = decode(file, bytes);
            if (img.getHeight() != h || img.getWidth() != w) {
                throw new InvalidInputException(file + ": image is " + img.getWidth() + "x" + img.getHeight() + " but "
                        + files.get(0) + " is " + w + "x" + h + "; all images must share a size, resize them first");
            }
            grey[i] = toChw(img, rgb, i * 3 * plane);
        });
        for (int i = 0; i < files.size(); i++) {
            source.add(files.get(i), digests[i]);
        }
        boolean allGrey = true;
        for (boolean g : grey) {
            allGrey &= g;
        }
        if (!allGrey) {
            return new Decoded(new ImageShape(3, h, w), rgb);
        }
        byte[] single = new byte[files.size() * plane];
        for (int i = 0; i < files.size(); i++) {
            System.arraycopy(rgb, i * 3 * plane, single, i * plane, plane);
        }
        return new Decoded(new ImageShape(1, h, w), single);
    }

    /**
     * Decodes one image, reading its size from the header first: a header that claims a huge image is
     * refused before any pixel memory is allocated.
     */
    private static BufferedImage decode(Path file, byte[] bytes) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new InvalidInputException(file + ": unreadable image (no decoder recognises it)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                if (w < 1 || h < 1 || w > MAX_SIDE || h > MAX_SIDE) {
                    throw new InvalidInputException(file + ": image is " + w + "x" + h + ", expected 1 to " + MAX_SIDE
                            + " pixels a side; resize it first");
                }
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidInputException iie) {
                throw iie;
            }
            throw new InvalidInputException(file + ": unreadable image (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Writes the image as three CHW planes at {@code offset}; a greyscale 8-bit image is copied from its
     * raster without colour conversion.
     *
     * @return whether the image is greyscale
     */
    private static boolean toChw(BufferedImage img, byte[] out, int offset) {
        int h = img.getHeight();
        int w = img.getWidth();
        int plane = h * w;
        Raster raster = img.getRaster();
        boolean grey = img.getColorModel().getNumColorComponents() == 1 && raster.getSampleModel().getSampleSize(0) == 8;
        if (grey) {
            int[] values = raster.getSamples(0, 0, w, h, 0, (int[]) null);
            for (int p = 0; p < plane; p++) {
                byte v = (byte) values[p];
                out[offset + p] = v;
                out[offset + plane + p] = v;
                out[offset + 2 * plane + p] = v;
            }
            return true;
        }
        int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
        for (int p = 0; p < plane; p++) {
            out[offset + p] = (byte) (argb[p] >> 16);
            out[offset + plane + p] = (byte) (argb[p] >> 8);
            out[offset + 2 * plane + p] = (byte) argb[p];
        }
        return false;
    }

    private static List<String> subfolders(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new InvalidInputException(dir + ": cannot list (" + e.getMessage() + ")", e);
        }
    }

    private static List<Path> images(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return Files.isRegularFile(p) && (n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg"));
            }).sorted().toList();
        } catch (IOException e) {
            throw new InvalidInputException(dir + ": cannot list (" + e.getMessage() + ")", e);
        }
    }

    private record Decoded(ImageShape shape, byte[] pixels) {
    }
}
