package latentatlas.metrics;

import latentatlas.InvalidInputException;
import latentatlas.space.LatentSpace;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Block-wise silhouette against scikit-learn's float64 {@code silhouette_score} (metrics.py), to 1e-5
 * absolute: distances are float32 matmuls of centred data (the fixture is offset by 40 on purpose).
 */
class SilhouetteTest {
    private final LatentSpace space = MetricsFixture.space("sil_x", null);

    @Test
    void trueBlobLabelsMatchSklearn() {
        assertEquals(MetricsFixture.number("silhouette_true"),
                Silhouette.score(space, MetricsFixture.labels("sil_y")), 1e-5);
    }

    @Test
    void singletonClusterScoresZeroLikeSklearn() {
        assertEquals(MetricsFixture.number("silhouette_singleton"),
                Silhouette.score(space, MetricsFixture.labels("sil_y_singleton")), 1e-5);
    }

    @Test
    void fourPointsByHand() {
        // clusters {0, 1} and {5, 7} on a line: (a, b) = (1, 6), (1, 5), (2, 4.5), (2, 6.5)
        LatentSpace line = LatentSpace.of("line", new long[] {1, 2, 3, 4}, new float[] {0, 1, 5, 7}, 1, null);
        double want = (5 / 6.0 + 4 / 5.0 + 2.5 / 4.5 + 4.5 / 6.5) / 4;
        assertEquals(want, Silhouette.score(line, new int[] {0, 0, 1, 1}), 1e-6);
    }

    @Test
    void oneClusterIsAnInputError() {
        assertThrows(InvalidInputException.class, () -> Silhouette.score(space, new int[space.size()]));
    }
}
