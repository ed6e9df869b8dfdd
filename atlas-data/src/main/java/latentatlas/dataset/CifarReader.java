package latentatlas.dataset;

import latentatlas.InvalidInputException;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the CIFAR binary format (Krizhevsky, 2009), from the unpacked {@code cifar-10-binary.tar.gz}
 * or {@code cifar-100-binary.tar.gz} (the folder itself or its parent).
 *
 * <p>CIFAR-10: {@code data_batch_1..5.bin} and {@code test_batch.bin}, records of 1 label byte and
 * 3072 pixel bytes (1024 red, 1024 green, 1024 blue, each 32x32 row-major, i.e. already CHW); class
 * names from {@code batches.meta.txt}. CIFAR-100: {@code train.bin} and {@code test.bin}, records of a
 * coarse label byte, a fine label byte and 3072 pixel bytes; the fine labels are the classes
 * ({@code fine_label_names.txt}) and the coarse labels are kept in the metadata ({@code coarseClasses},
 * {@code trainCoarseLabels}, {@code testCoarseLabels}). Without a names file the classes are named
 * by their number. Ids: training records in file order {@code 0..n_train-1}, then test records.
 */
final class CifarReader {
    private static final ImageShape SHAPE = new ImageShape(3, 32, 32);

    private CifarReader() {
    }

    /** Reads CIFAR-10 from {@code dir} or {@code dir/cifar-10-batches-bin}. */
    static Dataset read10(String name, Path dir) {
        Path folder = resolve(dir, "cifar-10-batches-bin", "data_batch_1.bin");
        SourceFiles files = new SourceFiles(folder);
        List<Path> trainFiles = new ArrayList<>();
        for (int b = 1; b <= 5; b++) {
            trainFiles.add(folder.resolve("data_batch_" + b + ".bin"));
        }
        List<String> classes = names(files, folder.resolve("batches.meta.txt"), 10);
        Records train = records(files, trainFiles, 1, 0, 10);
        Records test = records(files, List.of(folder.resolve("test_batch.bin")), 1, train.size(), 10);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("format", "cifar10-binary");
        metadata.put("folder", folder.toString());
        return new Dataset(name, classes, train.samples(), test.samples(), Map.of(), files.fingerprint(), metadata);
    }

    /** Reads CIFAR-100 from {@code dir} or {@code dir/cifar-100-binary}. */
    static Dataset read100(String name, Path dir) {
        Path folder = resolve(dir, "cifar-100-binary", "train.bin");
        SourceFiles files = new SourceFiles(folder);
        List<String> classes = names(files, folder.resolve("fine_label_names.txt"), 100);
        List<String> coarse = names(files, folder.resolve("coarse_label_names.txt"), 20);
        Records train = records(files, List.of(folder.resolve("train.bin")), 2, 0, 100);
        Records test = records(files, List.of(folder.resolve("test.bin")), 2, train.size(), 100);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("format", "cifar100-binary");
        metadata.put("folder", folder.toString());
        metadata.put("coarseClasses", coarse);
        metadata.put("trainCoarseLabels", train.coarse);
        metadata.put("testCoarseLabels", test.coarse);
        return new Dataset(name, classes, train.samples(), test.samples(), Map.of(), files.fingerprint(), metadata);
    }

    private static Path resolve(Path dir, String subfolder, String marker) {
        if (Files.isRegularFile(dir.resolve(marker))) {
            return dir;
        }
        if (Files.isRegularFile(dir.resolve(subfolder).resolve(marker))) {
            return dir.resolve(subfolder);
        }
        throw new InvalidInputException(dir + ": no " + marker + " here nor in " + subfolder
                + "/; unpack the CIFAR binary archive (https://www.cs.toronto.edu/~kriz/cifar.html) and give its folder");
    }

    /** Class names, one a line, blank lines ignored; numbered names when the file is absent. */
    private static List<String> names(SourceFiles files, Path file, int count) {
        if (!Files.isRegularFile(file)) {
            List<String> numbered = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                numbered.add(Integer.toString(i));
            }
            return List.copyOf(numbered);
        }
        List<String> names = files.readText(file).lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (names.size() != count) {
            throw new InvalidInputException(file + ": " + names.size() + " class names, expected " + count);
        }
        return names;
    }

    /**
     * @param labelBytes 1 (CIFAR-10: label) or 2 (CIFAR-100: coarse, fine)
     */
    private static Records records(SourceFiles files, List<Path> paths, int labelBytes, long firstId, int classCount) {
        int recordSize = labelBytes + SHAPE.size();
        ByteArrayOutputStream pixels = new ByteArrayOutputStream();
        List<int[]> labelChunks = new ArrayList<>();
        List<int[]> coarseChunks = new ArrayList<>();
        for (Path path : paths) {
            if (!Files.isRegularFile(path)) {
                throw new InvalidInputException(path + ": missing; the CIFAR binary folder is incomplete");
            }
            byte[] bytes = files.read(path);
            if (bytes.length == 0 || bytes.length % recordSize != 0) {
                throw new InvalidInputException(path + ": truncated (" + bytes.length + " bytes is not a whole number of "
                        + recordSize + "-byte records); download it again");
            }
            int n = bytes.length / recordSize;
            int[] labels = new int[n];
            int[] coarse = new int[n];
            for (int i = 0; i < n; i++) {
                int at = i * recordSize;
                labels[i] = bytes[at + labelBytes - 1] & 0xff;
                if (labels[i] >= classCount) {
                    throw new InvalidInputException(path + ": label " + labels[i] + " of record " + i
                            + " is out of range (expected 0.." + (classCount - 1) + ")");
                }
                if (labelBytes == 2) {
                    coarse[i] = bytes[at] & 0xff;
                    if (coarse[i] >= 20) {
                        throw new InvalidInputException(path + ": coarse label " + coarse[i] + " of record " + i
                                + " is out of range (expected 0..19)");
                    }
                }
                pixels.write(bytes, at + labelBytes, SHAPE.size());
            }
            labelChunks.add(labels);
            coarseChunks.add(coarse);
        }
        int[] labels = concat(labelChunks);
        long[] ids = new long[labels.length];
        Arrays.setAll(ids, i -> firstId + i);
        return new Records(ids, labels, labelBytes == 2 ? concat(coarseChunks) : null, pixels.toByteArray());
    }

    private static int[] concat(List<int[]> chunks) {
        return chunks.stream().flatMapToInt(Arrays::stream).toArray();
    }

    private record Records(long[] ids, int[] labels, int[] coarse, byte[] pixels) {
        int size() {
            return ids.length;
        }

        Samples samples() {
            return Samples.images(ids, labels, SHAPE, pixels);
        }
    }
}
