package latentatlas.cli.badinput;

import latentatlas.cli.Main;
import latentatlas.io.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static latentatlas.cli.badinput.BadInputSuite.Case.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile datasets for {@code atlas datasets} and {@code atlas tasks} (IDX folders, image folders, CIFAR,
 * Banking77, CLINC150), and odd inputs that were silently clamped ({@code atlas compare --k}). Each case
 * writes a tiny dataset (see {@link TinyDatasets}) and spoils one thing.
 */
class DatasetBadInputTest extends BadInputSuite {
    private static final String ESC = "\u001b[31m";

    private static Case tasks(String name, String expected, String spec, Setup setup) {
        return of(name, expected, setup, "tasks", "--dataset", spec, "--setting", "disjoint", "--anchors", "2",
                "--out", "{dir}/plan.json");
    }

    private static Case datasets(String name, String expected, String spec, Setup setup) {
        return of(name, expected, setup, "datasets", spec);
    }

    /** The valid mnist folder, then one of its four files replaced. */
    private static Setup idxWith(String file, byte[] bytes) {
        return dir -> {
            TinyDatasets.mnist(dir);
            Files.write(dir.resolve("data").resolve(file), bytes);
        };
    }

    /** @return the 60 training labels of the valid mnist folder, label {@code value} at {@code at} */
    private static byte[] labelsWith(int at, int value) {
        int[] labels = TinyDatasets.cycle(60, 10);
        labels[at] = value;
        return TinyDatasets.idxLabels(labels);
    }

    /** An IDX image header (magic 0x803) with the given dimensions and no data. */
    private static byte[] imageHeader(int n, int rows, int cols) {
        return ByteBuffer.allocate(16).putInt(0x803).putInt(n).putInt(rows).putInt(cols).array();
    }

    /** Banking77 in {@code DIR/b}: the categories, then train.csv and test.csv with the header text,category. */
    private static Setup banking(List<String> categories, String trainRows, String testRows) {
        return dir -> {
            Path b = Files.createDirectories(dir.resolve("b"));
            StringBuilder json = new StringBuilder("[");
            for (String c : categories) {
                json.append(json.length() > 1 ? ", " : "").append('"').append(c.replace("\u001b", "\\u001b")).append('"');
            }
            Files.writeString(b.resolve("categories.json"), json.append("]\n"));
            Files.writeString(b.resolve("train.csv"), "text,category\n" + trainRows);
            Files.writeString(b.resolve("test.csv"), "text,category\n" + testRows);
        };
    }

    /** Two spaces of 40 rows x 3 (ids 0..39), the first with labels 0/1 beside it. */
    private static void spaces(Path dir) {
        Inputs.space(dir, "a", 40, 3, 1);
        Inputs.space(dir, "b", 40, 3, 2);
        int[] labels = new int[40];
        Arrays.setAll(labels, i -> i % 2);
        Npy.writeInts(dir.resolve("a.labels.npy"), labels);
    }

