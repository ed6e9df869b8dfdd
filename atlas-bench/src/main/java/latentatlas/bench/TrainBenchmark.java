package latentatlas.bench;

import latentatlas.charts.ChannelNormalization;
import latentatlas.charts.NetworkTrainer;
import latentatlas.charts.SmallCnn;
import latentatlas.charts.TorchRuntime;
import latentatlas.charts.TrainingConfig;
import latentatlas.charts.TrainingResult;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import latentatlas.dataset.ImageShape;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/**
 * Training throughput of the small CNN on given image shapes, measured on the production loop
 * ({@link NetworkTrainer}): random uint8 images and labels, one epoch of {@code batches} batches
 * (after a warm-up epoch), Adam and clipping at 10. Used by {@code atlas bench train}, which prints
 * it next to the same network in PyTorch.
 */
public final class TrainBenchmark {
    private TrainBenchmark() {
    }

    /**
     * @param shape image shape, e.g. 1 x 28 x 28
     * @param classes number of classes
     * @param batches timed batches
     * @param batchSize samples per batch
     * @param warmupBatches batches run before timing
     * @param threads PyTorch intra-op threads
     * @return training images per second
     */
    public static double imagesPerSecond(ImageShape shape, int classes, int batches, int batchSize, int warmupBatches,
                                         int threads) {
        return TorchRuntime.withThreads(threads, () -> measure(shape, classes, batches, batchSize, warmupBatches));
    }

    private static double measure(ImageShape shape, int classes, int batches, int batchSize, int warmupBatches) {
        SplittableRandom random = new SplittableRandom(42);
        SmallCnn architecture = new SmallCnn(shape, new ChannelNormalization(
                filled(shape.channels(), 72.94f), filled(shape.channels(), 90.02f)));
        try (NDManager manager = NDManager.newBaseManager()) {
            if (warmupBatches > 0) {
                run(manager, architecture, classes, warmupBatches, batchSize, random);
            }
            return run(manager, architecture, classes, batches, batchSize, random);
        }
    }

    private static double run(NDManager parent, SmallCnn architecture, int classes, int batches, int batchSize,
                              SplittableRandom random) {
        try (NDManager manager = parent.newSubManager()) {
            int n = batches * batchSize;
            NDArray x = images(manager, architecture.shape(), n, random);
            NDArray validationX = images(manager, architecture.shape(), batchSize, random);
            TrainingConfig config = TrainingConfig.charts().withMaxEpochs(1);
            NetworkTrainer trainer = NetworkTrainer.builder().setConfig(config).build();
            TrainingResult result = trainer.fit(manager, architecture, classes, x, labels(n, classes, random),
                    validationX, labels(batchSize, classes, random));
            return result.history().get(0).samplesPerSecond();
        }
    }

    private static NDArray images(NDManager manager, ImageShape shape, int n, SplittableRandom random) {
        byte[] pixels = new byte[n * shape.size()];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) random.nextInt(256);
        }
        return manager.create(ByteBuffer.wrap(pixels), new Shape(n, shape.channels(), shape.height(), shape.width()),
                DataType.UINT8);
    }

    private static int[] labels(int n, int classes, SplittableRandom random) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = random.nextInt(classes);
        }
        return y;
    }

    private static float[] filled(int n, float value) {
        float[] out = new float[n];
        java.util.Arrays.fill(out, value);
        return out;
    }
}
