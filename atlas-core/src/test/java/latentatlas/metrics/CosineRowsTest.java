package latentatlas.metrics;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import latentatlas.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The block-wise top-k search against a brute-force double-precision ranking, on shapes that need
 * several blocks ({@code nq * nc > RowBlocks.ELEMENTS}). Float32 similarities can swap two candidates
 * whose cosines differ by less than ~1e-6, so the k-th similarities are compared with tolerance 1e-5 and
 * the index lists must agree on at least 99.9% of the entries.
 */
class CosineRowsTest {
    private static final int D = 8;

    @Test
    void queriesAgainstCandidatesMatchBruteForceOverSeveralBlocks() {
        float[] q = normalisedGaussian(3_600, 1);
        float[] c = normalisedGaussian(5_000, 2);
        check(q, c, 10, -1);
    }

    @Test
    void selfIsExcludedWhenQueriesAreTheCandidates() {
        float[] c = normalisedGaussian(4_500, 3);
        int[] found = check(c, c, 5, 0);
        for (int i = 0; i < 4_500; i++) {
            for (int j = 0; j < 5; j++) {
                if (found[i * 5 + j] == i) {
                    throw new AssertionError("row " + i + " is its own neighbour");
                }
            }
        }
    }

    @Test
    void tiesGoToTheLowerCandidateMostSimilarFirst() {
        float[] c = {1, 0, 0, 1, 1, 0, -1, 0, 1, 0};  // rows 0, 2 and 4 are the same direction
        float[] q = {1, 0};
        try (NDManager m = NDManager.newBaseManager()) {
            int[] top = CosineRows.topK(RowBlocks.matrix(m, q, 1, 2), RowBlocks.matrix(m, c, 5, 2), 4, -1);
            assertArrayEquals(new int[] {0, 2, 4, 1}, top);
        }
    }

    /**
     * More equal similarities than the engine selects ({@code k + SLACK}): the tie crosses the cut, so the
     * row is ranked again over all candidates and the lowest indices win, with and without self.
     */
    @Test
    void aTieWiderThanTheSelectionKeepsTheLowestIndices() {
        int nc = 60;
        float[] c = new float[nc * 2];
        for (int i = 0; i < nc; i++) {
            boolean same = i % 3 != 2;  // 40 candidates along (1, 0), the rest along (0, 1)
            c[i * 2] = same ? 1 : 0;
            c[i * 2 + 1] = same ? 0 : 1;
        }
        float[] q = {1, 0};
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray candidates = RowBlocks.matrix(m, c, nc, 2);
            assertArrayEquals(new int[] {0, 1, 3, 4, 6}, CosineRows.topK(RowBlocks.matrix(m, q, 1, 2), candidates, 5, -1));
            int[] self = CosineRows.topK(candidates, candidates, 3, 0);
            assertArrayEquals(new int[] {1, 3, 4}, Arrays.copyOfRange(self, 0, 3));     // row 0 skips itself
            assertArrayEquals(new int[] {5, 8, 11}, Arrays.copyOfRange(self, 6, 9));    // row 2, along (0, 1)
            assertArrayEquals(new int[] {0, 1, 4}, Arrays.copyOfRange(self, 9, 12));    // row 3 skips itself
        }
    }

    @Test
    void askingForMoreNeighboursThanCandidatesIsAnInputError() {
        float[] c = normalisedGaussian(3, 4);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = RowBlocks.matrix(m, c, 3, D);
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> CosineRows.topK(x, x, 3, 0));
            assertEquals("k = 3 neighbours asked but only 2 candidates exist: lower k", e.getMessage());
        }
    }

    private static int[] check(float[] q, float[] c, int k, int selfOffset) {
        int nq = q.length / D;
        int nc = c.length / D;
        if ((long) nq * nc <= RowBlocks.ELEMENTS) {
            throw new AssertionError("the case must span several blocks");
        }
        int[] found;
        try (NDManager m = NDManager.newBaseManager()) {
            found = CosineRows.topK(RowBlocks.matrix(m, q, nq, D), RowBlocks.matrix(m, c, nc, D), k, selfOffset);
        }
        int same = 0;
        for (int i = 0; i < nq; i++) {
            double[] sims = new double[nc];
            for (int j = 0; j < nc; j++) {
                sims[j] = selfOffset >= 0 && j == selfOffset + i ? Double.NEGATIVE_INFINITY : dot(q, i, c, j);
            }
            for (int rank = 0; rank < k; rank++) {
                int best = 0;
                for (int j = 1; j < nc; j++) {
                    best = sims[j] > sims[best] ? j : best;
                }
                assertEquals(sims[best], dot(q, i, c, found[i * k + rank]), 1e-5, "query " + i + ", rank " + rank);
                same += best == found[i * k + rank] ? 1 : 0;
                sims[best] = Double.NEGATIVE_INFINITY;
            }
        }
        double agreement = same / (double) (nq * k);
        if (agreement < 0.999) {
            throw new AssertionError("index agreement " + agreement + " < 0.999");
        }
        return found;
    }

    private static double dot(float[] a, int i, float[] b, int j) {
        double s = 0;
        for (int t = 0; t < D; t++) {
            s += (double) a[i * D + t] * b[j * D + t];
        }
        return s;
    }

    private static float[] normalisedGaussian(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[n * D];
        for (int i = 0; i < n; i++) {
            double[] row = new double[D];
            Arrays.setAll(row, t -> gaussian(random));
            double norm = Math.sqrt(Arrays.stream(row).map(v -> v * v).sum());
            for (int t = 0; t < D; t++) {
                x[i * D + t] = (float) (row[t] / norm);
            }
        }
        return x;
    }

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
