package latentatlas.atlas;

import latentatlas.InvalidInputException;
import latentatlas.membership.MembershipWeights;
import latentatlas.relative.Normalization;
import latentatlas.relative.RelativeProjector;
import latentatlas.relative.Similarity;
import latentatlas.space.LatentSpace;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two 2-D charts, the second a 90-degree rotation of the first scaled by 2: the anchors (ids 1, 2) are
 * the unit axes in chart a; sample 3 is (3, 4), so its cosines are (0.6, 0.8) in both charts; sample 4
 * is only in chart b, at (0, 2) = anchor 1 there: cosines (1, 0); sample 5 is (1, 1) in a, cosines
 * (1/sqrt2, 1/sqrt2), but (0, 3) in b, cosines (1, 0) (by hand, docs/method.md §2).
 */
class AtlasBuilderTest {
    private static final long[] ANCHORS = {1, 2};
    private static final float R = (float) (1 / Math.sqrt(2));
    private static final LatentSpace A = LatentSpace.of("a", new long[] {1, 2, 3, 5},
            new float[] {1, 0, 0, 1, 3, 4, 1, 1}, 2, null);
    // (x, y) -> (-2y, 2x)
    private static final LatentSpace B = LatentSpace.of("b", new long[] {3, 1, 2, 4, 5},
            new float[] {-8, 6, 0, 2, -2, 0, 0, 2, 0, 3}, 2, null);

    private static AtlasBuilder twoCharts() {
        return AtlasBuilder.builder().setAnchors(ANCHORS).addChart("a", A).addChart("b", B);
    }

    @Test
    void meanOverTheChartsHoldingEachId() {
        Atlas atlas = twoCharts().build();
        assertArrayEquals(new long[] {1, 2, 3, 5, 4}, atlas.space().ids());
        // id 5: ((R, R) + (1, 0)) / 2
        assertArrayEquals(new float[] {1, 0, 0, 1, 0.6f, 0.8f, (R + 1) / 2, R / 2, 1, 0},
                atlas.space().rawVectors(), 1e-6f);
        assertArrayEquals(new int[] {2, 2, 2, 2, 1}, atlas.coverage());
        assertArrayEquals(ANCHORS, atlas.anchorIds());
        assertEquals(java.util.List.of("a", "b"), atlas.charts());
    }

    @Test
    void firstKeepsTheFirstChartAdded() {
        Atlas atlas = twoCharts().optAggregation(Aggregation.FIRST).build();
        assertArrayEquals(new float[] {1, 0, 0, 1, 0.6f, 0.8f, R, R, 1, 0}, atlas.space().rawVectors(), 1e-6f);
    }

    @Test
    void theFittedChartsKeepTheirProjectorsAndRelativeSpaces() {
        FittedAtlas fitted = twoCharts().fit();
        assertEquals(java.util.List.of("a", "b"), fitted.charts());
        assertArrayEquals(new long[] {3, 1, 2, 4, 5}, fitted.relative("b").space().ids());
        assertArrayEquals(new float[] {0.6f, 0.8f, 1, 0, 0, 1, 1, 0, 1, 0},
                fitted.relative("b").space().rawVectors(), 1e-6f);
        // a new row of chart b, (-5, 0) = 2.5 x anchor 2 there: cosines (0, 1)
        RelativeProjector b = fitted.projector("b");
        assertArrayEquals(new float[] {0, 1}, b.applyRows(new float[] {-5, 0}, 1), 1e-6f);
        assertEquals(Similarity.COSINE, b.similarity());
        assertEquals(Normalization.NONE, b.normalization());
        String unknown = assertThrows(InvalidInputException.class, () -> fitted.relative("c")).getMessage();
        assertEquals("chart 'c': expected one of [a, b], found no chart of that name", unknown);
    }

