package latentatlas.report;

import latentatlas.space.LatentSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each figure is written as a PNG that ImageIO decodes, with colour where the data is. */
class FiguresTest {
    @TempDir
    Path dir;

    /**
     * {@code perClass} samples per class in {@code d} dimensions: class c is {@code 5 * direction_c}
     * plus Gaussian noise of standard deviation 0.3; ids are shuffled against the class order.
     */
    static LatentSpace clusters(float[][] directions, int perClass, long seed) {
        int classes = directions.length;
        int d = directions[0].length;
        int n = classes * perClass;
        SplittableRandom random = new SplittableRandom(seed);
        long[] ids = new long[n];
        float[] v = new float[n * d];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = 1000 + (i * 7919L) % n;
            labels[i] = i % classes;
            for (int j = 0; j < d; j++) {
                v[i * d + j] = (float) (5 * directions[labels[i]][j] + 0.3 * gaussian(random));
            }
        }
        return LatentSpace.of("clusters", ids, v, d, labels);
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    private static float[] axis(int d, int j, float sign) {
        float[] e = new float[d];
        e[j] = sign;
        return e;
    }

    @Test
    void pcaScatterSeparatesTwoClustersAlongTheFirstComponent() throws IOException {
        int d = 6;
        LatentSpace space = clusters(new float[][] {axis(d, 2, 1), axis(d, 2, -1)}, 150, 1);
        Path png = dir.resolve("pca.png");
        Figures.pcaScatter(png, List.of(new Figures.Panel("end-to-end", space), new Figures.Panel("atlas", space)),
                List.of("T-shirt/top", "Trouser"), 200, 42);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(2 * 20 + 2 * (Scatter.AXIS + Scatter.PANEL) + 30, image.getWidth());
        assertTrue(image.getHeight() > Scatter.TOP + Scatter.PANEL);
        for (int p = 0; p < 2; p++) {
            double[][] centroid = classPixels(image, Scatter.panelX(p), 2);
            assertTrue(centroid[0][2] > 100 && centroid[1][2] > 100,
                    "panel " + p + ": pixels of each class, found " + centroid[0][2] + " and " + centroid[1][2]);
            // the classes lie at +-5 on one direction: PC 1 separates them, PC 2 (noise) does not
            assertTrue(Math.abs(centroid[0][0] - centroid[1][0]) > Scatter.PANEL / 2.0,
                    "panel " + p + ": x centroids " + centroid[0][0] + " and " + centroid[1][0]);
            assertTrue(Math.abs(centroid[0][1] - centroid[1][1]) < Scatter.PANEL / 8.0,
                    "panel " + p + ": y centroids " + centroid[0][1] + " and " + centroid[1][1]);
        }
    }

    @Test
    void tsneScatterOf2000PointsSeparatesFourClusters() throws IOException {
        int d = 128;
        LatentSpace space = clusters(new float[][] {axis(d, 3, 1), axis(d, 3, -1), axis(d, 70, 1), axis(d, 70, -1)}, 600, 5);
        Path png = dir.resolve("tsne.png");
        long start = System.nanoTime();
        long cpu = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        Figures.tsneScatter(png, List.of(new Figures.Panel("atlas", space)), List.of("a", "b", "c", "d"), 2000, 42);
        System.out.printf("t-SNE picture of 2,000 points x %d dimensions: %.1f s wall, %.1f s CPU of this thread%n", d,
                (System.nanoTime() - start) / 1e9,
                (java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu) / 1e9);
        BufferedImage image = ImageIO.read(png.toFile());
        double[][] centroid = classPixels(image, Scatter.panelX(0), 4);
        for (int a = 0; a < 4; a++) {
            assertTrue(centroid[a][2] > 100, "pixels of class " + a + ": " + centroid[a][2]);
            for (int b = 0; b < a; b++) {
                double gap = Math.hypot(centroid[a][0] - centroid[b][0], centroid[a][1] - centroid[b][1]);
                assertTrue(gap > Scatter.PANEL / 6.0, "classes " + a + " and " + b + " lie apart, found " + gap + " px");
            }
        }
    }

    /** @return per class: mean x, mean y (relative to the plot) and the count of pixels nearest its colour */
    private static double[][] classPixels(BufferedImage image, int x0, int classes) {
        double[][] out = new double[classes][3];
        for (int y = Scatter.TOP + 1; y < Scatter.TOP + Scatter.PANEL; y++) {
            for (int x = x0 + 1; x < x0 + Scatter.PANEL; x++) {
                Color c = new Color(image.getRGB(x, y));
                int spread = Math.max(c.getRed(), Math.max(c.getGreen(), c.getBlue()))
                        - Math.min(c.getRed(), Math.min(c.getGreen(), c.getBlue()));
                if (spread < 40) {
                    continue;  // white background, grey frame
                }
                int best = 0;
                for (int k = 1; k < classes; k++) {
                    if (distance(c, Palette.of(k, classes)) < distance(c, Palette.of(best, classes))) {
                        best = k;
                    }
                }
                out[best][0] += x - x0;
                out[best][1] += y - Scatter.TOP;
                out[best][2]++;
            }
        }
        for (double[] o : out) {
            o[0] /= Math.max(1, o[2]);
            o[1] /= Math.max(1, o[2]);
        }
        return out;
    }

