package latentatlas.dataset;

import latentatlas.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdxReaderTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void readsGzippedAndPlainIdx(boolean gzip) throws IOException {
        SyntheticFiles.idxFolder(dir, 7, 3, 4, 5, gzip);
        Dataset d = Datasets.open("mnist:" + dir);
        assertEquals("mnist:" + dir, d.name());
        assertEquals(10, d.classCount());
        assertEquals(new ImageShape(1, 4, 5), d.train().shape());
        assertArrayEquals(new long[] {0, 1, 2, 3, 4, 5, 6}, d.train().ids());
        assertArrayEquals(new long[] {7, 8, 9}, d.test().ids());
        // labels (3i + 1) mod 10
        assertArrayEquals(new int[] {1, 4, 7, 0, 3, 6, 9}, d.train().labels());
        assertArrayEquals(new int[] {1, 4, 7}, d.test().labels());
        // pixel (7i + 3y + x) of sample 6, row 2, column 3 at 6*20 + 2*5 + 3
        assertEquals(7 * 6 + 3 * 2 + 3, d.train().pixels()[6 * 20 + 2 * 5 + 3] & 0xff);
        assertEquals(7 * 2 + 3 * 3 + 4, d.test().pixels()[2 * 20 + 3 * 5 + 4] & 0xff);
        assertEquals(64, d.fingerprint().length());
    }

    @Test
    void fingerprintFollowsTheBytesOfTheFiles() throws IOException {
        SyntheticFiles.idxFolder(dir, 7, 3, 4, 5, false);
        String before = Datasets.open("mnist:" + dir).fingerprint();
        assertEquals(before, Datasets.open("mnist:" + dir).fingerprint());
        byte[] images = SyntheticFiles.idxImages(7, 4, 5);
        images[images.length - 1] ^= 1;
        Files.write(dir.resolve("train-images-idx3-ubyte"), images);
        assertNotEquals(before, Datasets.open("mnist:" + dir).fingerprint());
    }

    @Test
    void rejectsWrongMagic() throws IOException {
        SyntheticFiles.idxFolder(dir, 7, 3, 4, 5, false);
        Files.write(dir.resolve("train-labels-idx1-ubyte"), SyntheticFiles.idxImages(7, 1, 1));
        assertOneLine(assertThrows(InvalidInputException.class, () -> Datasets.open("mnist:" + dir)),
                "train-labels-idx1-ubyte: wrong magic number 0x00000803 (expected 0x00000801");
    }

    @Test
    void rejectsTruncatedImages() throws IOException {
        SyntheticFiles.idxFolder(dir, 7, 3, 4, 5, true);
        SyntheticFiles.write(dir.resolve("t10k-images-idx3-ubyte.gz"),
                SyntheticFiles.truncate(SyntheticFiles.idxImages(3, 4, 5), 11), true);
        assertOneLine(assertThrows(InvalidInputException.class, () -> Datasets.open("mnist:" + dir)),
                "t10k-images-idx3-ubyte.gz: truncated (49 data bytes, the header promises 60)");
    }

    @Test
    void rejectsTruncatedGzipStream() throws IOException {
        SyntheticFiles.idxFolder(dir, 7, 3, 4, 5, true);
        Path f = dir.resolve("train-images-idx3-ubyte.gz");
        Files.write(f, SyntheticFiles.truncate(Files.readAllBytes(f), 10));
        assertOneLine(assertThrows(InvalidInputException.class, () -> Datasets.open("mnist:" + dir)),
                "train-images-idx3-ubyte.gz: not a complete gzip file");
    }

    @Test
    void rejectsCountMismatch() throws IOException {
        SyntheticFiles.idxFolder(dir, 7, 3, 4, 5, false);
        Files.write(dir.resolve("train-labels-idx1-ubyte"), SyntheticFiles.idxLabels(6, 10));
        assertOneLine(assertThrows(InvalidInputException.class, () -> Datasets.open("mnist:" + dir)),
                "holds 7 images but");
    }

    @Test
    void rejectsLabelOutOfRange() throws IOException {
        SyntheticFiles.idxFolder(dir, 7, 3, 4, 5, false);
        byte[] labels = SyntheticFiles.idxLabels(3, 10);
        labels[8 + 2] = 12;
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), labels);
        assertOneLine(assertThrows(InvalidInputException.class, () -> Datasets.open("mnist:" + dir)),
                "t10k-labels-idx1-ubyte: label 12 of sample 2 is out of range (expected 0..9)");
    }

    @Test
    void rejectsTrailingBytesAndMissingFiles() throws IOException {
        SyntheticFiles.idxFolder(dir, 7, 3, 4, 5, false);
        byte[] labels = SyntheticFiles.idxLabels(7, 10);
        Files.write(dir.resolve("train-labels-idx1-ubyte"), ByteBuffer.allocate(labels.length + 2).put(labels).array());
        assertOneLine(assertThrows(InvalidInputException.class, () -> Datasets.open("mnist:" + dir)),
                "2 bytes beyond the 7 the header promises");
        Files.delete(dir.resolve("t10k-images-idx3-ubyte"));
        Files.write(dir.resolve("train-labels-idx1-ubyte"), labels);
        assertOneLine(assertThrows(InvalidInputException.class, () -> Datasets.open("mnist:" + dir)),
                "missing t10k-images-idx3-ubyte[.gz]");
    }

    @Test
    void rejectsUnknownSpecsAndMissingFolders() {
        assertOneLine(assertThrows(InvalidInputException.class, () -> Datasets.open("svhn")), "unknown dataset 'svhn'");
        assertOneLine(assertThrows(InvalidInputException.class, () -> Datasets.open("mnist")), "needs a folder");
        assertOneLine(assertThrows(InvalidInputException.class, () -> Datasets.open("cifar10:" + dir.resolve("nope"))),
                "not found");
    }

    static void assertOneLine(InvalidInputException e, String expectedPart) {
        assertTrue(e.getMessage().contains(expectedPart), () -> "message '" + e.getMessage() + "' lacks '" + expectedPart + "'");
        assertEquals(1, e.getMessage().lines().count(), "one line");
    }
}
