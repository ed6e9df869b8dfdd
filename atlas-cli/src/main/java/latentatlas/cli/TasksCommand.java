package latentatlas.cli;

import latentatlas.Text;
import latentatlas.dataset.Dataset;
import latentatlas.dataset.Datasets;
import latentatlas.tasks.DatasetLabels;
import latentatlas.tasks.Task;
import latentatlas.tasks.TaskPlan;
import latentatlas.tasks.TaskPlanJson;
import latentatlas.tasks.TaskPlanner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/** {@code atlas tasks}: divides a dataset into tasks (docs/method.md §3), prints the plan and saves it as JSON. */
@Command(name = "tasks", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Divide a dataset into tasks, one chart per task, in one of the three settings of the paper;"
                + " print a table (task, classes, train, validation, test, anchors inside the task) and save the plan.")
public final class TasksCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Mixin
    private PlanOptions plan;

    @Option(names = "--dataset", required = true, paramLabel = "D",
            description = "fashion-mnist, mnist:DIR, cifar10:DIR, cifar100:DIR, images:DIR, clinc150, banking77")
    private String dataset;

    @Option(names = "--seed", paramLabel = "SEED", description = "seed of every random choice")
    private long seed = 42;

    @Option(names = "--out", paramLabel = "FILE", description = "write the plan as JSON to FILE")
    private Path out;

    @Override
    public void run() {
        TaskPlanner planner = plan.planner();
        Dataset data = Datasets.open(dataset);
        DatasetLabels labels = DatasetLabels.of(data);
        TaskPlan taskPlan = planner.plan(data, seed);
        print(taskPlan, labels, spec.commandLine().getOut());
        if (out != null) {
            TaskPlanJson.write(taskPlan, out);
            spec.commandLine().getOut().println("plan written to " + out);
        }
        spec.commandLine().getOut().flush();
    }

    private static void print(TaskPlan plan, DatasetLabels labels, PrintWriter w) {
        w.printf("dataset %s (%d classes, %d train, %d test; fingerprint %.12s), setting %s, seed %d%n",
                Text.printable(plan.dataset()), labels.classCount(), labels.trainIds().length, labels.testIds().length,
                plan.datasetFingerprint(), plan.setting(), plan.seed());
        w.printf("parameters %s%n", plan.parameters());
        if (plan.sharedClasses().length > 0) {
            w.printf("shared classes %s%n", Arrays.toString(plan.sharedClasses()));
        }
        w.printf("%d anchors%n", plan.anchorIds().length);
        BitSet anchorSet = new BitSet();
        for (long a : plan.anchorIds()) {
            anchorSet.set(Math.toIntExact(a));
        }
        w.printf("%5s %8s %8s %11s %8s %8s  %s%n", "task", "classes", "train", "validation", "test", "anchors",
                "class ids");
        for (Task t : plan.tasks()) {
            long inside = Arrays.stream(t.trainIds()).filter(id -> anchorSet.get((int) id)).count()
                    + Arrays.stream(t.validationIds()).filter(id -> anchorSet.get((int) id)).count();
            String ids = t.index() == 0 ? "all (end-to-end)" : t.classCount() <= 20 ? Arrays.toString(t.classes())
                    : Arrays.toString(Arrays.copyOf(t.classes(), 10)).replace("]", ", ...]");
            w.printf("%5d %8d %8d %11d %8d %8d  %s%n", t.index(), t.classCount(), t.trainIds().length,
                    t.validationIds().length, t.testIds().length, inside, ids);
        }
        List<Task> charts = plan.chartTasks();
        BitSet used = new BitSet();
        charts.forEach(t -> Arrays.stream(t.classes()).forEach(used::set));
        if (used.cardinality() < labels.classCount()) {
            w.printf("%d classes are in no chart task (only in task 0)%n", labels.classCount() - used.cardinality());
        }
    }
}