    private static double distance(Color a, Color b) {
        return Math.abs(a.getRed() - b.getRed()) + Math.abs(a.getGreen() - b.getGreen()) + Math.abs(a.getBlue() - b.getBlue());
    }

    @Test
    void similarityMatrixOfTwoOppositeClassesHasRedDiagonalBlocksAndBlueOffDiagonal() throws IOException {
        int d = 8;
        // class 0 around +5 e_1, class 1 around -5 e_1: cosines ~ +1 within a class, ~ -1 across
        LatentSpace opposite = clusters(new float[][] {axis(d, 1, 1), axis(d, 1, -1)}, 120, 2);
        // class 0 around e_1, class 1 around e_4: cosines ~ +1 within, ~ 0 (white) across
        LatentSpace orthogonal = clusters(new float[][] {axis(d, 1, 1), axis(d, 4, 1)}, 90, 3);
        List<Figures.Panel> panels = List.of(new Figures.Panel("opposite", opposite),
                new Figures.Panel("orthogonal", orthogonal));
        Path png = dir.resolve("sim.png");
        Figures.similarityMatrices(png, panels, 200, 7);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(SimilarityMatrix.TOP + SimilarityMatrix.SIZE + 36, image.getHeight());
        int left = SimilarityMatrix.labelColumn(panels, String::valueOf);
        int q = SimilarityMatrix.SIZE / 4;
        int y0 = SimilarityMatrix.TOP;
        for (int p = 0; p < 2; p++) {
            int x0 = SimilarityMatrix.matrixX(left, p);
            // equal class sizes: the blocks are the quarters' centres
            assertRed(image.getRGB(x0 + q, y0 + q), "panel " + p + " block (0,0)");
            assertRed(image.getRGB(x0 + 3 * q, y0 + 3 * q), "panel " + p + " block (1,1)");
            int across = image.getRGB(x0 + 3 * q, y0 + q);
            assertEquals(across, image.getRGB(x0 + q, y0 + 3 * q) & 0xffffff | 0xff000000, 0x0a0a0a,
                    "panel " + p + ": the matrix is symmetric");
            Color c = new Color(across);
            if (p == 0) {
                assertTrue(c.getBlue() == 255 && c.getRed() < 40 && c.getGreen() < 40, "panel 0 off-diagonal blue, found " + c);
            } else {
                assertTrue(c.getRed() > 200 && c.getGreen() > 200 && c.getBlue() > 200, "panel 1 off-diagonal white, found " + c);
            }
        }
    }

    private static void assertRed(int rgb, String where) {
        Color c = new Color(rgb);
        assertTrue(c.getRed() == 255 && c.getGreen() < 40 && c.getBlue() < 40, where + ": red expected, found " + c);
    }

    @Test
    void similarityMatrixAveragesWhenThereAreMoreSamplesThanPixels() throws IOException {
        int d = 4;
        LatentSpace big = clusters(new float[][] {axis(d, 0, 1), axis(d, 0, -1)}, 500, 4);
        Path png = dir.resolve("big.png");
        List<Figures.Panel> panels = List.of(new Figures.Panel("big", big));
        Figures.similarityMatrices(png, panels, List.of("T-shirt/top", "Trouser"), 1000, 7);
        BufferedImage image = ImageIO.read(png.toFile());
        int x0 = SimilarityMatrix.matrixX(SimilarityMatrix.labelColumn(panels, List.of("T-shirt/top", "Trouser")::get), 0);
        int q = SimilarityMatrix.SIZE / 4;
        assertRed(image.getRGB(x0 + q, SimilarityMatrix.TOP + q), "block (0,0)");
        Color across = new Color(image.getRGB(x0 + 3 * q, SimilarityMatrix.TOP + q));
        assertTrue(across.getBlue() == 255 && across.getRed() < 40, "off-diagonal blue, found " + across);
    }

    @Test
    void barsWithLongNamesNegativeValuesAndNaN() throws IOException {
        Map<String, Map<String, Double>> groups = new LinkedHashMap<>();
        groups.put("end-to-end (absolute)", series(0.9, 0.8));
        groups.put("absolute + learned task embedding", series(0.7, Double.NaN));
        groups.put("atlas", series(2.3, -0.2));
        Path png = dir.resolve("bars.png");
        Figures.bars(png, "probe accuracy", groups, 1.0);
        BufferedImage image = ImageIO.read(png.toFile());
        BarChart.Layout layout = BarChart.layout("probe accuracy", groups, 1.0);
        assertEquals(layout.width(), image.getWidth());
        assertEquals(layout.height(), image.getHeight());
        assertEquals(2.5, layout.hi(), 0, "2.3 above the requested top 1 extends the axis to 2.5");
        assertEquals(-0.2, layout.lo(), 1e-12);
        // the first series' bar of the first group is drawn in the first series colour
        int x = layout.groupX(0) + 8;
        assertEquals(Palette.of(0, 2).getRGB(), image.getRGB(x, layout.y(0.45)));
        assertEquals(Palette.of(1, 2).getRGB(), image.getRGB(layout.groupX(2) + 18 + 8, layout.y(-0.1)),
                "the negative bar hangs below zero");
        assertEquals(Color.WHITE.getRGB(), image.getRGB(x, layout.y(0.95)), "nothing above 0.9");
    }

