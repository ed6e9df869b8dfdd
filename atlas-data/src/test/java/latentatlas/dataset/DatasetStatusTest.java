package latentatlas.dataset;

import latentatlas.InvalidInputException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static latentatlas.dataset.IdxReaderTest.assertOneLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The missing-dataset rule: the status of a dataset and the one-line reason a test is skipped with. */
class DatasetStatusTest {
    private static final String[] PROPERTIES = {"atlas.shared.data", "atlas.fashion-mnist"};
    private final String[] saved = new String[PROPERTIES.length];

    @TempDir
    Path dir;

    @BeforeEach
    void save() {
        Arrays.setAll(saved, i -> System.getProperty(PROPERTIES[i]));
    }

    @AfterEach
    void restore() {
        for (int i = 0; i < PROPERTIES.length; i++) {
            if (saved[i] == null) {
                System.clearProperty(PROPERTIES[i]);
            } else {
                System.setProperty(PROPERTIES[i], saved[i]);
            }
        }
    }

    @Test
    void aMissingDatasetSaysWhereItWasLookedForAndHowToGetIt() {
        System.setProperty("atlas.shared.data", dir.toString());
        System.setProperty("atlas.fashion-mnist", dir.resolve("fm").toString());
        DatasetStatus clinc = Datasets.status("clinc150");
        assertFalse(clinc.found());
        Path folder = dir.resolve("clinc150");
        assertEquals("clinc150 not found in " + folder + "; to get it: copy data_full.json from"
                + " https://github.com/clinc/oos-eval (data/) into " + folder, clinc.reason());
        DatasetStatus fashion = Datasets.status("fashion-mnist");
        assertFalse(fashion.found());
        assertEquals("fashion-mnist not found in " + dir.resolve("fm") + "; to get it: sudo apt-get install"
                + " dataset-fashion-mnist", fashion.reason());
    }

    @Test
    void aPresentDatasetSaysWhereItWasFound() throws IOException {
        System.setProperty("atlas.shared.data", dir.toString());
        Files.createDirectories(dir.resolve("banking77"));
        for (String file : new String[] {"train.csv", "test.csv"}) {
            Files.writeString(dir.resolve("banking77").resolve(file), "text,category\n");
        }
        assertFalse(Datasets.status("banking77").found(), "categories.json is still missing");
        Files.writeString(dir.resolve("banking77/categories.json"), "[]");
        DatasetStatus banking = Datasets.status("banking77");
        assertTrue(banking.found());
        assertEquals("banking77 found in " + dir.resolve("banking77"), banking.reason());
    }

    @Test
    void aFolderFormNeedsItsFolderAndAnUnknownSpecIsOneLine() {
        DatasetStatus cifar = Datasets.status("cifar10:DIR");
        assertFalse(cifar.found());
        assertEquals("cifar10:DIR needs a folder: DIR holding data_batch_1..5.bin and test_batch.bin"
                + " (or cifar-10-batches-bin/)", cifar.reason());
        assertOneLine(assertThrows(InvalidInputException.class, () -> Datasets.status("svhn")),
                "dataset: expected one of fashion-mnist, clinc150, banking77, mnist:DIR, cifar10:DIR, cifar100:DIR,"
                        + " images:DIR, found 'svhn'");
    }
}
