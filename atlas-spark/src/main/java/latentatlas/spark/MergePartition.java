package latentatlas.spark;

import latentatlas.InvalidInputException;
import latentatlas.atlas.Aggregation;
import latentatlas.atlas.Atlas;
import latentatlas.atlas.AtlasBuilder;
import latentatlas.space.LatentSpace;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.unsafe.types.UTF8String;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One partition of the merge: all rows {@code (chart, id, vector)} of the partition's ids, from any
 * chart, as internal rows ({@link InternalRows}). Gathers each chart's rows into one block (the vectors
 * copied straight from the rows) and merges the blocks, in chart-name order, with atlas-core's {@link AtlasBuilder}
 * (each block projected by its chart's projector, fitted on the broadcast anchors). Because the rows
 * were partitioned by id, the partition's atlas rows are exactly the global atlas rows of its ids.
 */
final class MergePartition implements FlatMapFunction<Iterator<InternalRow>, AtlasRow> {
    private static final long serialVersionUID = 1L;

    private final Broadcast<ChartAnchors> anchors;
    private final Aggregation aggregation;
    private final PartitionHook hook;

    MergePartition(Broadcast<ChartAnchors> anchors, Aggregation aggregation, PartitionHook hook) {
        this.anchors = anchors;
        this.aggregation = aggregation;
        this.hook = hook;
    }

    @Override
    public Iterator<AtlasRow> call(Iterator<InternalRow> input) {
        TaskContext task = TaskContext.get();
        int partition = task == null ? 0 : task.partitionId();
        hook.start(partition, task == null ? 0 : task.attemptNumber());
        ChartAnchors chartAnchors = anchors.value();
        Map<String, ChartBlock> blocks = new TreeMap<>();
        UTF8String chart = null; // the chart of the last row: rows come in runs of one chart (one input file's)
        ChartBlock current = null;
        while (input.hasNext()) {
            InternalRow row = input.next();
            UTF8String name = row.getUTF8String(0);
            if (!name.equals(chart)) {
                chart = name.clone(); // the row's bytes are reused for the next row
                current = blocks.computeIfAbsent(chart.toString(), c -> new ChartBlock(c, chartAnchors.dim(c)));
            }
            current.add(row.getLong(1), row.getArray(2));
        }
        if (blocks.isEmpty()) {
            return Collections.emptyIterator();
        }
        AtlasBuilder builder = chartAnchors.atlasBuilder().optAggregation(aggregation);
        for (ChartBlock block : blocks.values()) {
            builder.addChart(block.chart, block.space(partition), chartAnchors.embeddings(block.chart));
        }
        Atlas atlas = builder.build();
        LatentSpace space = atlas.space();
        int[] coverage = atlas.coverage();
        List<AtlasRow> out = new ArrayList<>(space.size());
        for (int i = 0; i < space.size(); i++) {
            out.add(new AtlasRow(space.id(i), space.row(i), coverage[i]));
        }
        return out.iterator();
    }

    /** The rows of one chart in this partition, growing as they arrive. */
    private static final class ChartBlock {
        private final String chart;
        private final int dim;
        private long[] ids = new long[1024];
        private float[] vectors;
        private int n;

        ChartBlock(String chart, int dim) {
            this.chart = chart;
            this.dim = dim;
            this.vectors = new float[ids.length * dim];
        }

        void add(long id, ArrayData vector) {
            if (vector.numElements() != dim) {
                throw new InvalidInputException("rows: chart " + chart + ", id " + id + " has a vector of width "
                        + vector.numElements() + " but the chart's anchors have width " + dim
                        + ": embed rows and anchors with the same chart");
            }
            if (n == ids.length) {
                ids = Arrays.copyOf(ids, n * 2);
                vectors = Arrays.copyOf(vectors, n * 2 * dim);
            }
            ids[n] = id;
            String fault = InternalRows.copyVector(vector, vectors, n * dim);
            if (fault != null) {
                throw InternalRows.refused("rows: chart " + chart + ", id " + id, fault);
            }
            n++;
        }

        LatentSpace space(int partition) {
            return LatentSpace.of("rows of chart " + chart + " (partition " + partition + ")",
                    Arrays.copyOf(ids, n), Arrays.copyOf(vectors, n * dim), dim, null);
        }
    }
}
