package latentatlas.tasks;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/**
 * The safety checks of docs/method.md §3, run on every plan a planner makes and on every plan read from
 * disk ({@link TaskPlanJson#read}). They take nothing in the plan on trust: an id or class out of range,
 * a wrong type of parameter, a duplicate is reported as a broken rule, never as a crash.
 *
 * <p>All settings: tasks are numbered 0, 1, 2, ... in order, with at least one chart task; task 0 has every
 * class in order, every training id (train and validation disjoint) and every test id; every task's
 * classes are distinct classes of the dataset, its ids come from the right split, appear once in the
 * task (never both training and validation) and carry one of its classes, and it has training and
 * validation ids; the anchors are distinct training ids, as many as the {@code anchors} parameter.
 * Shared classes: the shared classes are distinct classes, as many as the {@code shared} parameter, and
 * the anchors belong to them; every chart task has every shared class plus {@code novel} novel classes;
 * novel classes (and so novel samples) of two tasks never overlap; each task holds every training and
 * test sample of its classes; there are {@code floor((C - S) / N)} chart tasks. Disjoint samples and
 * disjoint: no shared classes, no anchor is in a chart task, no sample is in two chart tasks, and chart
 * tasks plus anchors hold every training id and every test id; disjoint: the tasks' classes partition
 * the classes, one task per {@code partitions}; disjoint samples: every task has every class, in order.
 */
public final class PlanChecks {
    private static final String[] LIST_NAMES = {"training", "validation", "test"};

    private PlanChecks() {
    }

    /**
     * For plans a planner made: a failure is a bug.
     *
     * @param plan the plan to check
     * @param data the labels of the dataset it was made for
     * @throws IllegalStateException naming the broken rule
     */
    public static void verify(TaskPlan plan, DatasetLabels data) {
        firstViolation(plan, data).ifPresent(rule -> {
            throw new IllegalStateException("plan check failed: " + rule);
        });
    }

    /**
     * @param plan any plan, e.g. one read from a file
     * @param data the labels of the dataset it should divide
     * @return the first broken rule, one line naming the task, the id or class and the rule; empty when
     *     the plan passes every check
     */
    public static Optional<String> firstViolation(TaskPlan plan, DatasetLabels data) {
        try {
            check(plan, data);
            return Optional.empty();
        } catch (Violation v) {
            return Optional.of(v.getMessage());
        }
    }

    private static void check(TaskPlan plan, DatasetLabels data) {
        int classCount = data.classCount();
        BitSet trainSet = PlanParts.setOf(data.trainIds());
        BitSet testSet = PlanParts.setOf(data.testIds());
        int[] labelOf = labelsById(data);
        List<Task> tasks = plan.tasks();
        require(!tasks.isEmpty(), "the plan has no tasks; expected task 0 (end-to-end) then the charts' tasks");
        for (int i = 0; i < tasks.size(); i++) {
            require(tasks.get(i).index() == i, "the task at position " + i + " has index " + tasks.get(i).index()
                    + ", expected " + i + " (tasks are numbered 0, 1, 2, ... in order, none twice)");
        }
        require(tasks.size() > 1, "the plan has no chart task; expected tasks 1.. after task 0");
        for (Task t : tasks) {
            checkTask(t, data, trainSet, testSet, labelOf);
        }
        Task e2e = tasks.get(0);
        int[] all = new int[classCount];
        Arrays.setAll(all, c -> c);
        require(Arrays.equals(e2e.classes(), all), "task 0 (end-to-end) has the classes " + list(e2e.classes())
                + ", expected every class in order, " + list(all));
        require(e2e.trainIds().length + e2e.validationIds().length == data.trainIds().length,
                "task 0 (end-to-end) holds " + (e2e.trainIds().length + e2e.validationIds().length) + " of the "
                        + data.trainIds().length + " training samples of " + data.name() + ", expected all");
        require(e2e.testIds().length == data.testIds().length, "task 0 (end-to-end) holds " + e2e.testIds().length
                + " of the " + data.testIds().length + " test samples of " + data.name() + ", expected all");
        long[] anchors = plan.anchorIds();
        BitSet anchorSet = new BitSet();
        for (long a : anchors) {
            require(a >= 0 && a < labelOf.length && trainSet.get((int) a),
                    "anchor " + a + " is not a training sample of " + data.name());
            require(!anchorSet.get((int) a), "anchor " + a + " is listed twice");
            anchorSet.set((int) a);
        }
        int k = intParameter(plan, "anchors");
        Object strategy = plan.parameters().get(TaskPlan.ANCHOR_SELECTION);
        require(strategy == null || strategy instanceof String name && latentatlas.anchors.AnchorStrategy.names().contains(name)
                && !name.equals(latentatlas.anchors.AnchorStrategy.RANDOM.externalName()),
                "the parameter '" + TaskPlan.ANCHOR_SELECTION + "' is " + strategy + ", expected one of "
                        + latentatlas.anchors.AnchorStrategy.names().subList(1, latentatlas.anchors.AnchorStrategy.names().size())
                        + " (random plans leave it out)");
        require(k == anchors.length, "the parameter 'anchors' is " + k + " but the plan lists " + anchors.length
                + " anchors");
        require(k >= 1, "the plan has no anchors; expected at least 1");
        List<Task> charts = plan.chartTasks();
        switch (plan.setting()) {
            case SHARED_CLASSES -> checkSharedClasses(plan, data, labelOf);
            case DISJOINT_SAMPLES, DISJOINT -> {
                require(plan.sharedClasses().length == 0, "sharedClasses is " + list(plan.sharedClasses())
                        + ", expected [] in setting " + plan.setting());
                checkHeldOut(plan.setting(), charts, anchorSet, data, labelOf.length);
                if (plan.setting() == Setting.DISJOINT) {
                    checkPartition(charts, classCount, intParameter(plan, "partitions"));
                } else {
                    for (Task t : charts) {
                        require(Arrays.equals(t.classes(), all), "task " + t.index() + " has the classes "
                                + list(t.classes()) + ", expected every class in order (setting disjoint-samples)");
                    }
                }
            }
        }
    }