    @Override
    protected List<Case> cases() {
        String mnist = TinyDatasets.MNIST;
        String images = "images:{dir}/data";
        return List.of(
                // labels that leave declared classes empty, or fall outside them
                tasks("data-class-without-training-sample", "class '4' (4 of 10) has no training sample", mnist,
                        dir -> TinyDatasets.idx(dir.resolve("data"), TinyDatasets.cycle(40, 4), TinyDatasets.cycle(8, 4), 2, 2)),
                tasks("data-text-category-without-training-row", "class 'card" + "\\x1b[31m" + "' (2 of 3) has no training sample",
                        "banking77:{dir}/b", banking(List.of("atm", "bill", "card" + ESC), "a,atm\nb,atm\nc,bill\nd,bill\n",
                                "e,atm\nf,bill\n")),
                datasets("data-idx-label-out-of-range", "label 12 of sample 3 is out of range (expected 0..9)", mnist,
                        idxWith("train-labels-idx1-ubyte", labelsWith(3, 12))),
                datasets("data-text-intent-not-declared", "has intent 'loan', which is not one of the 2 classes", "banking77:{dir}/b",
                        banking(List.of("atm", "bill"), "a,atm\nb,loan\n", "c,atm\n")),
                // IDX headers and sizes
                datasets("data-idx-dimension-overflow", "promise more than 2147483631 bytes", mnist,
                        idxWith("train-images-idx3-ubyte", imageHeader(1 << 21, 1 << 21, 1 << 22))),
                datasets("data-idx-negative-dimension", "invalid dimension -5 in the header", mnist,
                        idxWith("t10k-images-idx3-ubyte", imageHeader(2, -5, 2))),
                datasets("data-idx-wrong-magic", "wrong magic number 0x00000801", mnist,
                        idxWith("train-images-idx3-ubyte", ByteBuffer.wrap(TinyDatasets.idxImages(60, 2, 2)).putInt(0, 0x801).array())),
                datasets("data-idx-truncated", "truncated (3 data bytes, the header promises 6)", mnist,
                        idxWith("train-labels-idx1-ubyte", Arrays.copyOf(TinyDatasets.idxLabels(TinyDatasets.cycle(6, 6)), 11))),
                datasets("data-idx-trailing-bytes", "bytes beyond the", mnist,
                        idxWith("t10k-labels-idx1-ubyte", Arrays.copyOf(TinyDatasets.idxLabels(TinyDatasets.cycle(20, 10)), 40))),
                datasets("data-idx-counts-differ", "holds 60 images but", mnist,
                        idxWith("train-labels-idx1-ubyte", TinyDatasets.idxLabels(TinyDatasets.cycle(59, 10)))),
                datasets("data-idx-splits-of-two-sizes", "both splits must share a size", mnist,
                        idxWith("t10k-images-idx3-ubyte", TinyDatasets.idxImages(20, 3, 3))),
                datasets("data-idx-empty-training-split", "the training split holds no samples", mnist, dir -> {
                    TinyDatasets.mnist(dir);
                    Files.write(dir.resolve("data/train-labels-idx1-ubyte"), TinyDatasets.idxLabels(new int[0]));
                    Files.write(dir.resolve("data/train-images-idx3-ubyte"), TinyDatasets.idxImages(0, 2, 2));
                }),
                datasets("data-idx-gzip-cut-short", "not a complete gzip file", mnist, dir -> {
                    TinyDatasets.mnist(dir);
                    Path plain = dir.resolve("data/train-images-idx3-ubyte");
                    ByteArrayOutputStream gz = new ByteArrayOutputStream();
                    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
                        out.write(Files.readAllBytes(plain));
                    }
                    Files.delete(plain);
                    byte[] bytes = gz.toByteArray();
                    Files.write(dir.resolve("data/train-images-idx3-ubyte.gz"), Arrays.copyOf(bytes, bytes.length / 2));
                }),
                // image folders
                datasets("data-images-of-two-sizes", "all images must share a size", images, dir -> {
                    TinyDatasets.images(dir);
                    TinyDatasets.png(dir.resolve("data/train/b/1.png"), 5, 4, 3);
                }),
                datasets("data-images-header-claims-huge-image", "image is 100000x100000, expected 1 to 8192 pixels a side",
                        images, dir -> {
                            TinyDatasets.images(dir);
                            Files.write(dir.resolve("data/train/a/0.png"), TinyDatasets.pngClaiming(100_000, 100_000));
                        }),
                datasets("data-images-not-an-image", "unreadable image", images, dir -> {
                    TinyDatasets.images(dir);
                    Files.writeString(dir.resolve("data/test/b/0.png"), "not a png\n");
                }),
                datasets("data-images-empty-test-split", "the test split holds no samples", images, dir -> {
                    TinyDatasets.images(dir);
                    Files.delete(dir.resolve("data/test/a/0.png"));
                    Files.delete(dir.resolve("data/test/b/0.png"));
                }),
                datasets("data-images-empty-class-folder", "no .png or .jpg images", images, dir -> {
                    TinyDatasets.images(dir);
                    Files.createDirectories(dir.resolve("data/train/c"));
                }),
                datasets("data-images-test-class-name-with-escape", "class 'dog\\x1b[31m\\x0a' has no folder under", images, dir -> {
                    TinyDatasets.images(dir);
                    TinyDatasets.png(dir.resolve("data/test/dog" + ESC + "\n/0.png"), 4, 4, 9);
                }),
                // CIFAR, Banking77 and CLINC150
                datasets("data-cifar-class-name-twice", "class name 'cat' is given twice (classes 3 and 5)", "cifar10:{dir}/c",
                        dir -> {
                            Path c = Files.createDirectories(dir.resolve("c"));
                            for (String f : new String[] {"data_batch_1", "data_batch_2", "data_batch_3", "data_batch_4",
                                "data_batch_5", "test_batch"}) {
                                Inputs.bytes(c, f + ".bin", new byte[3073]);
                            }
                            Files.writeString(c.resolve("batches.meta.txt"),
                                    "airplane\nautomobile\nbird\ncat\ndeer\ncat\nfrog\nhorse\nship\ntruck\n");
                        }),
                datasets("data-text-quote-never-closed", "quoted field never closed", "banking77:{dir}/b",
                        banking(List.of("atm"), "a,atm\n\"b,atm\n", "c,atm\n")),
                datasets("data-cifar-truncated-batch", "truncated (3000 bytes is not a whole number of 3073-byte records)",
                        "cifar10:{dir}/c", dir -> Inputs.bytes(Files.createDirectories(dir.resolve("c")), "data_batch_1.bin", new byte[3000])),
                datasets("data-cifar-label-out-of-range", "label 10 of record 0 is out of range (expected 0..9)", "cifar10:{dir}/c", dir -> {
                    byte[] record = new byte[3073];
                    record[0] = 10;
                    Inputs.bytes(Files.createDirectories(dir.resolve("c")), "data_batch_1.bin", record);
                }),
                datasets("data-clinc-not-json", "not valid JSON", "clinc150:{dir}/t", dir -> Files.writeString(
                        Files.createDirectories(dir.resolve("t")).resolve("data_full.json"), "{\"train\": [[\"hi\", ")),
                datasets("data-clinc-pair-of-three", "train[1] is not a [sentence, intent] pair", "clinc150:{dir}/t",
                        dir -> Files.writeString(Files.createDirectories(dir.resolve("t")).resolve("data_full.json"),
                                "{\"train\": [[\"hi\", \"greet\"], [\"a\", \"b\", \"c\"]], \"test\": [], \"val\": []}")),
                // silent clamps: k at or above the common ids
                of("compare-k-at-the-common-ids", "k (40) neighbours must be below the 40 common ids", dir -> {
                    Inputs.space(dir, "a", 40, 3, 1);
                    Inputs.space(dir, "b", 40, 3, 2);
                }, "compare", "{dir}/a.npy", "{dir}/b.npy", "--k", "40"),
                of("compare-k-above-the-training-rows", "k (33) neighbours exceed the 32 training rows of the 80/20 split",
                        DatasetBadInputTest::spaces, "compare", "{dir}/a.npy", "{dir}/b.npy", "--k", "33"));
    }

    /** {@code atlas datasets} prints class names read from folder names escaped, so they cannot drive the terminal. */
    @Test
    void classNamesWithTerminalEscapesArePrintedEscaped(@TempDir Path dir) {
        for (String c : new String[] {"cat" + ESC, "dog\u001b]0;title\u0007"}) {
            for (String split : new String[] {"train", "test"}) {
                TinyDatasets.png(dir.resolve("data/" + split + "/" + c + "/0.png"), 4, 4, c.length());
            }
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), "datasets", "images:" + dir.resolve("data"));
        assertEquals(0, status, err.toString());
        assertTrue(out.toString().contains("classes cat\\x1b[31m, dog\\x1b]0;title\\x07"), out.toString());
        assertFalse(out.toString().contains("\u001b"), "no escape character reaches the terminal");
        assertFalse(out.toString().contains("\u0007"), "no bell either");
    }
}