    @Test
    void membershipWeightsAverageWithTheirWeights() {
        // id 5: weights (1, 3): ((R, R) + 3 (1, 0)) / 4; id 4: chart b only; rows follow the weights' ids
        MembershipWeights weights = new MembershipWeights("test", new long[] {5, 4}, 2, new double[] {1, 3, 0, 1});
        Atlas atlas = twoCharts().optWeights(weights).build();
        assertArrayEquals(new long[] {5, 4}, atlas.space().ids());
        assertArrayEquals(new float[] {(R + 3) / 4, R / 4, 1, 0}, atlas.space().rawVectors(), 1e-6f);
        assertArrayEquals(new int[] {2, 1}, atlas.coverage());
        assertArrayEquals(atlas.space().rawVectors(), twoCharts().fit().merge(weights).space().rawVectors(), 0f);
        String first = assertThrows(InvalidInputException.class,
                () -> twoCharts().optWeights(weights).optAggregation(Aggregation.FIRST).fit()).getMessage();
        assertEquals("aggregation: membership weights need a weighted mean, found first", first);
    }

    @Test
    void anchorEmbeddingsMayBeKeptApartFromTheRows() {
        LatentSpace rowsOfB = B.select("b rows", new long[] {4, 5});
        LatentSpace anchorsOfB = B.select("b anchors", ANCHORS);
        Atlas atlas = AtlasBuilder.builder().setAnchors(ANCHORS).addChart("b", rowsOfB, anchorsOfB).build();
        assertArrayEquals(new long[] {4, 5}, atlas.space().ids());
        assertArrayEquals(new float[] {1, 0, 1, 0}, atlas.space().rawVectors(), 1e-6f);
    }

    @Test
    void fitChartIsTheProjectionOnTheChartsOwnAnchorRows() {
        RelativeProjector projector = AtlasBuilder.fitChart("b", new long[] {2, 1}, B, Similarity.COSINE,
                Normalization.NONE);
        assertArrayEquals(new long[] {2, 1}, projector.anchorIds());
        // sample 3 in b: cosines to anchor 2 then anchor 1
        assertArrayEquals(new float[] {0.8f, 0.6f}, projector.applyRows(new float[] {-8, 6}, 1), 1e-6f);
    }

    @Test
    void badAnchorsAndChartsAreOneLineMessagesNamingTheQuantity() {
        assertEquals("anchor id 7 appears twice: anchor ids must be unique", assertThrows(InvalidInputException.class,
                () -> AtlasBuilder.builder().setAnchors(new long[] {7, 1, 7})).getMessage());
        assertEquals("anchor ids: expected at least 1 anchor id, found none", assertThrows(InvalidInputException.class,
                () -> AtlasBuilder.builder().setAnchors(new long[0])).getMessage());
        assertEquals("chart name 'a' is given twice: name every chart once", assertThrows(InvalidInputException.class,
                () -> twoCharts().addChart("a", B)).getMessage());
        assertEquals("chart a: anchor id 4 is not among its 4 ids: every chart must embed every anchor",
                assertThrows(InvalidInputException.class, () -> AtlasBuilder.builder().setAnchors(new long[] {1, 4})
                        .addChart("a", A).addChart("b", B).build()).getMessage());
        assertEquals("anchors: expected the anchors' ids (setAnchors), found none", assertThrows(
                InvalidInputException.class, () -> AtlasBuilder.builder().addChart("a", A).fit()).getMessage());
        assertEquals("charts: expected at least 1 chart (addChart), found 0", assertThrows(
                InvalidInputException.class, () -> AtlasBuilder.builder().setAnchors(ANCHORS).fit()).getMessage());
        LatentSpace zero = LatentSpace.of("z", new long[] {1, 2}, new float[] {0, 0, 0, 1}, 2, null);
        String noDirection = assertThrows(InvalidInputException.class,
                () -> AtlasBuilder.builder().setAnchors(ANCHORS).addChart("z", zero).build()).getMessage();
        assertTrue(noDirection.startsWith("chart z: anchor id 1 (row 0) has zero norm"), noDirection);
    }
}
