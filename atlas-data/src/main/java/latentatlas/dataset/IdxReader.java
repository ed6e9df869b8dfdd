package latentatlas.dataset;

import latentatlas.InvalidInputException;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

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
    /** The most data bytes one IDX file may hold: what one Java array holds. */
    private static final long MAX_BYTES = Integer.MAX_VALUE - 16;

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
        // the test split (about a seventh of the bytes) is read alongside the training split
        CompletableFuture<Split> testFuture = CompletableFuture.supplyAsync(() -> readSplit(folder, "t10k", classes.size()));
        Split train = readSplit(folder, "train", classes.size());
        Split test = join(testFuture);
        SourceFiles files = new SourceFiles(folder);
        for (Split s : List.of(train, test)) {
            s.files.forEach(f -> files.add(f.file(), f.sha256()));
        }
        if (train.shape.height() != test.shape.height() || train.shape.width() != test.shape.width()) {
            throw new InvalidInputException(folder + ": training images are " + train.shape.height() + "x"
                    + train.shape.width() + " but test images " + test.shape.height() + "x" + test.shape.width()
                    + "; both splits must share a size");
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("format", "idx");
        metadata.put("folder", folder.toString());
        return new Dataset(name, classes, train.samples(0), test.samples(train.labels.length), Map.of(),
                files.fingerprint(), metadata);
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

    private static Split readSplit(Path folder, String prefix, int classCount) {
        SourceFiles.Raw imageFile = SourceFiles.readUnrecorded(locate(folder, prefix, "images", 3));
        SourceFiles.Raw labelFile = SourceFiles.readUnrecorded(locate(folder, prefix, "labels", 1));
        Content images = content(imageFile, IMAGES_MAGIC, 3);
        Content labelBytes = content(labelFile, LABELS_MAGIC, 1);
        int[] dims = images.dims;
        if (dims[0] != labelBytes.dims[0]) {
            throw new InvalidInputException(imageFile.file() + " holds " + dims[0] + " images but " + labelFile.file()
                    + " holds " + labelBytes.dims[0] + " labels; they must match");
        }
        int n = dims[0];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = labelBytes.data[i] & 0xff;
            if (labels[i] >= classCount) {
                throw new InvalidInputException(labelFile.file() + ": label " + labels[i] + " of sample " + i
                        + " is out of range (expected 0.." + (classCount - 1) + ")");
            }
        }
        return new Split(labels, new ImageShape(1, dims[1], dims[2]), images.data, List.of(imageFile, labelFile));
    }

    /**
     * Streams the (gunzipped) file: checks the magic number, reads the dimensions, then exactly the
     * data the header promises into an array of that size (no intermediate copies).
     */
    private static Content content(SourceFiles.Raw raw, int magic, int rank) {
        Path file = raw.file();
        try (DataInputStream in = new DataInputStream(raw.open())) {
            byte[] header = in.readNBytes(4 + 4 * rank);
            if (header.length < 4 + 4 * rank) {
                throw new InvalidInputException(file + ": truncated header (" + header.length + " bytes, expected "
                        + (4 + 4 * rank) + ")");
            }
            ByteBuffer buf = ByteBuffer.wrap(header);
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
                // exact: the product of the dimensions read so far stays at most MAX_BYTES, so it never overflows
                if (dims[i] > 0 && expected > MAX_BYTES / dims[i]) {
                    throw new InvalidInputException(file + ": the header's dimensions " + dimensions(header, i + 1)
                            + " promise more than " + MAX_BYTES + " bytes, more than one array holds; the file is corrupt");
                }
                expected *= dims[i];
            }
            byte[] data = in.readNBytes((int) expected);
            if (data.length < expected) {
                throw new InvalidInputException(file + ": truncated (" + data.length + " data bytes, the header promises "
                        + expected + "); download it again");
            }
            long extra = in.transferTo(OutputStream.nullOutputStream());
            if (extra > 0) {
                throw new InvalidInputException(file + ": " + extra + " bytes beyond the " + expected
                        + " the header promises; the file is corrupt");
            }
            return new Content(dims, data);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": not a complete gzip file (" + e.getMessage() + "); download it again", e);
        }
    }

    /** @return the first {@code count} dimensions of the header, e.g. {@code 60000 x 28 x 28} */
    private static String dimensions(byte[] header, int count) {
        ByteBuffer buf = ByteBuffer.wrap(header, 4, 4 * count);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            sb.append(i == 0 ? "" : " x ").append(buf.getInt());
        }
        return sb.toString();
    }

    private record Content(int[] dims, byte[] data) {
    }

    /** Waits for a split read on another thread, passing its one-line error on unchanged. */
    private static Split join(CompletableFuture<Split> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }

    private record Split(int[] labels, ImageShape shape, byte[] pixels, List<SourceFiles.Raw> files) {
        Samples samples(long firstId) {
            long[] ids = new long[labels.length];
            Arrays.setAll(ids, i -> firstId + i);
            return Samples.images(ids, labels, shape, pixels);
        }
    }
}