    private static void checkTask(Task t, DatasetLabels data, BitSet trainSet, BitSet testSet, int[] labelOf) {
        String task = "task " + t.index() + ": ";
        require(t.classes().length > 0, task + "no classes; expected at least one");
        BitSet classes = new BitSet();
        for (int c : t.classes()) {
            require(c >= 0 && c < data.classCount(), task + "class " + c + " is not a class of " + data.name()
                    + " (expected 0.." + (data.classCount() - 1) + ")");
            require(!classes.get(c), task + "class " + c + " is listed twice");
            classes.set(c);
        }
        long[][] lists = {t.trainIds(), t.validationIds(), t.testIds()};
        BitSet[] seen = {new BitSet(), new BitSet(), new BitSet()};
        for (int l = 0; l < lists.length; l++) {
            BitSet split = l == 2 ? testSet : trainSet;
            String splitName = l == 2 ? "test" : "training";
            for (long id : lists[l]) {
                String what = task + LIST_NAMES[l] + " id " + id;
                require(id >= 0 && id < labelOf.length && split.get((int) id),
                        what + " is not a " + splitName + " sample of " + data.name());
                int i = (int) id;
                require(!seen[l].get(i), what + " is listed twice");
                for (int other = 0; other < l; other++) {
                    require(!seen[other].get(i), task + "id " + id + " is both a " + LIST_NAMES[other] + " and a "
                            + LIST_NAMES[l] + " id (a task's training, validation and test ids are disjoint)");
                }
                seen[l].set(i);
                require(classes.get(labelOf[i]), what + " has class " + labelOf[i] + ", which is not one of the task's"
                        + " classes " + list(t.classes()));
            }
        }
        require(t.trainIds().length > 0, task + "no training ids; expected at least one");
        require(t.validationIds().length > 0, task + "no validation ids; expected 10% of its training samples");
    }

    private static void checkSharedClasses(TaskPlan plan, DatasetLabels data, int[] labelOf) {
        int[] shared = plan.sharedClasses();
        BitSet sharedSet = new BitSet();
        for (int c : shared) {
            require(c >= 0 && c < data.classCount(), "shared class " + c + " is not a class of " + data.name()
                    + " (expected 0.." + (data.classCount() - 1) + ")");
            require(!sharedSet.get(c), "shared class " + c + " is listed twice");
            sharedSet.set(c);
        }
        int s = intParameter(plan, "shared");
        require(s == shared.length, "the parameter 'shared' is " + s + " but the plan lists " + shared.length
                + " shared classes");
        require(s >= 1, "the plan has no shared classes; setting shared-classes needs at least 1");
        int novel = intParameter(plan, "novel");
        require(novel >= 1, "the parameter 'novel' is " + novel + ", expected at least 1");
        for (long a : plan.anchorIds()) {
            require(sharedSet.get(labelOf[(int) a]), "anchor " + a + " has class " + labelOf[(int) a]
                    + ", which is not a shared class " + list(shared));
        }
        long expectedTasks = Math.max(0, (data.classCount() - (long) s) / novel);
        require(plan.chartTasks().size() == expectedTasks, "the plan has " + plan.chartTasks().size()
                + " chart tasks, expected floor((C - S) / N) = floor((" + data.classCount() + " - " + s + ") / " + novel
                + ") = " + expectedTasks);
        long[][] trainByClass = data.trainIdsByClass();
        long[][] testByClass = data.testIdsByClass();
        int[] novelOwner = new int[data.classCount()];
        for (Task t : plan.chartTasks()) {
            String task = "task " + t.index() + ": ";
            for (int c : shared) {
                require(t.hasClass(c), task + "lacks the shared class " + c);
            }
            require(t.classes().length == s + novel, task + t.classes().length + " classes, expected " + s
                    + " shared plus " + novel + " novel");
            int trainCount = 0;
            int testCount = 0;
            for (int c : t.classes()) {
                trainCount += trainByClass[c].length;
                testCount += testByClass[c].length;
                if (!sharedSet.get(c)) {
                    require(novelOwner[c] == 0, task + "novel class " + c + " is also in task " + novelOwner[c]
                            + " (setting shared-classes: a novel class is in one task only)");
                    novelOwner[c] = t.index();
                }
            }
            require(t.trainIds().length + t.validationIds().length == trainCount, task + "holds "
                    + (t.trainIds().length + t.validationIds().length) + " of the " + trainCount
                    + " training samples of its classes, expected all");
            require(t.testIds().length == testCount, task + "holds " + t.testIds().length + " of the " + testCount
                    + " test samples of its classes, expected all");
        }
    }

