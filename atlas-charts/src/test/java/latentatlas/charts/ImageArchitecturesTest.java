package latentatlas.charts;

import latentatlas.dataset.Dataset;
import latentatlas.space.LatentSpace;
import latentatlas.tasks.Task;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The other image architectures (resnet, mlp) on the sneaker-versus-ankle-boot subset of Fashion-MNIST
 * (600 images per class): each learns from scratch, and a saved chart reloads (through the name its
 * manifest records) to the same embeddings.
 */
@Tag("real-data")
class ImageArchitecturesTest {
    @ParameterizedTest
    @ValueSource(strings = {ResidualCnn.NAME, PixelMlp.NAME})
    void learnsAndRoundTrips(String name, @TempDir Path dir) {
        Dataset data = FashionMnistTasks.open();
        long[][] split = FashionMnistTasks.trainAndValidation(data, ChartTest.CLASSES, 600);
        Task task = new Task(1, ChartTest.CLASSES, split[0], split[1], FashionMnistTasks.testIds(data, ChartTest.CLASSES));
        ChartTrainer trainer = ChartTrainer.builder().setConfig(TrainingConfig.charts().withMaxEpochs(2).withSeed(7))
                .optArchitecture(ChartArchitectures.imageFactory(name)).build();
        try (Chart chart = trainer.train(data, task, "plan-x")) {
            double accuracy = chart.manifest().metrics().get("testAccuracy");
            // chance is 0.5; the small CNN reaches 0.96 in 3 epochs on 1,800 images
            assertTrue(accuracy > 0.85, name + ": test accuracy " + accuracy);
            assertEquals(name, chart.manifest().architecture().get("name"));
            chart.save(dir);
            LatentSpace before = chart.embed("before", data.test().select(task.testIds()));
            try (Chart loaded = Chart.load(dir)) {
                LatentSpace after = loaded.embed("after", data.test().select(task.testIds()));
                assertArrayEquals(before.rawVectors(), after.rawVectors(), 0f);
                assertEquals(128, after.dim());
            }
        }
    }
}
