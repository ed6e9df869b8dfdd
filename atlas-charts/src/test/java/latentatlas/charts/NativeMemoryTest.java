package latentatlas.charts;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import latentatlas.dataset.Dataset;
import latentatlas.dataset.Samples;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Native memory is scoped: over a 20-epoch run the resident set size (VmRSS of /proc/self/status,
 * read after every epoch) stays flat after the first epochs. A per-batch leak of one copy of the
 * parameters (about 0.9 MB for this network) would add about 50 MB over the 57 batches measured.
 */
@Tag("real-data")
class NativeMemoryTest {
    @Test
    void residentSizeStaysFlatOverTwentyEpochs() {
        Dataset data = FashionMnistTasks.open();
        long[] ids = Arrays.copyOfRange(data.train().ids(), 0, 300);
        long[] validationIds = Arrays.copyOfRange(data.train().ids(), 300, 400);
        Samples train = data.train().select(ids);
        Samples validation = data.train().select(validationIds);
        SmallCnn architecture = SmallCnn.fit(train);
        List<Long> rss = new ArrayList<>();
        ProgressListener meter = new ProgressListener() {
            @Override
            public void onEpoch(EpochRecord record) {
                System.gc();
                rss.add(residentKb());
            }
        };
        TrainingConfig config = TrainingConfig.charts().withMaxEpochs(20).withPatience(1000);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = architecture.inputs(manager, train);
            NDArray vx = architecture.inputs(manager, validation);
            NetworkTrainer.builder().setConfig(config).optListener(meter).optAugmentation(ImageAugmentation.standard())
                    .build().fit(manager, architecture, 10, x, train.labels(), vx, validation.labels());
        }
        System.out.println("NativeMemoryTest RSS (kB) per epoch: " + rss);
        // Medians of epochs 2-6 and 16-20: robust to a single allocator arena jump (seen: +10 MB once),
        // while a per-batch leak of the Adam temporaries (the bug this test caught) grows by far more.
        long growth = median(rss.subList(15, 20)) - median(rss.subList(1, 6));
        assertTrue(rss.size() == 20 && growth < 25_000,
                "median RSS grew by " + growth + " kB from epochs 2-6 to 16-20: " + rss);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    private static long residentKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
