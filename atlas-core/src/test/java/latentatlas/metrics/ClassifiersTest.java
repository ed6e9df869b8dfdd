package latentatlas.metrics;

import latentatlas.InvalidInputException;
import latentatlas.space.LatentSpace;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Nearest centroid and cosine kNN against scikit-learn (metrics.py): predictions must be identical
 * (the fixture has no centroid or k-th-neighbour gap below 1e-4, so float32 cannot flip one).
 */
class ClassifiersTest {
    private final LatentSpace train = MetricsFixture.space("clf_train_x", "clf_train_y");
    private final LatentSpace test = MetricsFixture.space("clf_test_x", "clf_test_y");

    @Test
    void nearestCentroidMatchesSklearn() {
        NearestCentroid model = NearestCentroid.fit(train);
        assertArrayEquals(new int[] {1, 4, 7, 10, 13}, model.classes());
        assertArrayEquals(MetricsFixture.ints("centroid_pred"), model.predict(test));
    }

    @Test
    void cosineKnnMatchesSklearnWithK10() {
        assertArrayEquals(MetricsFixture.ints("knn10_pred"), CosineKnn.fit(train, 10).predict(test));
    }

    @Test
    void cosineKnnBreaksVoteTiesLikeSklearn() {
        assertTrue(MetricsFixture.number("knn4_vote_ties") > 0, "the fixture must contain tied votes");
        assertArrayEquals(MetricsFixture.ints("knn4_pred"), CosineKnn.fit(train, 4).predict(test));
    }

    @Test
    void accuracyOverallAndOnSubsets() {
        int[] truth = {1, 1, 2, 2, 3};
        int[] pred = {1, 2, 2, 2, 1};
        assertEquals(3 / 5.0, Accuracy.of(truth, pred), 0);
        assertEquals(0.5, Accuracy.on(truth, pred, Set.of(1)).orElseThrow(), 0);
        assertEquals(1 / 3.0, Accuracy.on(truth, pred, Set.of(1, 3)).orElseThrow(), 1e-15);
        assertTrue(Accuracy.on(truth, pred, Set.of(9)).isEmpty());
    }

    @Test
    void zeroVectorIsAnInputError() {
        LatentSpace zero = LatentSpace.of("z", new long[] {5, 6}, new float[] {1, 0, 0, 0}, 2, new int[] {0, 1});
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> CosineKnn.fit(zero, 1));
        assertTrue(e.getMessage().contains("row 1 (id 6) is the zero vector"), e.getMessage());
    }
}
