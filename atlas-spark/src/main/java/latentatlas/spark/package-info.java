/**
 * The atlas at scale, on Apache Spark: the same computation as the single-machine tool, distributed
 * over Parquet tables.
 *
 * <p>Data flow (docs/method.md §2, §6): chart rows {@code (chart, id, vector)} are repartitioned by sample
 * id, so that every id's rows meet in one partition; each partition projects its rows with
 * atlas-core's relative projector (fitted on the chart's anchors, broadcast to every task) and
 * aggregates them with atlas-core's atlas rule (the mean over the charts that contain the id). The
 * atlas is written as {@code (id, vector, coverage)}. Comparisons join two spaces by id ({@code IdJoin}:
 * both hash-partitioned by id, each pair of partitions joined in memory without a sort, the ids' uniqueness
 * checked in the same pass) and reduce per-partition sufficient statistics in double: linear CKA
 * {@code ||Yc^T Xc||_F^2 / (||Xc^T Xc||_F ||Yc^T Yc||_F)} in one pass (atlas-core's {@code CkaStatistics}
 * per partition around its own provisional means, re-centred exactly on the global means and merged),
 * with the per-class sums and counts; class separability needs a second pass (mean distances to the
 * centroids) only when rows are labelled. Partitions read Spark's internal rows ({@code InternalRows}).
 *
 * <p>Nothing here re-implements the math: the partition functions call atlas-core on blocks.
 */
package latentatlas.spark;
