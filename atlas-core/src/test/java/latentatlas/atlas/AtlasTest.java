package latentatlas.atlas;

import latentatlas.InvalidInputException;
import latentatlas.membership.MembershipWeights;
import latentatlas.relative.RelativeSpace;
import latentatlas.space.LatentSpace;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Values computed by hand from the definitions in docs/method.md §2. */
class AtlasTest {
    private static final long[] ANCHORS = {100, 200};
    // chart a: ids 1, 2, 3; chart b: ids 2, 3, 4 (ids 2 and 3 are shared)
    private static final RelativeSpace A = new RelativeSpace("a", LatentSpace.of("a", new long[] {1, 2, 3},
            new float[] {1, 0, 0.5f, 0.5f, 0, 1}, 2, new int[] {7, 8, 9}), ANCHORS);
    private static final RelativeSpace B = new RelativeSpace("b", LatentSpace.of("b", new long[] {3, 2, 4},
            new float[] {1, 0, -0.5f, 0.5f, 0.2f, 0.2f}, 2, new int[] {9, 8, 6}), ANCHORS);

    @Test
    void meanOverTheChartsContainingEachId() {
        Atlas atlas = Atlas.merge(List.of(A, B), Aggregation.MEAN);
        assertArrayEquals(new long[] {1, 2, 3, 4}, atlas.space().ids());
        assertArrayEquals(new float[] {1, 0, 0, 0.5f, 0.5f, 0.5f, 0.2f, 0.2f}, atlas.space().rawVectors(), 1e-7f);
        assertArrayEquals(new int[] {1, 2, 2, 1}, atlas.coverage());
        assertArrayEquals(new long[] {0, 2, 2}, atlas.coverageHistogram());
        assertArrayEquals(new int[] {7, 8, 9, 6}, atlas.space().labels());
        assertArrayEquals(ANCHORS, atlas.anchorIds());
    }

    @Test
    void weightedMeanAndFirst() {
        Atlas weighted = Atlas.merge(List.of(A, B), new double[] {1, 3}, Aggregation.MEAN);
        // id 2: (1 * (0.5, 0.5) + 3 * (-0.5, 0.5)) / 4 = (-0.25, 0.5); id 3: (1 * (0, 1) + 3 * (1, 0)) / 4
        assertArrayEquals(new float[] {1, 0, -0.25f, 0.5f, 0.75f, 0.25f, 0.2f, 0.2f},
                weighted.space().rawVectors(), 1e-7f);
        Atlas first = Atlas.merge(List.of(A, B), new double[] {1, 3}, Aggregation.FIRST);
        assertArrayEquals(new float[] {1, 0, 0.5f, 0.5f, 0, 1, 0.2f, 0.2f}, first.space().rawVectors(), 0f);
        assertArrayEquals(new int[] {1, 2, 2, 1}, first.coverage());
    }

    @Test
    void rejectsDifferentAnchorsBadWeightsAndConflictingLabels() {
        RelativeSpace other = new RelativeSpace("c", A.space(), new long[] {100, 300});
        String anchors = assertThrows(InvalidInputException.class,
                () -> Atlas.merge(List.of(A, other), Aggregation.MEAN)).getMessage();
        assertTrue(anchors.contains("column 1: anchor id 300 where 200 was expected"), anchors);
        assertThrows(InvalidInputException.class, () -> Atlas.merge(List.of(A, B), new double[] {1, 0}, Aggregation.MEAN));
        assertThrows(InvalidInputException.class, () -> Atlas.merge(List.of(), Aggregation.MEAN));
        RelativeSpace relabelled = new RelativeSpace("d", B.space().withLabels(new int[] {9, 5, 6}), ANCHORS);
        String labels = assertThrows(InvalidInputException.class,
                () -> Atlas.merge(List.of(A, relabelled), Aggregation.MEAN)).getMessage();
        assertTrue(labels.contains("id 2 has label 8 in space a but 5 in space d"), labels);
    }

    @Test
    void naiveUnionKeepsOneRowPerChartAndSample() {
        NaiveUnion union = NaiveUnion.of(List.of("a", "b"), List.of(A.space(), B.space()));
        assertEquals(6, union.space().size());
        assertArrayEquals(new long[] {0, 1, 2, 3, 4, 5}, union.space().ids());
        assertArrayEquals(new long[] {1, 2, 3, 3, 2, 4}, union.sampleIds());
        assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1}, union.chartIndex());
        assertArrayEquals(B.space().row(1), union.space().row(4), 0f);
        assertArrayEquals(new int[] {7, 8, 9, 9, 8, 6}, union.space().labels());
        LatentSpace wide = LatentSpace.of("w", new long[] {1}, new float[] {1, 2, 3}, 3, null);
        assertThrows(InvalidInputException.class, () -> NaiveUnion.of(List.of("a", "w"), List.of(A.space(), wide)));
    }

    @Test
    void perSampleWeightsFromAMembershipRule() {
        // ids 2 and 3 only (both charts contain them); id 2: chart a alone; id 3: a weight 1, b weight 3
        MembershipWeights w = new MembershipWeights("r", new long[] {3, 2}, 2, new double[] {1, 3, 2, 0});
        Atlas atlas = Atlas.merge(List.of(A, B), w);
        assertArrayEquals(new long[] {3, 2}, atlas.space().ids());
        // id 3: (1 * (0, 1) + 3 * (1, 0)) / 4 = (0.75, 0.25); id 2: chart a's (0.5, 0.5)
        assertArrayEquals(new float[] {0.75f, 0.25f, 0.5f, 0.5f}, atlas.space().rawVectors(), 1e-7f);
        assertArrayEquals(new int[] {2, 1}, atlas.coverage());
        assertArrayEquals(new int[] {9, 8}, atlas.space().labels());
        MembershipWeights missing = new MembershipWeights("r", new long[] {1}, 2, new double[] {0, 1});
        String message = assertThrows(InvalidInputException.class, () -> Atlas.merge(List.of(A, B), missing)).getMessage();
        assertTrue(message.contains("sample 1 to chart b"), message);

        NaiveUnion union = NaiveUnion.of(List.of("a", "b"), List.of(A.space(), B.space()), w);
        assertArrayEquals(new long[] {3, 2, 3}, union.sampleIds());
        assertArrayEquals(new int[] {0, 0, 1}, union.chartIndex());
        assertArrayEquals(B.space().row(0), union.space().row(2), 0f);
    }
}
