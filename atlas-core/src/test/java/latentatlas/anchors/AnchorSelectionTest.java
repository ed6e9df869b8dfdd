package latentatlas.anchors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import latentatlas.InvalidInputException;
import latentatlas.io.Npy;
import latentatlas.space.LatentSpace;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The anchor strategies: the nearest-to-centroid and farthest-point rules row for row against numpy
 * (fixtures/anchors/anchors.py: exact, both compute in float64 from the same float32 points), the
 * stratified counts, k-means on three separated blobs, and the random strategy as the planners drew
 * it before strategies existed.
 */
class AnchorSelectionTest {
    private static final Path DIR = fixtures();
    private static final float[] X = Npy.readMatrix(DIR.resolve("x.npy")).data();
    private static final int N = 300;
    private static final int D = 6;

    private static Path fixtures() {
        try {
            return Path.of(AnchorSelectionTest.class.getResource("/fixtures/anchors/anchors.json").toURI()).getParent();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int[] expected(String key) throws Exception {
        JsonNode node = new ObjectMapper().readTree(DIR.resolve("anchors.json").toFile()).get(key);
        int[] out = new int[node.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = node.get(i).asInt();
        }
        return out;
    }

    /** The fixture's points with ids 1000 + 3 * row (not the rows: ids are mapped back) and blob labels. */
    private static LatentSpace space() {
        long[] ids = LongStream.range(0, N).map(r -> 1000 + 3 * r).toArray();
        int[] labels = new int[N];
        Arrays.setAll(labels, r -> r / 100);
        return LatentSpace.of("x", ids, X.clone(), D, labels);
    }

    private static AnchorPool pool() {
        LatentSpace s = space();
        return new AnchorPool(s.ids(), s.labels(), AnchorFeatures.of(s), "the fixture");
    }

    @Test
    void nearestDistinctMatchesNumpy() throws Exception {
        float[] centroids = Npy.readMatrix(DIR.resolve("centroids.npy")).data();
        assertArrayEquals(expected("nearest"), AnchorSelection.nearestDistinct(X, N, D, centroids, 12));
    }

    @Test
    void farthestMatchesNumpy() throws Exception {
        assertArrayEquals(expected("farthest"), AnchorSelection.farthest(X, N, D, 17, 20));
    }

    @Test
    void randomIsTheShuffleOfTheSortedPool() {
        long[] reversed = LongStream.range(0, 500).map(i -> 2 * (500 - i)).toArray();
        long[] chosen = AnchorSelection.select(AnchorStrategy.RANDOM, new AnchorPool(reversed, null, null, "p"), 40,
                new Random(5));
        long[] sorted = reversed.clone();
        Arrays.sort(sorted);
        Random random = new Random(5);
        for (int i = sorted.length - 1; i > 0; i--) { // Fisher-Yates, as Shuffles draws it
            int j = random.nextInt(i + 1);
            long t = sorted[i];
            sorted[i] = sorted[j];
            sorted[j] = t;
        }
        long[] want = Arrays.copyOf(sorted, 40);
        Arrays.sort(want);
        assertArrayEquals(want, chosen);
    }

    @Test
    void stratifiedCountsDifferByAtMostOne() {
        for (int k : new int[] {3, 10, 31, 299}) {
            long[] chosen = AnchorSelection.select(AnchorStrategy.STRATIFIED, pool(), k, new Random(k));
            int[] perClass = new int[3];
            for (long id : chosen) {
                perClass[(int) ((id - 1000) / 3) / 100]++;
            }
            int min = Arrays.stream(perClass).min().orElseThrow();
            int max = Arrays.stream(perClass).max().orElseThrow();
            assertEquals(k, Arrays.stream(perClass).sum());
            assertTrue(max - min <= 1, "k " + k + ": " + Arrays.toString(perClass));
            assertEquals(k, LongStream.of(chosen).distinct().count());
        }
    }

    @Test
    void stratifiedFillsFromTheLargerClassesWhenOneRunsOut() {
        long[] ids = LongStream.range(0, 12).toArray();
        int[] labels = {0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2};
        long[] chosen = AnchorSelection.select(AnchorStrategy.STRATIFIED, new AnchorPool(ids, labels, null, "p"), 9,
                new Random(1));
        int[] perClass = new int[3];
        for (long id : chosen) {
            perClass[labels[(int) id]]++;
        }
        assertEquals(1, perClass[0]);
        assertTrue(Math.abs(perClass[1] - perClass[2]) <= 1, Arrays.toString(perClass));
    }

    @Test
    void kmeansTakesOneAnchorPerSeparatedBlob() {
        long[] chosen = AnchorSelection.select(AnchorStrategy.KMEANS, pool(), 3, new Random(2));
        int[] blobs = LongStream.of(chosen).mapToInt(id -> (int) ((id - 1000) / 3) / 100).sorted().toArray();
        assertArrayEquals(new int[] {0, 1, 2}, blobs);
    }

    @Test
    void everyStrategyGivesDistinctSortedPoolIdsAndRepeatsWithTheSeed() {
        for (AnchorStrategy s : AnchorStrategy.values()) {
            long[] a = AnchorSelection.select(s, pool(), 25, new Random(9));
            long[] b = AnchorSelection.select(s, pool(), 25, new Random(9));
            assertArrayEquals(a, b, s.toString());
            assertEquals(25, LongStream.of(a).distinct().count(), s.toString());
            long[] sorted = a.clone();
            Arrays.sort(sorted);
            assertArrayEquals(sorted, a, s.toString());
            for (long id : a) {
                assertTrue(id >= 1000 && (id - 1000) % 3 == 0 && id < 1000 + 3 * N, s + ": " + id);
            }
        }
    }

    @Test
    void mistakesAreOneLineNamingTheInput() {
        InvalidInputException tooMany = assertThrows(InvalidInputException.class,
                () -> AnchorSelection.select(AnchorStrategy.RANDOM, pool(), 301, new Random(0)));
        assertEquals(java.util.List.of("anchors"), tooMany.inputs());
        assertTrue(tooMany.getMessage().contains("300 candidates") && tooMany.getMessage().contains("301"));
        InvalidInputException noLabels = assertThrows(InvalidInputException.class, () -> AnchorSelection.select(
                AnchorStrategy.STRATIFIED, new AnchorPool(new long[] {1, 2}, null, null, "p"), 1, new Random(0)));
        assertEquals(java.util.List.of("anchorSelection"), noLabels.inputs());
        assertThrows(InvalidInputException.class, () -> AnchorSelection.select(
                AnchorStrategy.FARTHEST, new AnchorPool(new long[] {1, 2}, null, null, "p"), 1, new Random(0)));
        InvalidInputException unknown = assertThrows(InvalidInputException.class, () -> AnchorStrategy.parse("best"));
        assertTrue(unknown.getMessage().contains("random, stratified, kmeans, farthest"), unknown.getMessage());
    }

    @Test
    void amongCommonIdsChoosesOnlyIdsEverySpaceHoldsMeasuredInTheReference() {
        LatentSpace a = space();
        LatentSpace b = a.select("b", LongStream.range(0, 150).map(r -> 1000 + 3 * r).toArray()); // blob 0 and half of 1
        long[] chosen = AnchorSelection.amongCommonIds(AnchorStrategy.FARTHEST, java.util.List.of(a, b), a, 10, 3);
        assertEquals(10, chosen.length);
        for (long id : chosen) {
            assertTrue(b.contains(id), "id " + id + " is not in every space");
        }
        int[] rows = AnchorSelection.farthest(b.rawVectors(), 150, D, new Random(3).nextInt(150), 10);
        long[] want = java.util.Arrays.stream(rows).mapToLong(b::id).sorted().toArray();
        assertArrayEquals(want, chosen, "farthest point in the reference's rows of the common ids");
        InvalidInputException tooMany = assertThrows(InvalidInputException.class,
                () -> AnchorSelection.amongCommonIds(AnchorStrategy.RANDOM, java.util.List.of(a, b), a, 151, 3));
        assertEquals(java.util.List.of("selectAnchors"), tooMany.inputs());
        LatentSpace unlabelled = LatentSpace.of("u", a.ids(), a.rawVectors(), D, null);
        assertEquals(java.util.List.of("strategy"), assertThrows(InvalidInputException.class,
                () -> AnchorSelection.amongCommonIds(AnchorStrategy.STRATIFIED, java.util.List.of(unlabelled), unlabelled,
                        5, 3)).inputs());
        LatentSpace disjoint = LatentSpace.of("d", new long[] {1, 2}, new float[2 * D], D, null);
        assertThrows(InvalidInputException.class,
                () -> AnchorSelection.amongCommonIds(AnchorStrategy.RANDOM, java.util.List.of(a, disjoint), a, 1, 3));
    }
}
