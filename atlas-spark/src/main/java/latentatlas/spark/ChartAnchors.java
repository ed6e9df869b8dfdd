package latentatlas.spark;

import latentatlas.InvalidInputException;
import latentatlas.atlas.AtlasBuilder;
import latentatlas.relative.Normalization;
import latentatlas.relative.RelativeProjector;
import latentatlas.relative.Similarity;
import latentatlas.space.LatentSpace;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every chart's embeddings of the anchors, as plain arrays broadcast to the executors, where
 * atlas-core's {@link AtlasBuilder} fits them into a projector per chart (fitting is {@code O(k d)},
 * negligible beside projecting a partition).
 *
 * <p>All charts must embed the same anchors in the same coordinate order (docs/method.md §2: the relative
 * coordinates of different charts are comparable only then).
 */
public final class ChartAnchors implements Serializable {
    private static final long serialVersionUID = 1L;

    private final long[] anchorIds;
    private final Map<String, float[]> vectors;
    private final Map<String, Integer> dims;
    private final Similarity similarity;
    private final Normalization normalization;

    private ChartAnchors(long[] anchorIds, Map<String, float[]> vectors, Map<String, Integer> dims,
                         Similarity similarity, Normalization normalization) {
        this.anchorIds = anchorIds;
        this.vectors = vectors;
        this.dims = dims;
        this.similarity = similarity;
        this.normalization = normalization;
    }

    /**
     * Collects an anchor table (read by {@link AtlasTables#readAnchors}) and fits every chart's
     * projector once on the driver, so that a bad anchor fails before any task runs.
     *
     * @return the validated anchors
     * @throws InvalidInputException when charts disagree on the anchor ids, or an anchor is unusable
     */
    public static ChartAnchors collect(Dataset<Row> anchors, Similarity similarity, Normalization normalization) {
        Map<String, List<Row>> byChart = new TreeMap<>();
        for (Row row : anchors.collectAsList()) {
            byChart.computeIfAbsent(row.getString(0), c -> new ArrayList<>()).add(row);
        }
        if (byChart.isEmpty()) {
            throw new InvalidInputException("anchors: the table has no rows: export every chart's anchor embeddings");
        }
        long[] reference = null;
        String referenceChart = null;
        Map<String, float[]> vectors = new LinkedHashMap<>();
        Map<String, Integer> dims = new LinkedHashMap<>();
        for (Map.Entry<String, List<Row>> entry : byChart.entrySet()) {
            List<Row> rows = entry.getValue();
            rows.sort((a, b) -> a.isNullAt(3) || b.isNullAt(3) ? Long.compare(a.getLong(1), b.getLong(1))
                    : Integer.compare(a.getInt(3), b.getInt(3)));
            long[] ids = rows.stream().mapToLong(r -> r.getLong(1)).toArray();
            for (int i = 0; i < rows.size(); i++) {
                if (!rows.get(i).isNullAt(3) && rows.get(i).getInt(3) != i) {
                    throw new InvalidInputException("anchors: chart " + entry.getKey() + ", anchor id " + ids[i]
                            + " has position " + rows.get(i).getInt(3) + ", expected " + i
                            + ": the positions of a chart's anchors are 0, 1, ..., k-1, each once");
                }
            }
            if (reference == null) {
                reference = ids;
                referenceChart = entry.getKey();
            } else if (!Arrays.equals(reference, ids)) {
                throw new InvalidInputException("anchors: chart " + entry.getKey() + " has anchor ids "
                        + preview(ids) + " but chart " + referenceChart + " has " + preview(reference)
                        + ": every chart must embed the same anchors in the same order");
            }
            int dim = rows.get(0).getList(2).size();
            float[] flat = new float[rows.size() * dim];
            for (int i = 0; i < rows.size(); i++) {
                List<Float> vector = rows.get(i).getList(2);
                if (vector.size() != dim) {
                    throw new InvalidInputException("anchors: chart " + entry.getKey() + ", anchor id " + ids[i]
                            + " has width " + vector.size() + ", expected " + dim);
                }
                for (int j = 0; j < dim; j++) {
                    flat[i * dim + j] = vector.get(j);
                }
            }
            vectors.put(entry.getKey(), flat);
            dims.put(entry.getKey(), dim);
        }
        ChartAnchors result = new ChartAnchors(reference, vectors, dims, similarity, normalization);
        vectors.keySet().forEach(result::projector);
        return result;
    }

    /** @return the charts that have anchors, in name order */
    public List<String> charts() {
        return List.copyOf(vectors.keySet());
    }

    /** @return the number of anchors {@code k}, the width of a relative vector */
    public int anchorCount() {
        return anchorIds.length;
    }

    /** @return the absolute width of a chart */
    public int dim(String chart) {
        return dims.get(chart);
    }

    /** @return whether the chart has anchors */
    public boolean has(String chart) {
        return vectors.containsKey(chart);
    }

    /**
     * @return a builder of atlas-core's merge with these anchors, similarity and normalization; add each
     *     chart with its rows and {@link #embeddings} as the anchor embeddings
     */
    public AtlasBuilder atlasBuilder() {
        return AtlasBuilder.builder().setAnchors(anchorIds).optSimilarity(similarity).optNormalization(normalization);
    }

    /** @return the chart's embeddings of the anchors, in anchor order */
    public LatentSpace embeddings(String chart) {
        return LatentSpace.of("anchors of chart " + chart, anchorIds.clone(), vectors.get(chart), dims.get(chart), null);
    }

    /**
     * @return atlas-core's projector of the chart, fitted on its anchors ({@link AtlasBuilder#fitChart},
     *     the fitting every merge uses)
     */
    public RelativeProjector projector(String chart) {
        return AtlasBuilder.fitChart(chart, anchorIds, embeddings(chart), similarity, normalization);
    }

    private static String preview(long[] ids) {
        return ids.length <= 6 ? Arrays.toString(ids)
                : Arrays.toString(Arrays.copyOf(ids, 6)).replace("]", ", ... (" + ids.length + " ids)]");
    }
}
