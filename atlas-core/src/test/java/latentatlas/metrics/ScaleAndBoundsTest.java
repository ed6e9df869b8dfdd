package latentatlas.metrics;

import latentatlas.TestSpaces;
import latentatlas.space.LatentSpace;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scale-invariant metrics give the same result on {@code 2^70 x} and {@code 2^-100 x} as on {@code x}
 * (power-of-two scales, so the float32 inputs are exact copies: the results must agree to the last bit or
 * to float32 rounding), where plain float32 squared norms overflow (2^140 > 3.4e38) or underflow; and the
 * range check of bounded metrics clamps rounding and refuses more.
 */
class ScaleAndBoundsTest {
    private static LatentSpace scaled(LatentSpace space, int exponent) {
        float[] v = space.rawVectors().clone();
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.scalb(v[i], exponent);
        }
        return LatentSpace.of("scaled", space.ids(), v, space.dim(), space.hasLabels() ? space.labels() : null);
    }

    private static LatentSpace labelled() {
        LatentSpace g = TestSpaces.gaussian(90, 6, 0, 3);
        int[] labels = new int[g.size()];
        float[] v = g.rawVectors().clone();
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 3;
            v[i * 6 + labels[i]] += 3;
        }
        return LatentSpace.of("labelled", g.ids(), v, 6, labels);
    }

    @Test
    void silhouetteKMeansAndCentroidsIgnoreTheScale() {
        LatentSpace x = labelled();
        for (int e : new int[] {70, -100}) {
            LatentSpace s = scaled(x, e);
            assertEquals(Silhouette.score(x, x.labels()), Silhouette.score(s, s.labels()), 1e-6, "silhouette 2^" + e);
            KMeansClustering a = KMeans.of(3, 1).fit(x);
            KMeansClustering b = KMeans.of(3, 1).fit(s);
            assertArrayEquals(a.labels(), b.labels(), "k-means 2^" + e);
            assertEquals(Math.scalb(a.inertia(), 2 * e), b.inertia(), Math.scalb(a.inertia(), 2 * e) * 1e-12);
            assertArrayEquals(NearestCentroid.fit(x).predict(x), NearestCentroid.fit(s).predict(s), "centroids 2^" + e);
            assertEquals(ClassSeparability.of(x, java.util.Set.of()), ClassSeparability.of(s, java.util.Set.of()), 1e-9);
        }
    }

    @Test
    void boundsClampRoundingAndRefuseMore() {
        assertEquals(1.0, Bounds.clamp("CKA", 1.0000001, 0, 1, Bounds.FLOAT32), 0);
        assertEquals(0.0, Bounds.clamp("CKA", -1e-7, 0, 1, Bounds.FLOAT32), 0);
        assertEquals(0.5, Bounds.clamp("CKA", 0.5, 0, 1, Bounds.FLOAT32), 0);
        String message = assertThrows(IllegalStateException.class, () -> Bounds.clamp("CKA", 1.001, 0, 1, Bounds.FLOAT32))
                .getMessage();
        assertTrue(message.contains("CKA = 1.001 lies outside [0.0, 1.0]"), message);
        assertThrows(IllegalStateException.class, () -> Bounds.clamp("CKA", Double.NaN, 0, 1, Bounds.FLOAT32));
        assertThrows(IllegalStateException.class, () -> Bounds.clamp("V-measure", 1 + 1e-8, 0, 1, Bounds.FLOAT64));
    }
}
