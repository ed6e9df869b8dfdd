package latentatlas.charts;

import latentatlas.dataset.Dataset;
import latentatlas.dataset.ImageShape;
import latentatlas.dataset.Samples;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** Test helper: Fashion-MNIST from the Debian package's IDX files (ids: train 0..59999, test 60000..69999). */
final class FashionMnist {
    static final Path DIR = Path.of("/usr/share/datasets/fashion-mnist");
    private static Dataset cached;

    private FashionMnist() {
    }

    static synchronized Dataset load() {
        if (cached == null) {
            Samples train = split("train", 0);
            Samples test = split("t10k", train.size());
            cached = new Dataset("fashion-mnist", List.of("t-shirt", "trouser", "pullover", "dress", "coat", "sandal",
                    "shirt", "sneaker", "bag", "ankle-boot"), train, test, Map.of(), "test-fixture", Map.of());
        }
        return cached;
    }

    private static Samples split(String prefix, long firstId) {
        byte[] images = read(DIR.resolve(prefix + "-images-idx3-ubyte.gz"), 16);
        byte[] labelBytes = read(DIR.resolve(prefix + "-labels-idx1-ubyte.gz"), 8);
        long[] ids = new long[labelBytes.length];
        int[] labels = new int[labelBytes.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = firstId + i;
            labels[i] = labelBytes[i];
        }
        return Samples.images(ids, labels, new ImageShape(1, 28, 28), images);
    }

    private static byte[] read(Path file, int header) {
        try (InputStream in = new DataInputStream(new GZIPInputStream(Files.newInputStream(file)))) {
            in.readNBytes(header);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first {@code perClass} training ids of each class, in id order, then split off every 10th as validation. */
    static long[][] trainAndValidation(Dataset d, int[] classes, int perClass) {
        List<Long> train = new ArrayList<>();
        List<Long> validation = new ArrayList<>();
        for (int c : classes) {
            int taken = 0;
            for (int i = 0; i < d.train().size() && taken < perClass; i++) {
                if (d.train().labels()[i] == c) {
                    (taken % 10 == 9 ? validation : train).add(d.train().ids()[i]);
                    taken++;
                }
            }
        }
        return new long[][] {train.stream().mapToLong(Long::longValue).toArray(),
            validation.stream().mapToLong(Long::longValue).toArray()};
    }

    /** Every test id of the given classes. */
    static long[] testIds(Dataset d, int[] classes) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < d.test().size(); i++) {
            for (int c : classes) {
                if (d.test().labels()[i] == c) {
                    out.add(d.test().ids()[i]);
                }
            }
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }
}
