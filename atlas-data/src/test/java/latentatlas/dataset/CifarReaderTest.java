package latentatlas.dataset;

import latentatlas.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static latentatlas.dataset.IdxReaderTest.assertOneLine;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CifarReaderTest {
    @TempDir
    Path dir;

    private Path cifar10(int perBatch, int test) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("cifar-10-batches-bin"));
        for (int b = 1; b <= 5; b++) {
            Files.write(folder.resolve("data_batch_" + b + ".bin"),
                    SyntheticFiles.cifarRecords(perBatch, (b - 1) * perBatch, 1, 10));
        }
        Files.write(folder.resolve("test_batch.bin"), SyntheticFiles.cifarRecords(test, 5 * perBatch, 1, 10));
        Files.writeString(folder.resolve("batches.meta.txt"),
                "airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n\n");
        return folder;
    }

    @Test
    void readsCifar10FromTheParentFolder() throws IOException {
        cifar10(3, 2);
        Dataset d = Datasets.open("cifar10:" + dir);
        assertEquals(List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"),
                d.classes());
        assertEquals(15, d.train().size());
        assertEquals(new ImageShape(3, 32, 32), d.train().shape());
        assertArrayEquals(new long[] {15, 16}, d.test().ids());
        // record 14 (batch 5, third record): label (3*14+1) mod 10 = 3
        assertEquals(3, d.train().labels()[14]);
        // sample 14, channel 2 (blue), row 31, column 30: (7*14 + 5*2 + 3*31 + 30) mod 256 = 231
        assertEquals(231, d.train().pixels()[14 * 3072 + 2 * 1024 + 31 * 32 + 30] & 0xff);
        // test sample 1 is global record 16: label (3*16+1) mod 10 = 9, channel 0 row 0 col 0 = 112
        assertEquals(9, d.test().labels()[1]);
        assertEquals(112, d.test().pixels()[3072] & 0xff);
    }

    @Test
    void readsCifar100WithCoarseLabelsAsMetadata() throws IOException {
        Files.write(dir.resolve("train.bin"), SyntheticFiles.cifarRecords(30, 0, 2, 100));
        Files.write(dir.resolve("test.bin"), SyntheticFiles.cifarRecords(4, 30, 2, 100));
        Dataset d = Datasets.open("cifar100:" + dir);
        assertEquals(100, d.classCount());
        assertEquals("99", d.classes().get(99), "numbered names without fine_label_names.txt");
        // fine label of record 29: (3*29+1) mod 100 = 88, coarse 88 mod 20 = 8
        assertEquals(88, d.train().labels()[29]);
        assertEquals(8, ((int[]) d.metadata().get("trainCoarseLabels"))[29]);
        // test record 3 = global 33: fine 0, coarse 0
        assertEquals(0, d.test().labels()[3]);
        assertEquals(4, ((int[]) d.metadata().get("testCoarseLabels")).length);
        assertEquals(20, ((List<?>) d.metadata().get("coarseClasses")).size());
        assertEquals((7 * 33 + 5 + 3 + 1) % 256, d.test().pixels()[3 * 3072 + 1024 + 32 + 1] & 0xff);
    }

    @Test
    void rejectsTruncatedRecords() throws IOException {
        Path folder = cifar10(3, 2);
        Files.write(folder.resolve("data_batch_4.bin"), SyntheticFiles.truncate(SyntheticFiles.cifarRecords(3, 9, 1, 10), 100));
        assertOneLine(assertThrows(InvalidInputException.class, () -> Datasets.open("cifar10:" + folder)),
                "data_batch_4.bin: truncated (9119 bytes is not a whole number of 3073-byte records)");
    }

    @Test
    void rejectsLabelsOutOfRange() throws IOException {
        Path folder = cifar10(3, 2);
        byte[] test = SyntheticFiles.cifarRecords(2, 15, 1, 10);
        test[3073] = 10;
        Files.write(folder.resolve("test_batch.bin"), test);
        assertOneLine(assertThrows(InvalidInputException.class, () -> Datasets.open("cifar10:" + folder)),
                "test_batch.bin: label 10 of record 1 is out of range (expected 0..9)");
        byte[] train = SyntheticFiles.cifarRecords(5, 0, 2, 100);
        train[2 * 3074] = 25;
        Files.write(dir.resolve("train.bin"), train);
        Files.write(dir.resolve("test.bin"), SyntheticFiles.cifarRecords(1, 5, 2, 100));
        assertOneLine(assertThrows(InvalidInputException.class, () -> Datasets.open("cifar100:" + dir)),
                "coarse label 25 of record 2 is out of range (expected 0..19)");
    }

    @Test
    void rejectsMissingBatchesAndWrongNameCounts() throws IOException {
        Path folder = cifar10(3, 2);
        Files.writeString(folder.resolve("batches.meta.txt"), "cat\ndog\n");
        assertOneLine(assertThrows(InvalidInputException.class, () -> Datasets.open("cifar10:" + folder)),
                "batches.meta.txt: 2 class names, expected 10");
        Files.delete(folder.resolve("batches.meta.txt"));
        Files.delete(folder.resolve("test_batch.bin"));
        assertOneLine(assertThrows(InvalidInputException.class, () -> Datasets.open("cifar10:" + folder)),
                "test_batch.bin: missing");
    }
}
