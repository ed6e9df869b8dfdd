package latentatlas.dataset;

import latentatlas.InvalidInputException;
import latentatlas.Text;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Opens a dataset from its command-line spec; nothing is cached on disk.
 *
 * <table>
 * <caption>Dataset specs</caption>
 * <tr><th>spec</th><th>reads</th></tr>
 * <tr><td>{@code fashion-mnist[:DIR]}</td><td>IDX files, default {@link DataPaths#fashionMnist()}</td></tr>
 * <tr><td>{@code mnist:DIR}</td><td>any IDX folder (digit class names)</td></tr>
 * <tr><td>{@code cifar10:DIR}, {@code cifar100:DIR}</td><td>CIFAR binary format</td></tr>
 * <tr><td>{@code images:DIR}</td><td>{@code train/<class>/*.png|jpg}, {@code test/<class>/...}</td></tr>
 * <tr><td>{@code clinc150[:DIR]}, {@code banking77[:DIR]}</td><td>text intents, default in
 * {@link DataPaths#sharedData()}</td></tr>
 * </table>
 *
 * <p>The dataset's name is the spec as given, so a saved plan names a dataset that can be reopened. Every
 * dataset opened has a training and a test split of at least one sample each, and distinct class names.
 */
public final class Datasets {
    private static final String KNOWN = "fashion-mnist, mnist:DIR, cifar10:DIR, cifar100:DIR, images:DIR, clinc150, banking77";
    private static final Logger LOG = LoggerFactory.getLogger(Datasets.class);

    private Datasets() {
    }

    /**
     * @param spec e.g. {@code fashion-mnist}, {@code cifar100:/data/cifar-100-binary}
     * @return the dataset, fully read
     * @throws InvalidInputException for an unknown spec, a missing folder or a malformed file
     */
    public static Dataset open(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new InvalidInputException(List.of("dataset"), "dataset name is empty; expected one of " + KNOWN);
        }
        int colon = spec.indexOf(':');
        String kind = colon < 0 ? spec : spec.substring(0, colon);
        Path dir = colon < 0 ? null : Path.of(spec.substring(colon + 1));
        Dataset dataset = switch (kind) {
            case "fashion-mnist" -> IdxReader.read(spec, folder(spec, dir, DataPaths.fashionMnist(),
                    "install it with: sudo apt-get install dataset-fashion-mnist"), IdxReader.FASHION_CLASSES);
            case "mnist" -> IdxReader.read(spec, folder(spec, dir, null, null), IdxReader.DIGIT_CLASSES);
            case "cifar10" -> CifarReader.read10(spec, folder(spec, dir, null, null));
            case "cifar100" -> CifarReader.read100(spec, folder(spec, dir, null, null));
            case "images" -> ImageFolderReader.read(spec, folder(spec, dir, null, null));
            case "clinc150" -> Clinc150Reader.read(spec, folder(spec, dir, DataPaths.sharedData().resolve("clinc150"),
                    "it belongs in the shared data folder (set ATLAS_SHARED_DATA)"));
            case "banking77" -> Banking77Reader.read(spec, folder(spec, dir, DataPaths.sharedData().resolve("banking77"),
                    "it belongs in the shared data folder (set ATLAS_SHARED_DATA)"));
            default -> throw new InvalidInputException(List.of("dataset"), "unknown dataset '" + spec + "'; expected one of "
                    + KNOWN);
        };
        checkOpened(spec, dataset);
        LOG.debug("dataset {}: {} classes, {} train and {} test samples, fingerprint {}", Text.printable(spec), dataset.classCount(),
                dataset.train().size(), dataset.test().size(), dataset.fingerprint());
        return dataset;
    }

    /** @return every known dataset, whether it is on this machine, where it was looked for, how to get it */
    public static List<DatasetStatus> describeAll() {
        Path fashion = DataPaths.fashionMnist();
        Path clinc = DataPaths.sharedData().resolve("clinc150");
        Path banking = DataPaths.sharedData().resolve("banking77");
        return List.of(
                new DatasetStatus("fashion-mnist", "Fashion-MNIST: 10 classes, 60,000 train + 10,000 test 28x28 grey images",
                        Files.isRegularFile(fashion.resolve("train-images-idx3-ubyte.gz"))
                                || Files.isRegularFile(fashion.resolve("train-images-idx3-ubyte")),
                        fashion.toString(), "sudo apt-get install dataset-fashion-mnist"),
                new DatasetStatus("clinc150", "CLINC150 intents: 150 classes, 15,000 train + 4,500 test (+3,000 validation)"
                        + " sentences", Files.isRegularFile(clinc.resolve(Clinc150Reader.FILE)), clinc.toString(),
                        "copy data_full.json from https://github.com/clinc/oos-eval (data/) into " + clinc),
                new DatasetStatus("banking77", "Banking77 intents: 77 classes, 10,003 train + 3,080 test sentences",
                        Files.isRegularFile(banking.resolve("train.csv")) && Files.isRegularFile(banking.resolve("test.csv"))
                                && Files.isRegularFile(banking.resolve("categories.json")), banking.toString(),
                        "copy train.csv, test.csv and categories.json from https://github.com/PolyAI-LDN/task-specific-datasets"
                                + " (banking_data/) into " + banking),
                new DatasetStatus("mnist:DIR", "any IDX folder (MNIST and look-alikes): digit classes", false,
                        "DIR with train-/t10k- images-idx3 and labels-idx1 files (.gz or plain)",
                        "download the four files of https://yann.lecun.com/exdb/mnist/ into DIR"),
                new DatasetStatus("cifar10:DIR", "CIFAR-10: 10 classes, 50,000 train + 10,000 test 32x32 colour images", false,
                        "DIR holding data_batch_1..5.bin and test_batch.bin (or cifar-10-batches-bin/)",
                        "unpack cifar-10-binary.tar.gz from https://www.cs.toronto.edu/~kriz/cifar.html into DIR"),
                new DatasetStatus("cifar100:DIR", "CIFAR-100: 100 fine classes (20 coarse as metadata), 50,000 train"
                        + " + 10,000 test", false, "DIR holding train.bin and test.bin (or cifar-100-binary/)",
                        "unpack cifar-100-binary.tar.gz from https://www.cs.toronto.edu/~kriz/cifar.html into DIR"),
                new DatasetStatus("images:DIR", "an image-folder dataset (e.g. Tiny ImageNet reorganised)", false,
                        "DIR holding train/<class>/*.png|jpg and test/<class>/*.png|jpg, all of one size",
                        "arrange the images in that layout (one sub-folder per class)"));
    }

    /**
     * The one rule for a dataset that may be absent (a test that needs it calls
     * {@code assumeTrue(status.found(), status.reason())}, so it is skipped with the reason, never failed;
     * in the test or a {@code @BeforeEach}, since a skip in {@code @BeforeAll} leaves the tests uncounted).
     *
     * @param spec a spec of {@link #describeAll()}, e.g. {@code fashion-mnist}, {@code clinc150}
     * @return whether it is on this machine, where it was looked for and how to get it
     * @throws InvalidInputException for a spec that {@link #describeAll()} does not list
     */
    public static DatasetStatus status(String spec) {
        List<DatasetStatus> all = describeAll();
        for (DatasetStatus s : all) {
            if (s.spec().equals(spec)) {
                return s;
            }
        }
        throw new InvalidInputException("dataset: expected one of "
                + String.join(", ", all.stream().map(DatasetStatus::spec).toList()) + ", found '" + spec + "'");
    }

    /** What every reader's dataset must satisfy: non-empty splits, distinct class names. */
    private static void checkOpened(String spec, Dataset dataset) {
        for (Samples split : List.of(dataset.train(), dataset.test())) {
            if (split.size() == 0) {
                throw new InvalidInputException("dataset '" + spec + "': the " + (split == dataset.train() ? "training"
                        : "test") + " split holds no samples; expected at least one");
            }
        }
        Map<String, Integer> classOf = new HashMap<>();
        for (int c = 0; c < dataset.classCount(); c++) {
            Integer earlier = classOf.putIfAbsent(dataset.classes().get(c), c);
            if (earlier != null) {
                throw new InvalidInputException("dataset '" + spec + "': class name '" + dataset.classes().get(c)
                        + "' is given twice (classes " + earlier + " and " + c + "); class names must be distinct");
            }
        }
    }

    private static Path folder(String spec, Path given, Path fallback, String hint) {
        Path dir = given != null ? given : fallback;
        if (dir == null || dir.toString().isBlank()) {
            throw new InvalidInputException("dataset '" + spec + "' needs a folder: write it as " + spec.replace(":", "")
                    + ":DIR");
        }
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException("dataset '" + spec + "': folder " + dir + " not found"
                    + (given == null && hint != null ? "; " + hint : ""));
        }
        return dir;
    }
}