    private static void checkHeldOut(Setting setting, List<Task> charts, BitSet anchors, DatasetLabels data,
                                     int idCount) {
        int[] trainOwner = new int[idCount];
        int[] testOwner = new int[idCount];
        long trainTotal = 0;
        long testTotal = 0;
        for (Task t : charts) {
            String task = "task " + t.index() + ": ";
            for (long[] ids : new long[][] {t.trainIds(), t.validationIds()}) {
                for (long id : ids) {
                    int i = (int) id;
                    require(!anchors.get(i), task + "id " + id + " is an anchor (setting " + setting
                            + " holds the anchors out of every chart task)");
                    require(trainOwner[i] == 0, task + "training sample " + id + " is also in task " + trainOwner[i]
                            + " (setting " + setting + ": no sample is in two chart tasks)");
                    trainOwner[i] = t.index();
                }
                trainTotal += ids.length;
            }
            for (long id : t.testIds()) {
                int i = (int) id;
                require(testOwner[i] == 0, task + "test sample " + id + " is also in task " + testOwner[i]
                        + " (setting " + setting + ": no sample is in two chart tasks)");
                testOwner[i] = t.index();
            }
            testTotal += t.testIds().length;
        }
        require(trainTotal + anchors.cardinality() == data.trainIds().length, "the chart tasks and the anchors hold "
                + (trainTotal + anchors.cardinality()) + " of the " + data.trainIds().length + " training samples of "
                + data.name() + ", expected all (setting " + setting + ")");
        require(testTotal == data.testIds().length, "the chart tasks hold " + testTotal + " of the "
                + data.testIds().length + " test samples of " + data.name() + ", expected all (setting " + setting + ")");
    }

    private static void checkPartition(List<Task> charts, int classCount, int partitions) {
        require(partitions == charts.size(), "the parameter 'partitions' is " + partitions + " but the plan has "
                + charts.size() + " chart tasks");
        int[] owner = new int[classCount];
        for (Task t : charts) {
            for (int c : t.classes()) {
                require(owner[c] == 0, "task " + t.index() + ": class " + c + " is also in task " + owner[c]
                        + " (setting disjoint: every class is in exactly one task)");
                owner[c] = t.index();
            }
        }
        for (int c = 0; c < classCount; c++) {
            require(owner[c] != 0, "class " + c + " is in no chart task (setting disjoint: every class is in exactly"
                    + " one task)");
        }
    }

    /** @return the whole-number parameter {@code key}, or a violation naming what was found */
    private static int intParameter(TaskPlan plan, String key) {
        Object v = plan.parameters().get(key);
        require(v instanceof Integer || v instanceof Long && (long) v == (int) (long) v,
                "the parameter '" + key + "' is " + (v == null ? "missing" : v) + ", expected a whole number");
        return ((Number) v).intValue();
    }

    /** @return {@code [a, b, ...]}, the first 10 values then the count */
    private static String list(int[] values) {
        if (values.length <= 10) {
            return Arrays.toString(values);
        }
        return Arrays.toString(Arrays.copyOf(values, 10)).replace("]", ", ... (" + values.length + ")]");
    }

    private static int[] labelsById(DatasetLabels data) {
        long max = -1;
        for (long id : data.trainIds()) {
            max = Math.max(max, id);
        }
        for (long id : data.testIds()) {
            max = Math.max(max, id);
        }
        int[] labelOf = new int[Math.toIntExact(max + 1)];
        Arrays.fill(labelOf, -1);
        for (int i = 0; i < data.trainIds().length; i++) {
            labelOf[(int) data.trainIds()[i]] = data.trainLabels()[i];
        }
        for (int i = 0; i < data.testIds().length; i++) {
            labelOf[(int) data.testIds()[i]] = data.testLabels()[i];
        }
        return labelOf;
    }

    private static void require(boolean ok, String rule) {
        if (!ok) {
            throw new Violation(rule);
        }
    }

    /** A broken rule, caught by {@link #firstViolation}; no stack trace is filled in. */
    private static final class Violation extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Violation(String rule) {
            super(rule, null, false, false);
        }
    }
}
