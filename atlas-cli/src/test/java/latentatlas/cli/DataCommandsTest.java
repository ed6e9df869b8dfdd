package latentatlas.cli;

import latentatlas.dataset.DataPaths;
import latentatlas.dataset.DatasetStatus;
import latentatlas.dataset.Datasets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import static latentatlas.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code atlas datasets} and {@code atlas tasks} through {@link Main#run}. */
class DataCommandsTest {
    @TempDir
    Path dir;

    private static void assertUserError(CliRun r, String expectedPart) {
        assertEquals(Main.USER_ERROR, r.status(), r.err());
        assertEquals(1, r.err().lines().count(), "one line: " + r.err());
        assertTrue(r.err().contains(expectedPart), r.err());
        assertFalse(r.err().contains("Exception"), "no stack trace");
    }

    @Test
    @Tag("real-data")
    void tooManySharedClassesIsOneLineAndExitTwo() {
        DatasetStatus status = Datasets.status("fashion-mnist");
        assumeTrue(status.found(), status.reason());
        assertUserError(run("tasks", "--dataset", "fashion-mnist", "--setting", "shared-classes", "--shared", "12",
                "--novel", "2"), "shared classes (12) plus novel classes per task (2) exceed the 10 classes of fashion-mnist");
    }

    @Test
    void truncatedIdxIsOneLineAndExitTwo() throws IOException {
        ByteBuffer labels = ByteBuffer.allocate(8 + 3).putInt(0x801).putInt(5);
        Files.write(dir.resolve("train-labels-idx1-ubyte"), labels.array());
        ByteBuffer images = ByteBuffer.allocate(16 + 5 * 4).putInt(0x803).putInt(5).putInt(2).putInt(2);
        Files.write(dir.resolve("train-images-idx3-ubyte"), images.array());
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), labels.array());
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), images.array());
        assertUserError(run("tasks", "--dataset", "mnist:" + dir, "--setting", "disjoint"),
                "train-labels-idx1-ubyte: truncated (3 data bytes, the header promises 5)");
    }

    @Test
    void optionErrorsAreOneLine() {
        assertUserError(run("tasks", "--dataset", "fashion-mnist", "--setting", "shared"), "--setting 'shared' is unknown");
        assertUserError(run("tasks", "--dataset", "fashion-mnist", "--setting", "disjoint", "--shared", "3"),
                "--shared does not apply to --setting disjoint");
        assertUserError(run("tasks", "--dataset", "fashion-mnist", "--setting", "disjoint-samples", "--mixture", "0.8,x"),
                "is not a comma-separated list of fractions");
    }

    @Test
    @Tag("real-data")
    void anUnknownMembershipFailsBeforeAnyTraining() {
        DatasetStatus status = Datasets.status("fashion-mnist");
        assumeTrue(status.found(), status.reason());
        assertUserError(run("run", "--dataset", "fashion-mnist", "--setting", "disjoint", "--membership", "oracle,top0-maxprob",
                "--out", dir.resolve("run").toString()), "--membership: membership mode 'top0-maxprob' is unknown; expected oracle, all");
        assertFalse(Files.exists(dir.resolve("run")), "nothing written");
    }

    @Test
    @Tag("real-data")
    void tasksPrintsTheTableAndWritesIdenticalPlans() throws IOException {
        DatasetStatus status = Datasets.status("banking77");
        assumeTrue(status.found(), status.reason());
        Path first = dir.resolve("a.json");
        Path second = dir.resolve("b.json");
        String[] args = {"tasks", "--dataset", "banking77", "--setting", "shared-classes", "--shared", "37",
            "--novel", "15", "--seed", "7", "--out", first.toString()};
        CliRun r = run(args);
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("task  classes    train  validation     test  anchors"), r.out());
        assertEquals(1 + 2, r.out().lines().filter(l -> l.matches("\\s+\\d+\\s+\\d+\\s+\\d+.*")).count(),
                "task 0 and 2 chart tasks: " + r.out());
        assertTrue(r.out().contains("10 classes are in no chart task"), r.out());
        args[args.length - 1] = second.toString();
        assertEquals(0, run(args).status());
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));
    }

    @Test
    void datasetsListsWhereItLooked() {
        CliRun r = run("datasets");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("fashion-mnist"));
        assertTrue(r.out().contains(DataPaths.fashionMnist().toString()));
        assertTrue(r.out().contains("cifar100:DIR"));
        assertUserError(run("datasets", "cifar10:" + dir), "no data_batch_1.bin here nor in cifar-10-batches-bin/");
    }
}
