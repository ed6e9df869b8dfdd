package latentatlas.metrics;

import latentatlas.InvalidInputException;
import latentatlas.io.Npy;
import latentatlas.space.LatentSpace;
import latentatlas.space.LatentSpaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * B holds A's rows in reverse order plus ids A lacks, so joined by id the spaces are identical:
 * Jaccard = MRR = CKA = 1, and two tight classes far apart make every classifier and k-means perfect.
 */
class SpaceComparisonTest {
    private static final int N = 30;

    /** Row i: class i % 2 at (10 c + 0.1 i, 10 c + 0.0025 i^2, 1), id 100 + i. */
    private static LatentSpace a(boolean labelled) {
        float[] v = new float[N * 3];
        long[] ids = new long[N];
        int[] labels = new int[N];
        for (int i = 0; i < N; i++) {
            int c = i % 2;
            v[i * 3] = 10 * c + 0.1f * i;
            v[i * 3 + 1] = 10 * c + 0.0025f * i * i;
            v[i * 3 + 2] = 1;
            ids[i] = 100 + i;
            labels[i] = 3 + 4 * c;
        }
        return LatentSpace.of("a", ids, v, 3, labelled ? labels : null);
    }

    /** A's rows reversed, then two rows of ids A does not have. */
    private static LatentSpace reversedWithExtras() {
        LatentSpace a = a(false);
        int n = N + 2;
        float[] v = new float[n * 3];
        long[] ids = new long[n];
        for (int i = 0; i < N; i++) {
            System.arraycopy(a.row(N - 1 - i), 0, v, i * 3, 3);
            ids[i] = a.id(N - 1 - i);
        }
        ids[N] = 1;
        ids[N + 1] = 2;
        v[N * 3] = 5;
        v[(N + 1) * 3 + 1] = 5;
        return LatentSpace.of("b", ids, v, 3, null);
    }

    @Test
    void identicalSpacesJoinedByIdAgreeEverywhere() {
        SpaceComparison.Result result = new SpaceComparison(5, 42, List.of(3)).compare(a(true), reversedWithExtras());
        assertEquals(N, result.commonIds());
        assertArrayEquals(a(true).ids(), result.b().ids());
        assertArrayEquals(a(true).labels(), result.b().labels());
        var m = result.metrics();
        assertEquals(List.of("neighbourhood.jaccard@5", "neighbourhood.mrr", "cka.linear", "a.separability",
                "a.centroid_accuracy", "a.centroid_accuracy.classes", "a.centroid_accuracy.other_classes",
                "a.knn_accuracy", "a.knn_accuracy.classes", "a.knn_accuracy.other_classes", "a.kmeans.homogeneity",
                "a.kmeans.completeness", "a.kmeans.v_measure", "a.kmeans.mutual_info", "a.kmeans.adjusted_mutual_info",
                "a.kmeans.silhouette", "a.class_silhouette"), List.copyOf(m.keySet()).subList(0, 17));
        assertEquals(3 + 2 * 14, m.size());
        assertEquals(1.0, m.get("neighbourhood.jaccard@5"), 1e-12);
        assertEquals(1.0, m.get("neighbourhood.mrr"), 1e-12);
        assertEquals(1.0, m.get("cka.linear"), 1e-9);
        for (String s : new String[] {"a", "b"}) {
            assertEquals(1.0, m.get(s + ".centroid_accuracy"), 0);
            assertEquals(1.0, m.get(s + ".knn_accuracy.classes"), 0);
            assertEquals(1.0, m.get(s + ".kmeans.v_measure"), 1e-12);
            assertEquals(Math.log(2), m.get(s + ".kmeans.mutual_info"), 1e-12);
        }
        assertEquals(m.get("a.separability"), m.get("b.separability"), 1e-9);
    }

