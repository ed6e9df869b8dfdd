package latentatlas.dataset;

import latentatlas.InvalidInputException;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an IDX folder (the MNIST format, LeCun et al.): {@code train-images-idx3-ubyte},
 * {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte},
 * each optionally gzipped ({@code .gz}); a dot may replace the dash before {@code idx}.
 *
 * <p>Format: big-endian magic {@code 0x00000803} (unsigned bytes, 3 dimensions) then n, rows, cols and
 * {@code n*rows*cols} pixels; labels: magic {@code 0x00000801}, n, then n bytes. Images become
 * {@code n x 1 x rows x cols}; ids: training images {@code 0..n_train-1}, test images follow.
 */
final class IdxReader {
    private static final int IMAGES_MAGIC = 0x00000803;
    private static final int LABELS_MAGIC = 0x00000801;

    /** The ten Fashion-MNIST classes, in label order (Xiao et al., 2017). */
    static final List<String> FASHION_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    /** The ten MNIST digits. */
    static final List<String> DIGIT_CLASSES = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    private IdxReader() {
    }

    /**
     * @param name the dataset name
     * @param folder the folder with the four IDX files
     * @param classes class names; labels must be below their count
     */
    static Dataset read(String name, Path folder, List<String> classes) {
        SourceFiles files = new SourceFiles(folder);
        Split train = readSplit(files, folder, "train", 0, classes.size());
        Split test = readSplit(files, folder, "t10k", train.labels.length, classes.size());
        if (train.shape.height() != test.shape.height() || train.shape.width() != test.shape.width()) {
            throw new InvalidInputException(folder + ": training images are " + train.shape.height() + "x"
                    + train.shape.width() + " but test images " + test.shape.height() + "x" + test.shape.width()
                    + "; both splits must share a size");
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("format", "idx");
        metadata.put("folder", folder.toString());
        return new Dataset(name, classes, train.samples(), test.samples(), Map.of(), files.fingerprint(), metadata);
    }

    /** @return the file for {@code prefix-kind-idxN-ubyte}, gzipped or not, or a one-line error */
    static Path locate(Path folder, String prefix, String kind, int dims) {
        for (String sep : new String[] {"-", "."}) {
            String base = prefix + "-" + kind + sep + "idx" + dims + "-ubyte";
            for (String ext : new String[] {".gz", ""}) {
                Path p = folder.resolve(base + ext);
                if (Files.isRegularFile(p)) {
                    return p;
                }
            }
        }
        throw new InvalidInputException(folder + ": missing " + prefix + "-" + kind + "-idx" + dims
                + "-ubyte[.gz]; an IDX folder holds train-/t10k- images and labels");
    }

    private static Split readSplit(SourceFiles files, Path folder, String prefix, long firstId, int classCount) {
        Path imageFile = locate(folder, prefix, "images", 3);
        Path labelFile = locate(folder, prefix, "labels", 1);
        ByteBuffer images = ByteBuffer.wrap(files.read(imageFile));
        int[] dims = header(imageFile, images, IMAGES_MAGIC, 3);
        ByteBuffer labelBytes = ByteBuffer.wrap(files.read(labelFile));
        int[] labelDims = header(labelFile, labelBytes, LABELS_MAGIC, 1);
        if (dims[0] != labelDims[0]) {
            throw new InvalidInputException(imageFile + " holds " + dims[0] + " images but " + labelFile
                    + " holds " + labelDims[0] + " labels; they must match");
        }
        int n = dims[0];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = labelBytes.get(labelBytes.position() + i) & 0xff;
            if (labels[i] >= classCount) {
                throw new InvalidInputException(labelFile + ": label " + labels[i] + " of sample " + i
                        + " is out of range (expected 0.." + (classCount - 1) + ")");
            }
        }
        long[] ids = new long[n];
        Arrays.setAll(ids, i -> firstId + i);
        byte[] pixels = Arrays.copyOfRange(images.array(), images.position(), images.limit());
        return new Split(ids, labels, new ImageShape(1, dims[1], dims[2]), pixels);
    }

    /** Checks the magic number and the exact length; returns the dimensions and leaves the buffer at the data. */
    private static int[] header(Path file, ByteBuffer buf, int magic, int rank) {
        if (buf.remaining() < 4 + 4 * rank) {
            throw new InvalidInputException(file + ": truncated header (" + buf.remaining() + " bytes, expected at least "
                    + (4 + 4 * rank) + ")");
        }
        int found = buf.getInt();
        if (found != magic) {
            throw new InvalidInputException(String.format("%s: wrong magic number 0x%08x (expected 0x%08x for an IDX "
                    + "%s file)", file, found, magic, rank == 1 ? "label" : "image"));
        }
        int[] dims = new int[rank];
        long expected = 1;
        for (int i = 0; i < rank; i++) {
            dims[i] = buf.getInt();
            if (dims[i] < 0 || (i > 0 && dims[i] == 0)) {
                throw new InvalidInputException(file + ": invalid dimension " + dims[i] + " in the header");
            }
            expected *= dims[i];
        }
        if (buf.remaining() < expected) {
            throw new InvalidInputException(file + ": truncated (" + buf.remaining() + " data bytes, the header promises "
                    + expected + "); download it again");
        }
        if (buf.remaining() > expected) {
            throw new InvalidInputException(file + ": " + (buf.remaining() - expected) + " bytes beyond the "
                    + expected + " the header promises; the file is corrupt");
        }
        return dims;
    }

    private record Split(long[] ids, int[] labels, ImageShape shape, byte[] pixels) {
        Samples samples() {
            return Samples.images(ids, labels, shape, pixels);
        }
    }
}