    @Test
    void errorBarsAreDrawnAndHeldByTheAxis() throws IOException {
        Map<String, Map<String, Double>> groups = new LinkedHashMap<>();
        groups.put("atlas", new LinkedHashMap<>(Map.of("probe", 0.9)));
        groups.put("end-to-end", new LinkedHashMap<>(Map.of("probe", 0.5)));
        Map<String, Map<String, Double>> errors = Map.of("atlas", Map.of("probe", 0.2));
        Path png = dir.resolve("errors.png");
        Figures.barsWithErrors(png, "probe over seeds", groups, errors, 1.0);
        BufferedImage image = ImageIO.read(png.toFile());
        BarChart.Layout layout = BarChart.layout("probe over seeds", groups, errors, 1.0);
        assertEquals(2.0, layout.hi(), 0, "0.9 + 0.2 above 1 extends the axis to a round 2");
        int mid = layout.groupX(0) + 8;
        assertEquals(Color.BLACK.getRGB(), image.getRGB(mid, layout.y(1.05)), "the whisker above the bar");
        assertEquals(Color.BLACK.getRGB(), image.getRGB(mid, layout.y(1.1)), "its cap");
        assertEquals(Color.WHITE.getRGB(), image.getRGB(mid, layout.y(1.2)), "nothing above the cap");
        assertEquals(Color.WHITE.getRGB(), image.getRGB(layout.groupX(1) + 8, layout.y(0.55)), "no whisker without an error");
    }

    private static Map<String, Double> series(double total, double shared) {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("total", total);
        values.put("shared", shared);
        return values;
    }

    @Test
    void sameInputsSameBytesAndNoTemporaryFilesLeft() throws IOException {
        LatentSpace space = clusters(new float[][] {axis(3, 0, 1), axis(3, 1, 1), axis(3, 2, 1)}, 40, 5);
        List<Figures.Panel> panels = List.of(new Figures.Panel("space", space));
        Figures.pcaScatter(dir.resolve("a.png"), panels, 3, 50, 9);
        Figures.pcaScatter(dir.resolve("b.png"), panels, 3, 50, 9);
        assertArrayEquals(Files.readAllBytes(dir.resolve("a.png")), Files.readAllBytes(dir.resolve("b.png")));
        Figures.pcaScatter(dir.resolve("c.png"), panels, 3, 50, 10);
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(dir.resolve("a.png")), Files.readAllBytes(dir.resolve("c.png"))),
                "another seed draws another subsample");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("a.png", "b.png", "c.png"), files.map(f -> f.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void misuseIsRefusedWithAClearMessage() {
        LatentSpace unlabelled = LatentSpace.of("u", new long[] {1, 2}, new float[] {1, 2}, 1, null);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Figures.Panel("raw", unlabelled))
                .getMessage().contains("no class labels"));
        LatentSpace space = clusters(new float[][] {axis(2, 0, 1), axis(2, 1, 1), axis(2, 0, -1)}, 5, 6);
        List<Figures.Panel> panels = List.of(new Figures.Panel("three classes", space));
        String message = assertThrows(IllegalArgumentException.class,
                () -> Figures.pcaScatter(dir.resolve("x.png"), panels, 2, 10, 1)).getMessage();
        assertTrue(message.contains("label 2") && message.contains("three classes"), message);
        assertFalse(Files.exists(dir.resolve("x.png")));
    }

    @Test
    void aTsneMapIsComputedOncePerDistinctRows() {
        SplittableRandom random = new SplittableRandom(3);
        float[] v = new float[120 * 4];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        long[] ids = java.util.stream.LongStream.range(0, 120).toArray();
        LatentSpace a = LatentSpace.of("a", ids, v, 4, new int[120]);
        LatentSpace sameRowsOtherIds = LatentSpace.of("b", java.util.stream.LongStream.range(500, 620).toArray(), v.clone(), 4,
                new int[120]);
        float[] w = v.clone();
        w[7] += 1e-3f;
        LatentSpace other = LatentSpace.of("c", ids, w, 4, new int[120]);
        Scatter.Projected first = Scatter.TSNE.project(a);
        assertTrue(first == Scatter.TSNE.project(sameRowsOtherIds), "the same rows: the map computed before");
        Scatter.Projected changed = Scatter.TSNE.project(other);
        assertFalse(first == changed, "one value differs: a map of its own");
        assertEquals(240, changed.xy().length);
    }
}
