package latentatlas.atlas;

import latentatlas.InvalidInputException;
import latentatlas.io.Npy;
import latentatlas.relative.Normalization;
import latentatlas.relative.RelativeProjector;
import latentatlas.relative.Similarity;
import latentatlas.space.LatentSpace;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The merge of {@link AtlasBuilder} for spaces larger than the heap: the charts' {@code .npy} files are
 * read in row blocks and the atlas is written block by block, so that the memory holds the ids (8 bytes
 * per row and chart, plus 4 for the atlas row of each), the block's sums ({@code blockRows x k}
 * doubles) and the block's rows, never a whole space.
 *
 * <p>The recipe is the in-memory one, step by step: each chart's projector is fitted on its own anchor
 * rows ({@link AtlasBuilder#fitChart}), the atlas rows and coverage come from the charts' ids
 * ({@code AtlasLayout}, shared with {@link Atlas#merge}), and for every block of atlas rows each chart's
 * rows of those ids are read (sorted by file row, contiguous runs in one read), projected
 * ({@link RelativeProjector#apply}) and added chart by chart in chart order,
 * <pre>
 *     atlas(x) = sum_{t in T(x)} rel_t(x) / |T(x)|      (Aggregation.MEAN; FIRST keeps rel_{t0}(x))
 * </pre>
 * in double, as the in-memory merge adds them: the output equals {@link AtlasBuilder#build()}'s (the
 * projection of a row does not depend on the block it is computed in, up to the last bit of float32
 * products, see the tests).
 *
 * <p>Usage:
 * <pre>
 * OutOfCoreMerge.Result result = OutOfCoreMerge.builder()
 *         .setAnchors(anchorIds)
 *         .addChart("a", Path.of("a.npy"), Path.of("a.ids.npy"), null)
 *         .addChart("b", Path.of("b.npy"), Path.of("b.ids.npy"), null)
 *         .optBlockRows(65_536)
 *         .build()
 *         .write(outputDir);      // atlas.npy, atlas.ids.npy, atlas.coverage.npy [, atlas.labels.npy]
 * </pre>
 */
public final class OutOfCoreMerge {
    /** The default number of atlas rows per block. */
    public static final int DEFAULT_BLOCK_ROWS = 65_536;

    private final long[] anchorIds;
    private final List<ChartFiles> charts;
    private final Similarity similarity;
    private final Normalization normalization;
    private final Aggregation aggregation;
    private final int blockRows;

    /**
     * A chart's files.
     *
     * @param name the chart's name, unique
     * @param vectors its {@code n x d} vectors ({@code .npy}, any size)
     * @param ids its {@code n} ids
     * @param labels its {@code n} labels, or {@code null}
     */
    public record ChartFiles(String name, Path vectors, Path ids, Path labels) {
    }

    /**
     * What a merge read and wrote.
     *
     * @param ids the atlas rows
     * @param width the atlas width (the number of anchors)
     * @param labelled whether the atlas has labels (every chart was labelled)
     * @param coverageHistogram {@code [c]} = the ids held by exactly {@code c} charts
     * @param chartRows per chart, its rows
     * @param chartWidths per chart, its width
     */
    public record Result(int ids, int width, boolean labelled, long[] coverageHistogram, int[] chartRows,
                         int[] chartWidths) {
    }

    private OutOfCoreMerge(Builder builder) {
        this.anchorIds = builder.anchorIds;
        this.charts = List.copyOf(builder.charts);
        this.similarity = builder.similarity;
        this.normalization = builder.normalization;
        this.aggregation = builder.aggregation;
        this.blockRows = builder.blockRows;
    }

    /** @return a builder: {@link Builder#setAnchors} and at least one {@link Builder#addChart} are required */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Merges and writes {@code dir/atlas.npy} (float32, ids x anchors), {@code atlas.ids.npy},
     * {@code atlas.coverage.npy} and, when every chart is labelled, {@code atlas.labels.npy}; each file
     * atomically (wrap the folder in {@link latentatlas.io.OutputFolder} for an all-or-nothing output).
     *
     * @param dir the folder to write into
     * @return what was merged
     * @throws InvalidInputException as {@link AtlasBuilder#build()} does, naming the file
     */
    public Result write(Path dir) {
        int count = charts.size();
        List<Npy.MatrixReader> readers = new ArrayList<>();
        try {
            List<String> names = new ArrayList<>();
            List<long[]> ids = new ArrayList<>();
            List<int[]> labels = new ArrayList<>();
            List<RelativeProjector> projectors = new ArrayList<>();
            int[] rows = new int[count];
            int[] widths = new int[count];
            for (int t = 0; t < count; t++) {
                ChartFiles chart = charts.get(t);
                Npy.MatrixReader reader = Npy.openMatrix(chart.vectors());
                readers.add(reader);
                if (reader.rows() > Integer.MAX_VALUE - 8) {
                    throw new InvalidInputException(chart.vectors() + ": " + reader.rows() + " rows, more than the "
                            + (Integer.MAX_VALUE - 8) + " one atlas holds: split the space");
                }
                rows[t] = (int) reader.rows();
                widths[t] = reader.cols();
                long[] chartIds = Npy.readLongs(chart.ids());
                if (chartIds.length != rows[t]) {
                    throw new InvalidInputException(chart.ids() + ": " + chartIds.length + " ids for the " + rows[t]
                            + " rows of " + chart.vectors() + ": the ids file does not match the vectors");
                }
                int[] chartLabels = chart.labels() == null ? null : Npy.readInts(chart.labels());
                if (chartLabels != null && chartLabels.length != rows[t]) {
                    throw new InvalidInputException(chart.labels() + ": " + chartLabels.length + " labels for the "
                            + rows[t] + " rows of " + chart.vectors() + ": the labels file does not match the vectors");
                }
                names.add(chart.name());
                ids.add(chartIds);
                labels.add(chartLabels);
                projectors.add(fit(chart, reader, chartIds));
            }
            AtlasLayout layout = AtlasLayout.of(names, ids, labels);
            int n = layout.size();
            int k = anchorIds.length;
            int[][] chartRowOf = new int[count][];
            for (int t = 0; t < count; t++) {
                int[] of = new int[n];
                Arrays.fill(of, -1);
                int[] atlasRows = layout.atlasRows[t];
                for (int i = 0; i < atlasRows.length; i++) {
                    of[atlasRows[i]] = i;
                }
                chartRowOf[t] = of;
                layout.atlasRows[t] = null; // the block loop needs only the inverse
            }
            Npy.writeMatrix(dir.resolve("atlas.npy"), n, k, sink -> {
                int block = Math.max(1, Math.min(blockRows, n));
                double[] sums = new double[block * k];
                double[] weightSums = new double[block];
                for (int first = 0; first < n; first += block) {
                    int size = Math.min(block, n - first);
                    Arrays.fill(sums, 0);
                    Arrays.fill(weightSums, 0);
                    for (int t = 0; t < count; t++) {
                        addBlock(t, readers.get(t), ids.get(t), projectors.get(t), chartRowOf[t], first, size,
                                layout, sums, weightSums);
                    }
                    sink.write(AtlasLayout.means(sums, weightSums, size, k), 0, size);
                }
            });
            Npy.writeLongs(dir.resolve("atlas.ids.npy"), layout.ids);
            Npy.writeInts(dir.resolve("atlas.coverage.npy"), layout.coverage);
            if (layout.labels != null) {
                Npy.writeInts(dir.resolve("atlas.labels.npy"), layout.labels);
            }
            long[] histogram = new long[count + 1];
            for (int c : layout.coverage) {
                histogram[c]++;
            }
            return new Result(n, k, layout.labels != null, histogram, rows, widths);
        } finally {
            readers.forEach(Npy.MatrixReader::close);
        }
    }

    /** Reads the chart's anchor rows and fits its projector on them, as {@link AtlasBuilder#fit()} does. */
    private RelativeProjector fit(ChartFiles chart, Npy.MatrixReader reader, long[] chartIds) {
        Map<Long, Integer> column = new HashMap<>(anchorIds.length * 2);
        for (int j = 0; j < anchorIds.length; j++) {
            column.put(anchorIds[j], j);
        }
        long[] found = new long[anchorIds.length];
        Arrays.fill(found, -1);
        for (int i = 0; i < chartIds.length; i++) {
            Integer j = column.get(chartIds[i]);
            if (j != null && found[j] < 0) {
                found[j] = i;
            }
        }
        int d = reader.cols();
        List<Long> present = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        float[] row = new float[d];
        for (int j = 0; j < anchorIds.length; j++) {
            if (found[j] >= 0) {
                reader.read(found[j], 1, row);
                checkFinite(chart, row, 1, d, new long[] {found[j]}, chartIds);
                present.add(anchorIds[j]);
                vectors.add(row.clone());
            }
        }
        long[] presentIds = present.stream().mapToLong(Long::longValue).toArray();
        float[] data = new float[presentIds.length * d];
        for (int j = 0; j < presentIds.length; j++) {
            System.arraycopy(vectors.get(j), 0, data, j * d, d);
        }
        LatentSpace anchors = LatentSpace.of(chart.vectors() + " (anchor rows)", presentIds, data, d, null);
        return AtlasBuilder.fitChart(chart.name(), anchorIds, anchors, similarity, normalization);
    }

    /**
     * Adds chart {@code t}'s rows of atlas rows {@code first .. first+size-1}: gathered in file order,
     * read in contiguous runs, projected, summed per atlas row.
     */
    private void addBlock(int t, Npy.MatrixReader reader, long[] chartIds, RelativeProjector projector, int[] chartRowOf,
                          int first, int size, AtlasLayout layout, double[] sums, double[] weightSums) {
        long[] packed = new long[size];
        int m = 0;
        for (int r = first; r < first + size; r++) {
            int i = chartRowOf[r];
            if (i >= 0) {
                packed[m++] = (long) i << 32 | r;
            }
        }
        if (m == 0) {
            return;
        }
        Arrays.sort(packed, 0, m);
        int d = reader.cols();
        float[] vectors = new float[m * d];
        long[] blockIds = new long[m];
        long[] fileRows = new long[m];
        int[] atlasRows = new int[m];
        for (int c = 0; c < m; c++) {
            fileRows[c] = packed[c] >>> 32;
            atlasRows[c] = (int) packed[c];
            blockIds[c] = chartIds[(int) fileRows[c]];
        }
        for (int c = 0; c < m; ) {
            int run = 1;
            while (c + run < m && fileRows[c + run] == fileRows[c] + run) {
                run++;
            }
            reader.read(fileRows[c], run, vectors, c * d);
            c += run;
        }
        ChartFiles chart = charts.get(t);
        checkFinite(chart, vectors, m, d, fileRows, chartIds);
        LatentSpace rows = LatentSpace.of(chart.vectors() + " (rows of atlas rows " + first + ".."
                + (first + size - 1) + ")", blockIds, vectors, d, null);
        float[] rel = projector.apply(rows).rawVectors();
        layout.add(t, aggregation, 1, rel, atlasRows, m, anchorIds.length, first, sums, weightSums);
    }

    /** A NaN or infinity is an error naming the file, its row, id and column (as {@link LatentSpace#of} does). */
    private static void checkFinite(ChartFiles chart, float[] vectors, int count, int d, long[] fileRows, long[] ids) {
        for (int v = 0; v < count * d; v++) {
            if (!Float.isFinite(vectors[v])) {
                long row = fileRows[v / d];
                throw new InvalidInputException(chart.vectors() + ": value " + vectors[v] + " at row " + row + " (id "
                        + ids[(int) row] + "), column " + (v % d) + " is not finite: clean the embeddings before merging");
            }
        }
    }

    /** Configures an {@link OutOfCoreMerge}. */
    public static final class Builder {
        private long[] anchorIds;
        private final List<ChartFiles> charts = new ArrayList<>();
        private Similarity similarity = Similarity.COSINE;
        private Normalization normalization = Normalization.NONE;
        private Aggregation aggregation = Aggregation.MEAN;
        private int blockRows = DEFAULT_BLOCK_ROWS;

        private Builder() {
        }

        /**
         * @param anchorIds the anchors' ids, in column order (required): non-empty and unique
         * @return this builder
         */
        public Builder setAnchors(long[] anchorIds) {
            AtlasBuilder.builder().setAnchors(anchorIds); // the one check of anchor ids
            this.anchorIds = anchorIds.clone();
            return this;
        }

        /**
         * @param name the chart's name, unique
         * @param vectors its vectors ({@code .npy}, {@code n x d})
         * @param ids its ids ({@code .npy}, {@code n})
         * @param labels its labels, or {@code null}
         * @return this builder
         * @throws InvalidInputException when the name was given before
         */
        public Builder addChart(String name, Path vectors, Path ids, Path labels) {
            Objects.requireNonNull(vectors, "vectors");
            Objects.requireNonNull(ids, "ids");
            for (ChartFiles chart : charts) {
                if (chart.name().equals(name)) {
                    throw new InvalidInputException("chart name '" + name + "' is given twice: name every chart once");
                }
            }
            charts.add(new ChartFiles(Objects.requireNonNull(name, "name"), vectors, ids, labels));
            return this;
        }

        /** @param similarity the similarity to each anchor (default cosine, the paper's) */
        public Builder optSimilarity(Similarity similarity) {
            this.similarity = Objects.requireNonNull(similarity, "similarity");
            return this;
        }

        /** @param normalization the per-column map fitted on each chart's anchors (default none) */
        public Builder optNormalization(Normalization normalization) {
            this.normalization = Objects.requireNonNull(normalization, "normalization");
            return this;
        }

        /**
         * @param aggregation MEAN (the paper's) or FIRST
         * @return this builder
         * @throws InvalidInputException for an aggregation that fits a shift or a translation (those need every
         *     chart's anchor and shared rows at once: {@link AtlasBuilder})
         */
        public Builder optAggregation(Aggregation aggregation) {
            Objects.requireNonNull(aggregation, "aggregation");
            if (aggregation != Aggregation.MEAN && aggregation != Aggregation.FIRST) {
                throw new InvalidInputException(List.of("aggregation"), "aggregation: expected mean or first out of"
                        + " core, found " + aggregation + " (it fits a shift or a translation on every chart's rows:"
                        + " merge in memory)");
            }
            this.aggregation = aggregation;
            return this;
        }

        /**
         * @param blockRows atlas rows per block, 1 to 2^24 (memory: about {@code blockRows x (8k + 4d + 4k)}
         *     bytes)
         * @return this builder
         * @throws InvalidInputException outside that range
         */
        public Builder optBlockRows(int blockRows) {
            if (blockRows < 1 || blockRows > 1 << 24) {
                throw new InvalidInputException(List.of("block-rows"), "block rows: expected 1 to " + (1 << 24)
                        + ", found " + blockRows);
            }
            this.blockRows = blockRows;
            return this;
        }

        /**
         * @return the merge
         * @throws InvalidInputException when the anchors or the charts are missing
         */
        public OutOfCoreMerge build() {
            if (anchorIds == null) {
                throw new InvalidInputException("anchors: expected the anchors' ids (setAnchors), found none");
            }
            if (charts.isEmpty()) {
                throw new InvalidInputException("charts: expected at least 1 chart (addChart), found 0");
            }
            return new OutOfCoreMerge(this);
        }
    }
}
