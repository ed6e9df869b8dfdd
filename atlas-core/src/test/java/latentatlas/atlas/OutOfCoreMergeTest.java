package latentatlas.atlas;

import latentatlas.InvalidInputException;
import latentatlas.io.Npy;
import latentatlas.relative.Normalization;
import latentatlas.space.LatentSpace;
import latentatlas.space.LatentSpaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The streamed merge equals the in-memory one (AtlasBuilder) on charts of overlapping ids in different
 * orders, with blocks of a few rows (every block mixes charts and file runs).
 */
class OutOfCoreMergeTest {
    private static final int CHARTS = 3;
    private static final int ROWS = 211;
    private static final int DIM = 9;

    /** Writes chart t: ids 0..299 shuffled, a different subset per chart, labels id % 5. */
    private static List<OutOfCoreMerge.ChartFiles> charts(Path dir, boolean labelled) {
        SplittableRandom random = new SplittableRandom(7);
        List<OutOfCoreMerge.ChartFiles> files = new ArrayList<>();
        for (int t = 0; t < CHARTS; t++) {
            long[] pool = new long[300];
            for (int i = 0; i < pool.length; i++) {
                pool[i] = i;
            }
            for (int i = pool.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                long swap = pool[i];
                pool[i] = pool[j];
                pool[j] = swap;
            }
            long[] ids = java.util.Arrays.copyOf(pool, ROWS);
            for (int a = 0; a < 20; a++) { // the anchors (ids 0..19) are in every chart
                boolean present = false;
                for (long id : ids) {
                    present |= id == a;
                }
                if (!present) {
                    ids[ROWS - 1 - a] = a;
                }
            }
            float[] vectors = new float[ROWS * DIM];
            for (int i = 0; i < vectors.length; i++) {
                vectors[i] = (float) random.nextGaussian();
            }
            int[] labels = new int[ROWS];
            for (int i = 0; i < ROWS; i++) {
                labels[i] = (int) (ids[i] % 5);
            }
            LatentSpaces.save(LatentSpace.of("c" + t, ids, vectors, DIM, labelled ? labels : null), dir, "c" + t);
            files.add(new OutOfCoreMerge.ChartFiles("c" + t, dir.resolve("c" + t + ".npy"), dir.resolve("c" + t + ".ids.npy"),
                    labelled ? dir.resolve("c" + t + ".labels.npy") : null));
        }
        return files;
    }

    private static long[] anchors() {
        long[] anchors = new long[20];
        for (int i = 0; i < anchors.length; i++) {
            anchors[i] = 19 - i;
        }
        return anchors;
    }

    private static void assertSame(Path dir, List<OutOfCoreMerge.ChartFiles> files, Aggregation aggregation,
                                   Normalization normalization, int blockRows) {
        AtlasBuilder builder = AtlasBuilder.builder().setAnchors(anchors()).optAggregation(aggregation)
                .optNormalization(normalization);
        OutOfCoreMerge.Builder streamed = OutOfCoreMerge.builder().setAnchors(anchors()).optAggregation(aggregation)
                .optNormalization(normalization).optBlockRows(blockRows);
        for (OutOfCoreMerge.ChartFiles f : files) {
            builder.addChart(f.name(), LatentSpaces.load(f.vectors(), f.ids(), f.labels()));
            streamed.addChart(f.name(), f.vectors(), f.ids(), f.labels());
        }
        Atlas expected = builder.build();
        Path out = dir.resolve("out-" + aggregation + normalization + blockRows);
        OutOfCoreMerge.Result result = streamed.build().write(out);
        assertEquals(expected.space().size(), result.ids());
        assertArrayEquals(expected.coverageHistogram(), result.coverageHistogram());
        assertArrayEquals(expected.space().ids(), Npy.readLongs(out.resolve("atlas.ids.npy")));
        assertArrayEquals(expected.coverage(), Npy.readInts(out.resolve("atlas.coverage.npy")));
        assertEquals(expected.space().hasLabels(), result.labelled());
        if (result.labelled()) {
            assertArrayEquals(expected.space().labels(), Npy.readInts(out.resolve("atlas.labels.npy")));
        }
        float[] want = expected.space().rawVectors();
        float[] got = Npy.readMatrix(out.resolve("atlas.npy")).data();
        double max = 0;
        for (int i = 0; i < want.length; i++) {
            max = Math.max(max, Math.abs(want[i] - got[i]));
        }
        assertTrue(max <= 1e-6, aggregation + " " + normalization + " block " + blockRows + ": max |diff| " + max);
    }

    @Test
    void equalsTheInMemoryMergeWithTinyBlocks(@TempDir Path dir) {
        List<OutOfCoreMerge.ChartFiles> labelled = charts(dir, true);
        assertSame(dir, labelled, Aggregation.MEAN, Normalization.NONE, 7);
        assertSame(dir, labelled, Aggregation.MEAN, Normalization.NONE, 1);
        assertSame(dir, labelled, Aggregation.FIRST, Normalization.STANDARD, 50);
        assertSame(dir, labelled, Aggregation.MEAN, Normalization.CENTER, 100_000);
    }

    @Test
    void namesTheFileOfABadRowOrAMissingAnchor(@TempDir Path dir) {
        List<OutOfCoreMerge.ChartFiles> files = charts(dir, false);
        OutOfCoreMerge.ChartFiles first = files.get(0);
        Npy.Matrix m = Npy.readMatrix(first.vectors());
        float[] data = m.data();
        data[150 * DIM + 4] = Float.NaN;
        Npy.writeMatrix(first.vectors(), data, m.rows(), m.cols());
        long id = Npy.readLongs(first.ids())[150];
        OutOfCoreMerge merge = OutOfCoreMerge.builder().setAnchors(anchors()).addChart("c0", first.vectors(), first.ids(), null)
                .optBlockRows(16).build();
        String message = assertThrows(InvalidInputException.class, () -> merge.write(dir.resolve("bad"))).getMessage();
        assertTrue(message.contains("c0.npy: value NaN at row 150 (id " + id + "), column 4 is not finite"), message);
        OutOfCoreMerge missing = OutOfCoreMerge.builder().setAnchors(new long[] {1, 1000})
                .addChart("c1", files.get(1).vectors(), files.get(1).ids(), null).build();
        String anchor = assertThrows(InvalidInputException.class, () -> missing.write(dir.resolve("bad2"))).getMessage();
        assertTrue(anchor.contains("chart c1: anchor id 1000 is not among its"), anchor);
    }
}
