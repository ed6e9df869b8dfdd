package latentatlas.metrics;

import latentatlas.InvalidInputException;
import latentatlas.space.LatentSpace;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * K-means against scikit-learn (metrics.py). The random streams differ, so the tests compare what
 * must agree: on well-separated blobs the exact partition (up to a permutation of cluster ids) and the
 * inertia to 1e-6 relative; on overlapping blobs the best-of-10 inertia to 1% of scikit-learn's.
 */
class KMeansTest {
    @Test
    void separatedBlobsGiveSklearnsPartitionAndInertia() {
        LatentSpace blobs = MetricsFixture.space("km_sep_x", null);
        KMeansClustering fit = KMeans.of(5, 42).fit(blobs);
        assertOnePermutationApart(MetricsFixture.labels("km_sep_y"), fit.labels());
        double want = MetricsFixture.number("kmeans_sep_inertia");
        assertEquals(want, fit.inertia(), 1e-6 * want);
        assertEquals(want, inertiaFromCentroids(blobs, fit), 1e-4 * want);
    }

    @Test
    void overlappingBlobsReachSklearnsInertia() {
        KMeansClustering fit = KMeans.of(8, 42).fit(MetricsFixture.space("km_overlap_x", null));
        double want = MetricsFixture.number("kmeans_overlap_inertia");
        assertEquals(want, fit.inertia(), 0.01 * want);
    }

    @Test
    void sameSeedSameClustering() {
        LatentSpace space = MetricsFixture.space("km_overlap_x", null);
        KMeans config = new KMeans(8, 2, 300, 1e-4, 7);
        KMeansClustering a = config.fit(space);
        KMeansClustering b = config.fit(space);
        assertArrayEquals(a.labels(), b.labels());
        assertEquals(a.inertia(), b.inertia(), 0);
        assertTrue(a.iterations() >= 1 && a.iterations() <= 300);
    }

    @Test
    void moreClustersThanRowsIsAnInputError() {
        LatentSpace two = LatentSpace.of("two", new long[] {1, 2}, new float[] {0, 1}, 1, null);
        assertThrows(InvalidInputException.class, () -> KMeans.of(3, 0).fit(two));
        assertThrows(InvalidInputException.class, () -> new KMeans(2, 0, 300, 1e-4, 0));
    }

    /** Cluster ids and true ids must be in one-to-one correspondence. */
    private static void assertOnePermutationApart(int[] truth, int[] got) {
        Map<Integer, Integer> forward = new HashMap<>();
        Map<Integer, Integer> backward = new HashMap<>();
        for (int i = 0; i < truth.length; i++) {
            assertEquals(got[i], forward.merge(truth[i], got[i], (old, now) -> old), "row " + i);
            assertEquals(truth[i], backward.merge(got[i], truth[i], (old, now) -> old), "row " + i);
        }
    }

    private static double inertiaFromCentroids(LatentSpace space, KMeansClustering fit) {
        double s = 0;
        int d = space.dim();
        float[] x = space.rawVectors();
        for (int i = 0; i < space.size(); i++) {
            for (int j = 0; j < d; j++) {
                double diff = x[i * d + j] - fit.centroids()[fit.labels()[i] * d + j];
                s += diff * diff;
            }
        }
        return s;
    }
}
