package latentatlas.analyses;

import latentatlas.space.LatentSpace;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * The quick profile's 10-NN reference: a seeded sample of training samples, the same samples whatever
 * the space's row order, with every row of each chosen sample (a naive space has several per sample).
 */
class KnnReferenceTest {
    @Test
    void sameSamplesInEverySpaceAndAllRowsOfEach() {
        long[] ids = new long[40];
        Arrays.setAll(ids, i -> 100 + i);
        LatentSpace single = space(ids);
        long[] reversedTwice = new long[80];
        for (int i = 0; i < 40; i++) {
            reversedTwice[i] = ids[39 - i];
            reversedTwice[40 + i] = ids[i];
        }
        long[] rowNumbers = new long[80];
        Arrays.setAll(rowNumbers, i -> i);
        LatentSpace naive = space(rowNumbers);

        LatentSpace fromSingle = SpaceAnalyses.knnReference(single, ids, 10, 7);
        LatentSpace fromNaive = SpaceAnalyses.knnReference(naive, reversedTwice, 10, 7);
        long[] chosen = Arrays.stream(fromSingle.ids()).sorted().toArray();
        assertEquals(10, chosen.length);
        assertEquals(20, fromNaive.size());
        long[] naiveSamples = Arrays.stream(fromNaive.ids()).map(row -> reversedTwice[(int) row]).toArray();
        assertArrayEquals(chosen, Arrays.stream(naiveSamples).distinct().sorted().toArray());
        assertEquals(2, Arrays.stream(naiveSamples).filter(id -> id == chosen[0]).count());
        assertSame(single, SpaceAnalyses.knnReference(single, ids, 40, 7));
    }

    private static LatentSpace space(long[] ids) {
        float[] v = new float[ids.length * 2];
        for (int i = 0; i < v.length; i++) {
            v[i] = 1 + i % 7;
        }
        int[] labels = Arrays.stream(ids).mapToInt(id -> (int) (id % 3)).toArray();
        return LatentSpace.of("s", ids, v, 2, labels);
    }
}
