package latentatlas.relative;

import latentatlas.InvalidInputException;
import latentatlas.TestSpaces;
import latentatlas.io.Npy;
import latentatlas.space.LatentSpace;
import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RelativeProjectionTest {
    private static LatentSpace fixtureSpace(String name, long firstId) {
        Npy.Matrix m = TestSpaces.matrix("relative/" + name);
        long[] ids = new long[m.rows()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = firstId + i;
        }
        return LatentSpace.of(name, ids, m.data(), m.cols(), null);
    }

    /** Every similarity x normalization against make_relative.py (float64 numpy, definitions). */
    @Test
    void matchesNumpyReference() {
        LatentSpace samples = fixtureSpace("samples.npy", 0);
        LatentSpace anchors = fixtureSpace("anchors.npy", 100);
        for (Normalization normalization : Normalization.values()) {
            for (Similarity similarity : Similarity.values()) {
                String name = similarity.name().toLowerCase(Locale.ROOT) + "_" + normalization.name().toLowerCase(Locale.ROOT);
                Npy.Matrix expected = TestSpaces.matrix("relative/" + name + ".npy");
                LatentSpace relative = RelativeProjection.fit(anchors, similarity, normalization).apply(samples);
                assertEquals(3, relative.dim(), name);
                assertArrayEquals(samples.ids(), relative.ids(), name);
                float[] got = relative.rawVectors();
                for (int i = 0; i < got.length; i++) {
                    float e = expected.data()[i];
                    assertEquals(e, got[i], 2e-5 * Math.max(1, Math.abs(e)), name + " value " + i);
                }
            }
        }
    }

    @Test
    void cosineIsInvariantToRotationAndIsotropicScaling() {
        LatentSpace space = TestSpaces.gaussian(300, 24, 0, 1);
        LatentSpace anchors = space.rows(new int[] {3, 30, 60, 90, 120, 150, 180, 210});
        double[] q = TestSpaces.orthogonal(24, 2);
        LatentSpace moved = TestSpaces.transform(space, q, 3.7, 0);
        LatentSpace movedAnchors = moved.select("anchors", anchors.ids());
        float[] before = RelativeProjection.fit(anchors, Similarity.COSINE, Normalization.NONE).apply(space).rawVectors();
        float[] after = RelativeProjection.fit(movedAnchors, Similarity.COSINE, Normalization.NONE).apply(moved).rawVectors();
        assertArrayEquals(before, after, 1e-5f);
        // a translation changes plain cosines ...
        LatentSpace shifted = TestSpaces.transform(space, q, 3.7, 0.8);
        float[] plain = RelativeProjection.fit(shifted.select("a", anchors.ids()), Similarity.COSINE, Normalization.NONE)
                .apply(shifted).rawVectors();
        assertTrue(maxDifference(before, plain) > 0.05);
        // ... but not centred ones
        float[] centred = RelativeProjection.fit(anchors, Similarity.COSINE, Normalization.CENTER).apply(space).rawVectors();
        float[] centredShifted = RelativeProjection.fit(shifted.select("a", anchors.ids()), Similarity.COSINE,
                Normalization.CENTER).apply(shifted).rawVectors();
        assertArrayEquals(centred, centredShifted, 1e-5f);
    }

    private static double maxDifference(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    /** Several row blocks (L1 uses small blocks) against a direct double computation. */
    @Test
    void applyRowsSpansBlocksAndEqualsApply() {
        LatentSpace space = TestSpaces.gaussian(200, 500, 0, 3);
        LatentSpace anchors = TestSpaces.gaussian(200, 500, 1000, 4);
        RelativeProjector projector = RelativeProjection.fit(anchors, Similarity.L1, Normalization.NONE);
        float[] rows = projector.applyRows(space.rawVectors(), space.size());
        assertArrayEquals(rows, projector.apply(space).rawVectors(), 0f);
        for (int i = 0; i < 200; i += 37) {
            for (int a = 0; a < 200; a += 41) {
                double sum = 0;
                for (int j = 0; j < 500; j++) {
                    sum += Math.abs(space.rawVectors()[i * 500 + j] - anchors.rawVectors()[a * 500 + j]);
                }
                assertEquals(-sum, rows[i * 200 + a], 1e-5 * sum);
            }
        }
    }

    @Test
    void zeroVectorsAreErrorsNamingTheRow() {
        float[] v = {1, 0, 0, 0, 0, 0};
        LatentSpace anchorsWithZero = LatentSpace.of("a", new long[] {7, 8}, v, 3, null);
        String anchor = assertThrows(InvalidInputException.class,
                () -> RelativeProjection.fit(anchorsWithZero, Similarity.COSINE, Normalization.NONE)).getMessage();
        assertTrue(anchor.contains("anchor id 8 (row 1) has zero norm"), anchor);
        LatentSpace anchors = LatentSpace.of("a", new long[] {7, 8}, new float[] {1, 0, 0, 0, 2, 0}, 3, null);
        LatentSpace samples = LatentSpace.of("s", new long[] {40, 41}, new float[] {1, 1, 1, 0, 0, 0}, 3, null);
        String sample = assertThrows(InvalidInputException.class,
                () -> RelativeProjection.fit(anchors, Similarity.ANGULAR, Normalization.NONE).apply(samples)).getMessage();
        assertTrue(sample.contains("row 1 (id 41) has zero norm"), sample);
        // the anchors' mean has no direction once centred
        LatentSpace atMean = LatentSpace.of("s", new long[] {5}, new float[] {0.5f, 1, 0}, 3, null);
        String centred = assertThrows(InvalidInputException.class,
                () -> RelativeProjection.fit(anchors, Similarity.COSINE, Normalization.CENTER).apply(atMean)).getMessage();
        assertTrue(centred.contains("id 5") && centred.contains("after CENTER"), centred);
        // distances are defined for a zero vector
        float[] euclid = RelativeProjection.fit(anchors, Similarity.EUCLIDEAN, Normalization.NONE).apply(samples).rawVectors();
        assertArrayEquals(new float[] {-(float) Math.sqrt(2), -(float) Math.sqrt(3), -1, -2}, euclid, 1e-6f);
    }

    @Test
    void rejectsAWidthMismatch() {
        RelativeProjector projector = RelativeProjection.fit(TestSpaces.gaussian(4, 3, 0, 1), Similarity.COSINE,
                Normalization.NONE);
        assertThrows(InvalidInputException.class, () -> projector.apply(TestSpaces.gaussian(4, 5, 0, 1)));
        assertThrows(InvalidInputException.class, () -> projector.applyRows(new float[7], 2));
        assertArrayEquals(new long[] {0, 1, 2, 3}, projector.relative("c", TestSpaces.gaussian(2, 3, 9, 1)).anchorIds());
    }
}