    @Test
    void withoutLabelsOrOneCoordinateSystemOnlyWhatApplies() {
        LatentSpace narrow = a(false).rows(new int[] {0, 1, 2, 3, 4, 5}).withLabels(null);
        float[] v = new float[6 * 2];
        for (int i = 0; i < 6; i++) {
            v[i * 2] = narrow.row(i)[0];
            v[i * 2 + 1] = narrow.row(i)[2];
        }
        LatentSpace twoWide = LatentSpace.of("2-d", narrow.ids(), v, 2, null);
        SpaceComparison.Result result = new SpaceComparison(5, 42, List.of()).compare(narrow, twoWide);
        assertEquals(List.of("neighbourhood.jaccard@5", "cka.linear"), List.copyOf(result.metrics().keySet()));
        assertTrue(result.agreement().meanReciprocalRank().isEmpty());
    }

    /** A k the common ids cannot serve is refused, never clamped (a Jaccard at k = n - 1 is 1 whatever the spaces). */
    @Test
    void aKAtOrAboveTheCommonIdsIsRefused() {
        LatentSpace six = a(false).rows(new int[] {0, 1, 2, 3, 4, 5}).withLabels(null);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new SpaceComparison(6, 42, List.of()).compare(six, six));
        assertEquals("k (6) neighbours must be below the 6 common ids of the two spaces (each id's neighbours are the"
                + " other ids); use k of at most 5", e.getMessage());
        assertEquals(List.of("k"), e.inputs());
        assertEquals(1.0, new SpaceComparison(5, 42, List.of()).compare(six, six).metrics().get("neighbourhood.jaccard@5"));
        // labelled: the k-NN classifier votes among the floor(0.8 * 30) = 24 training rows of the split
        String labelled = assertThrows(InvalidInputException.class,
                () -> new SpaceComparison(25, 42, List.of()).compare(a(true), a(true))).getMessage();
        assertTrue(labelled.startsWith("k (25) neighbours exceed the 24 training rows of the 80/20 split of the 30"
                + " common ids"), labelled);
        assertTrue(new SpaceComparison(24, 42, List.of()).compare(a(true), a(true)).metrics().containsKey("a.knn_accuracy"));
    }

    @Test
    void tooFewCommonIdsAndNoNeighboursAreErrors() {
        LatentSpace one = LatentSpace.of("one", new long[] {100, 7}, new float[] {1, 2, 3, 4, 5, 6}, 3, null);
        String few = assertThrows(InvalidInputException.class,
                () -> new SpaceComparison(10, 42, List.of()).compare(a(false), one)).getMessage();
        assertEquals("the two spaces (30 and 2 ids) share 1 ids, need at least 2: compare spaces of the same"
                + " samples, with their ids", few);
        assertEquals("neighbours k: expected at least 1, found 0",
                assertThrows(InvalidInputException.class, () -> new SpaceComparison(0, 42, List.of())).getMessage());
    }

    @Test
    void idsDefaultToTheSiblingFileElseTheRowNumbers(@TempDir Path dir) {
        Npy.writeMatrix(dir.resolve("x.npy"), new float[] {1, 2, 3, 4}, 2, 2);
        assertArrayEquals(new long[] {0, 1}, LatentSpaces.loadWithDefaultIds(dir.resolve("x.npy"), null, null).ids());
        assertEquals(null, LatentSpaces.sibling(dir.resolve("x.npy"), "labels"));
        Npy.writeLongs(dir.resolve("x.ids.npy"), new long[] {7, 9});
        Npy.writeInts(dir.resolve("x.labels.npy"), new int[] {1, 0});
        assertEquals(dir.resolve("x.labels.npy"), LatentSpaces.sibling(dir.resolve("x.npy"), "labels"));
        LatentSpace x = LatentSpaces.loadWithDefaultIds(dir.resolve("x.npy"), null, dir.resolve("x.labels.npy"));
        assertArrayEquals(new long[] {7, 9}, x.ids());
        assertArrayEquals(new int[] {1, 0}, x.labels());
        Npy.writeLongs(dir.resolve("short.npy"), new long[] {1});
        String message = assertThrows(InvalidInputException.class,
                () -> LatentSpaces.loadWithDefaultIds(dir.resolve("x.npy"), dir.resolve("short.npy"), null)).getMessage();
        assertTrue(message.contains("1 ids for the 2 rows"), message);
        assertFalse(message.contains("\n"), message);
    }
}
