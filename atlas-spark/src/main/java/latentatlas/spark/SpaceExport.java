package latentatlas.spark;

import latentatlas.space.LatentSpace;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Turns latent spaces of the single-machine tool into the Parquet tables of {@link AtlasTables}, so
 * that a run moves to a cluster unchanged: every chart's space becomes chart rows, every chart's
 * anchor rows become anchor rows with their relative coordinate.
 */
public final class SpaceExport {
    /** Rows per Spark task when a space is distributed. */
    static final int CHUNK_ROWS = 16_384;

    private SpaceExport() {
    }

    /**
     * @param spaces chart name to its space (labels are kept when present)
     * @return a table with the {@link AtlasTables#ROWS} schema
     */
    public static Dataset<Row> chartRows(SparkSession spark, Map<String, LatentSpace> spaces) {
        List<Chunk> chunks = new ArrayList<>();
        spaces.forEach((chart, space) -> chunks.addAll(Chunk.split(chart, space, false)));
        return spark.createDataFrame(distribute(spark, chunks), AtlasTables.ROWS);
    }

    /**
     * @param anchors chart name to its embeddings of the anchors, in coordinate order
     * @return a table with the {@link AtlasTables#ANCHORS} schema
     */
    public static Dataset<Row> anchorRows(SparkSession spark, Map<String, LatentSpace> anchors) {
        List<Chunk> chunks = new ArrayList<>();
        anchors.forEach((chart, space) -> chunks.addAll(Chunk.split(chart, space, true)));
        return spark.createDataFrame(distribute(spark, chunks), AtlasTables.ANCHORS);
    }

    private static JavaRDD<Row> distribute(SparkSession spark, List<Chunk> chunks) {
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        return context.parallelize(chunks, Math.max(1, chunks.size())).flatMap(Chunk::rows);
    }

    /** A block of consecutive rows of one space, shipped to one task (a class, not a record: Kryo 4 cannot build records). */
    private static final class Chunk implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String chart;
        private final int firstRow;
        private final long[] ids;
        private final float[] vectors;
        private final int dim;
        private final int[] labels;
        private final boolean anchors;

        Chunk(String chart, int firstRow, long[] ids, float[] vectors, int dim, int[] labels, boolean anchors) {
            this.chart = chart;
            this.firstRow = firstRow;
            this.ids = ids;
            this.vectors = vectors;
            this.dim = dim;
            this.labels = labels;
            this.anchors = anchors;
        }

        static List<Chunk> split(String chart, LatentSpace space, boolean anchors) {
            List<Chunk> chunks = new ArrayList<>();
            float[] all = space.rawVectors();
            int dim = space.dim();
            for (int start = 0; start < space.size(); start += CHUNK_ROWS) {
                int end = Math.min(space.size(), start + CHUNK_ROWS);
                long[] ids = new long[end - start];
                int[] labels = space.hasLabels() ? new int[end - start] : null;
                for (int r = start; r < end; r++) {
                    ids[r - start] = space.id(r);
                    if (labels != null) {
                        labels[r - start] = space.label(r);
                    }
                }
                chunks.add(new Chunk(chart, start, ids, Arrays.copyOfRange(all, start * dim, end * dim), dim,
                        labels, anchors));
            }
            return chunks;
        }

        Iterator<Row> rows() {
            List<Row> rows = new ArrayList<>(ids.length);
            for (int i = 0; i < ids.length; i++) {
                float[] vector = Arrays.copyOfRange(vectors, i * dim, (i + 1) * dim);
                Object last = anchors ? Integer.valueOf(firstRow + i) : labels == null ? null : labels[i];
                rows.add(RowFactory.create(chart, ids[i], vector, last));
            }
            return rows.iterator();
        }
    }
}
