package latentatlas.spark;

import latentatlas.InvalidInputException;
import latentatlas.atlas.Aggregation;
import latentatlas.relative.Normalization;
import latentatlas.relative.Similarity;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static org.apache.spark.sql.functions.col;

/**
 * Projects every chart's rows on its anchors and averages them per sample id: the atlas of
 * docs/method.md §2, {@code atlas(x) = mean over charts t containing x of rel_t(x)}, distributed.
 *
 * <p>Plan: the chart rows are repartitioned by id (a shuffle of the absolute rows, narrower than the
 * relative ones when {@code d < k}), so that every id's rows land in one partition; each partition
 * then runs atlas-core on its own rows ({@link MergePartition}): the chart's relative projector (fitted
 * on the broadcast anchors) and the atlas aggregation. The result has the {@link AtlasTables#ATLAS}
 * schema and equals the single-machine atlas id by id.
 */
public final class MergeJob {
    /** The most id partitions, given or by default. */
    static final int MAX_PARTITIONS = IdBuckets.MAX_BUCKETS;

    private final Dataset<Row> rows;
    private final Dataset<Row> anchors;
    private final Similarity similarity;
    private final Normalization normalization;
    private final Aggregation aggregation;
    private final int partitions;
    private final PartitionHook hook;

    private MergeJob(Builder builder) {
        this.rows = Objects.requireNonNull(builder.rows, "setRows");
        this.anchors = Objects.requireNonNull(builder.anchors, "setAnchors");
        this.similarity = builder.similarity;
        this.normalization = builder.normalization;
        this.aggregation = builder.aggregation;
        this.partitions = builder.partitions;
        this.hook = builder.hook;
    }

    /** @return a builder: {@code setRows} and {@code setAnchors} are required */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Validates the anchors and the charts on the driver, shuffles the rows by id (Spark's adaptive
     * execution runs the shuffle's map side here, {@link InternalRows}), then returns the atlas table,
     * projected and aggregated when it is used.
     *
     * @return the atlas {@code (id, vector, coverage)}
     * @throws InvalidInputException when there are no rows, or a chart of the rows has no anchors
     */
    public Dataset<Row> atlas() {
        return prepared().atlas();
    }

    /**
     * Merges as {@link #atlas} and writes the atlas to a Parquet folder ({@link ParquetOutput}), bucketed
     * by id: its partitions are its id buckets ({@link IdBuckets}), so that {@code spark compare} of
     * the atlas joins it without a shuffle. Uncompressed: snappy cannot shrink the cosines, only slow
     * their reading ({@link ParquetOutput}).
     *
     * @param target the folder to create or replace
     */
    public void write(String target) {
        Prepared prepared = prepared();
        ParquetOutput.write(prepared.atlas(), target, prepared.partitions(), false);
    }

    /** The atlas as it will be computed, and its id partitions. */
    private record Prepared(Dataset<Row> atlas, int partitions) {
    }

    private Prepared prepared() {
        ChartAnchors chartAnchors = ChartAnchors.collect(anchors, similarity, normalization);
        List<String> charts = rows.select(AtlasTables.CHART).distinct().as(Encoders.STRING()).collectAsList();
        if (charts.isEmpty()) {
            throw new InvalidInputException("rows: the table has no rows: export every chart's rows");
        }
        List<String> missing = new ArrayList<>();
        for (String chart : charts) {
            if (!chartAnchors.has(chart)) {
                missing.add(chart);
            }
        }
        if (!missing.isEmpty()) {
            throw new InvalidInputException("anchors: no anchor rows for chart(s) " + missing + " of the rows (anchors have "
                    + chartAnchors.charts() + "): export the anchors of every chart");
        }
        int count = partitions > 0 ? partitions : defaultPartitions();
        JavaSparkContext context = JavaSparkContext.fromSparkContext(rows.sparkSession().sparkContext());
        Broadcast<ChartAnchors> shared = context.broadcast(chartAnchors);
        Dataset<Row> byId = rows.select(col(AtlasTables.CHART).cast("string"), col(AtlasTables.ID).cast("long"),
                col(AtlasTables.VECTOR).cast("array<float>"));
        // partition i = id bucket i (IdBuckets): write() writes the atlas's partitions as its buckets
        byId = IdBuckets.partition(byId, count);
        JavaRDD<AtlasRow> merged = InternalRows.of(byId).mapPartitions(new MergePartition(shared, aggregation, hook));
        return new Prepared(rows.sparkSession().createDataset(merged.rdd(), Encoders.bean(AtlasRow.class))
                .select(AtlasTables.ID, AtlasTables.VECTOR, AtlasTables.COVERAGE), count);
    }

    private int defaultPartitions() {
        long total = rows.count();
        return IdBuckets.count(total, rows.sparkSession().sparkContext().defaultParallelism());
    }

    /** Configures a {@link MergeJob}. */
    public static final class Builder {
        private Dataset<Row> rows;
        private Dataset<Row> anchors;
        private Similarity similarity = Similarity.COSINE;
        private Normalization normalization = Normalization.NONE;
        private Aggregation aggregation = Aggregation.MEAN;
        private int partitions;
        private PartitionHook hook = PartitionHook.NONE;

        private Builder() {
        }

        /** @param rows chart rows, as read by {@link AtlasTables#readChartRows} (required) */
        public Builder setRows(Dataset<Row> rows) {
            this.rows = rows;
            return this;
        }

        /** @param anchors anchor rows, as read by {@link AtlasTables#readAnchors} (required) */
        public Builder setAnchors(Dataset<Row> anchors) {
            this.anchors = anchors;
            return this;
        }

        /** @param similarity the similarity to each anchor (default cosine, the paper's) */
        public Builder optSimilarity(Similarity similarity) {
            this.similarity = Objects.requireNonNull(similarity);
            return this;
        }

        /** @param normalization the per-column map fitted on each chart's anchors (default none) */
        public Builder optNormalization(Normalization normalization) {
            this.normalization = Objects.requireNonNull(normalization);
            return this;
        }

        /**
         * @param aggregation how an id's relative vectors merge (default the mean, the paper's rule;
         *                    FIRST takes the first chart by name that contains the id); only these two: a
         *                    partition of ids sees neither every shared id (shifted-mean) nor every chart
         *                    (the reference of a translation)
         * @throws InvalidInputException (input {@code aggregation}) for any other rule
         */
        public Builder optAggregation(Aggregation aggregation) {
            if (aggregation != Aggregation.MEAN && aggregation != Aggregation.FIRST) {
                throw new InvalidInputException(java.util.List.of("aggregation"), "aggregation " + aggregation
                        + " is not available on Spark (expected mean or first): merge with atlas merge on one machine");
            }
            this.aggregation = Objects.requireNonNull(aggregation);
            return this;
        }

        /**
         * @param partitions the number of id partitions, 1 to 100,000 (default: one per 100,000 rows, at
         *                   least the parallelism, rounded up to a power of two: {@link IdBuckets#count})
         */
        public Builder optPartitions(int partitions) {
            if (partitions < 1 || partitions > MAX_PARTITIONS) {
                throw new InvalidInputException(List.of("partitions"), "id partitions: expected 1 to " + MAX_PARTITIONS
                        + ", found " + partitions);
            }
            this.partitions = partitions;
            return this;
        }

        /** @param hook called at the start of every partition task */
        public Builder optPartitionHook(PartitionHook hook) {
            this.hook = Objects.requireNonNull(hook);
            return this;
        }

        /** @return the job */
        public MergeJob build() {
            return new MergeJob(this);
        }
    }
}
