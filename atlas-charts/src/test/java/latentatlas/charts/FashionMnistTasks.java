package latentatlas.charts;

import latentatlas.dataset.Dataset;
import latentatlas.dataset.DatasetStatus;
import latentatlas.dataset.Datasets;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Test helper: the real Fashion-MNIST through atlas-data's reader (ids: train 0..59999, test
 * 60000..69999), read once per test JVM, and the small tasks the chart tests cut from it.
 */
final class FashionMnistTasks {
    private static Dataset cached;

    private FashionMnistTasks() {
    }

    /**
     * Call it from a test or a {@code @BeforeEach}: an assumption that fails in {@code @BeforeAll} skips
     * the class without counting its tests as skipped.
     *
     * @return Fashion-MNIST; when it is absent the calling test is skipped with the reason
     */
    static synchronized Dataset open() {
        DatasetStatus status = Datasets.status("fashion-mnist");
        assumeTrue(status.found(), status.reason());
        if (cached == null) {
            cached = Datasets.open("fashion-mnist");
        }
        return cached;
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
