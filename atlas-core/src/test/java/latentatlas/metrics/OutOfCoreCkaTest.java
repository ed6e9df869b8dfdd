package latentatlas.metrics;

import latentatlas.InvalidInputException;
import latentatlas.io.Npy;
import latentatlas.space.LatentSpace;
import latentatlas.space.LatentSpaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The streamed CKA equals the in-memory SpaceComparison's (LinearCka) on spaces joined by id in
 * different orders, with tiny blocks; the in-memory CKA is itself checked against numpy in LinearCkaTest.
 */
class OutOfCoreCkaTest {
    @Test
    void equalsTheInMemoryCka(@TempDir Path dir) {
        SplittableRandom random = new SplittableRandom(3);
        int n = 500;
        long[] idsA = new long[n];
        float[] a = new float[n * 6];
        for (int i = 0; i < n; i++) {
            idsA[i] = 1000 + i;
        }
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) random.nextGaussian() + (i % 6 == 0 ? 3 : 0);
        }
        // B: ids 1100..1699 reversed (400 shared with A), width 4, a noisy linear map of A where shared
        int m = 600;
        long[] idsB = new long[m];
        float[] b = new float[m * 4];
        for (int r = 0; r < m; r++) {
            long id = 1699 - r;
            idsB[r] = id;
            for (int j = 0; j < 4; j++) {
                double v = random.nextGaussian() * 0.5;
                if (id < 1000 + n) {
                    int i = (int) (id - 1000);
                    v += a[i * 6 + j] * (j + 1) - a[i * 6 + j + 2];
                }
                b[r * 4 + j] = (float) v;
            }
        }
        LatentSpaces.save(LatentSpace.of("a", idsA, a, 6, null), dir, "a");
        LatentSpaces.save(LatentSpace.of("b", idsB, b, 4, null), dir, "b");
        LatentSpace sa = LatentSpaces.load(dir.resolve("a.npy"), dir.resolve("a.ids.npy"), null);
        LatentSpace sb = LatentSpaces.load(dir.resolve("b.npy"), dir.resolve("b.ids.npy"), null);
        double expected = new SpaceComparison(5, 1, java.util.List.of()).compare(sa, sb).metrics().get("cka.linear");
        for (int block : new int[] {1, 7, 1000}) {
            OutOfCoreCka.Result result = OutOfCoreCka.compare(dir.resolve("a.npy"), dir.resolve("a.ids.npy"),
                    dir.resolve("b.npy"), dir.resolve("b.ids.npy"), block);
            assertEquals(400, result.commonIds());
            assertEquals(expected, result.linear(), 1e-6, "block " + block);
            assertTrue(result.linear() > 0.5, "a linear map of A: high CKA, found " + result.linear());
        }
    }

    @Test
    void refusesDisjointSpacesAndBadRows(@TempDir Path dir) {
        Npy.writeMatrix(dir.resolve("a.npy"), new float[] {1, 2, 3, 4}, 2, 2);
        Npy.writeLongs(dir.resolve("a.ids.npy"), new long[] {1, 2});
        Npy.writeMatrix(dir.resolve("b.npy"), new float[] {1, Float.NaN, 3, 4}, 2, 2);
        Npy.writeLongs(dir.resolve("b.ids.npy"), new long[] {3, 4});
        String disjoint = assertThrows(InvalidInputException.class, () -> OutOfCoreCka.compare(dir.resolve("a.npy"),
                dir.resolve("a.ids.npy"), dir.resolve("b.npy"), dir.resolve("b.ids.npy"), 2)).getMessage();
        assertTrue(disjoint.contains("share 0 ids, need at least 2"), disjoint);
        Npy.writeLongs(dir.resolve("b.ids.npy"), new long[] {2, 1});
        String nan = assertThrows(InvalidInputException.class, () -> OutOfCoreCka.compare(dir.resolve("a.npy"),
                dir.resolve("a.ids.npy"), dir.resolve("b.npy"), dir.resolve("b.ids.npy"), 2)).getMessage();
        assertTrue(nan.contains("b.npy: value NaN at row 0, column 1 is not finite"), nan);
    }
}
