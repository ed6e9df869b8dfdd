package latentatlas.evaluation;

import latentatlas.InvalidInputException;
import latentatlas.atlas.AtlasBuilder;
import latentatlas.charts.ChartStore;
import latentatlas.io.Reasons;
import latentatlas.space.LatentSpace;
import latentatlas.space.LatentSpaces;
import latentatlas.tasks.Task;
import latentatlas.tasks.TaskPlan;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;

/**
 * A run folder's charts as the inputs of the atlas merge, so that a model fitted from a run
 * ({@code atlas fit --run}) is the atlas of that run's charts: for every chart task {@code t} of the plan
 * (task 0, the end-to-end model, is not a chart), the embeddings {@code RUN/spaces/task-t/embeddings.npy}
 * (+ {@code .ids.npy}, {@code .labels.npy}) that {@link ChartBank} cached for every sample; the chart's rows
 * are the training samples its task contains (validation included, as the oracle membership of
 * {@link EvaluationSet} counts them), its anchor embeddings come from the same file, and the anchors are the
 * plan's, in the plan's order. No test sample takes part. In the shared-classes setting the ids every chart
 * holds are the shared classes' training samples, the set of the reference's shift (docs/method.md §9).
 *
 * <pre>
 * FittedAtlas fitted = RunCharts.builder(run, plan).optAggregation(Aggregation.SHIFTED_MEAN).fit();
 * fitted.model().save(modelDir);
 * </pre>
 */
public final class RunCharts {
    private RunCharts() {
    }

    /**
     * @param run the run folder ({@code atlas run --out RUN})
     * @param plan its plan ({@code RUN/plan.json}, read and checked against the dataset)
     * @return a builder with the plan's anchors and one chart {@code task-t} per chart task, in task order;
     *     the caller adds the similarity, normalisation and aggregation
     * @throws InvalidInputException (input {@code run}) when a chart's spaces are missing or unreadable
     */
    public static AtlasBuilder builder(Path run, TaskPlan plan) {
        ChartStore store = new ChartStore(run);
        AtlasBuilder builder = AtlasBuilder.builder().setAnchors(plan.anchorIds());
        for (Task task : plan.chartTasks()) {
            String name = "task-" + task.index();
            Path dir = store.spacesDir(task.index());
            if (!LatentSpaces.exists(dir, "embeddings")) {
                throw new InvalidInputException(List.of("run"), "run " + run + ": chart " + name + " has no embeddings ("
                        + dir.resolve("embeddings.npy") + " is missing): finish the run first (atlas run --out " + run + ")");
            }
            LatentSpace all;
            try {
                all = LatentSpaces.load(dir, "embeddings");
            } catch (RuntimeException e) {
                throw new InvalidInputException(List.of("run"), "run " + run + ": the embeddings of chart " + name
                        + " do not read back (" + Reasons.of(e) + "): rerun atlas run --out " + run, e);
            }
            long[] rows = LongStream.concat(LongStream.of(task.trainIds()), LongStream.of(task.validationIds())).toArray();
            for (long id : rows) {
                if (!all.contains(id)) {
                    throw new InvalidInputException(List.of("run"), "run " + run + ": the embeddings of chart " + name
                            + " lack training sample " + id + " of its task: they belong to another plan; rerun atlas run");
                }
            }
            builder.addChart(name, all.select(name, rows), all);
        }
        return builder;
    }
}
