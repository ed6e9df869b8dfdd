package latentatlas.tasks;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * The safety checks of docs/method.md §3, run on every plan a planner makes (and on demand on a plan read
 * back from disk). A failure is a bug or a hand-edited plan: it throws {@link IllegalStateException}
 * naming the broken rule.
 *
 * <p>All settings: task 0 has every class in order, every training id (train and validation
 * disjoint) and every test id; every task's classes are distinct and in range, its ids are unique,
 * come from the right split and carry one of its classes; the anchors are distinct training ids, as
 * many as the {@code anchors} parameter. Shared classes: the anchors belong to shared classes; every
 * task has all shared classes; novel classes (and so novel samples) of two tasks never overlap; each
 * task holds every training and test sample of its classes; exactly {@code (C - S) mod N} classes are in
 * no chart task. Disjoint samples and disjoint: no anchor is in a chart task, no sample is in two chart
 * tasks, and chart tasks plus anchors hold every training id and every test id; disjoint: the tasks'
 * classes partition the classes; disjoint samples: every task has every class.
 */
public final class PlanChecks {
    private PlanChecks() {
    }

    /**
     * @param plan the plan to check
     * @param data the labels of the dataset it was made for
     * @throws IllegalStateException when a rule is broken
     */
    public static void verify(TaskPlan plan, DatasetLabels data) {
        int classCount = data.classCount();
        BitSet trainSet = PlanParts.setOf(data.trainIds());
        BitSet testSet = PlanParts.setOf(data.testIds());
        int[] labelOf = labelsById(data);
        List<Task> tasks = plan.tasks();
        require(!tasks.isEmpty() && tasks.get(0).index() == 0, "the plan starts with task 0");
        for (int i = 0; i < tasks.size(); i++) {
            require(tasks.get(i).index() == i, "task " + i + " has index " + tasks.get(i).index());
            checkTask(tasks.get(i), classCount, trainSet, testSet, labelOf);
        }
        Task e2e = tasks.get(0);
        int[] all = new int[classCount];
        Arrays.setAll(all, c -> c);
        require(Arrays.equals(e2e.classes(), all), "task 0 has every class, in order");
        require(e2e.trainIds().length + e2e.validationIds().length == data.trainIds().length,
                "task 0 holds every training sample");
        require(e2e.testIds().length == data.testIds().length, "task 0 holds every test sample");
        long[] anchors = plan.anchorIds();
        BitSet anchorSet = PlanParts.setOf(anchors);
        require(anchorSet.cardinality() == anchors.length, "anchors are distinct");
        for (long a : anchors) {
            require(trainSet.get(Math.toIntExact(a)), "anchor " + a + " is a training sample");
        }
        Object k = plan.parameters().get("anchors");
        require(k instanceof Number n && n.intValue() == anchors.length,
                "the plan has as many anchors as its 'anchors' parameter (" + k + "), found " + anchors.length);
        List<Task> charts = plan.chartTasks();
        switch (plan.setting()) {
            case SHARED_CLASSES -> checkSharedClasses(plan, data, labelOf);
            case DISJOINT_SAMPLES, DISJOINT -> {
                checkHeldOut(charts, anchorSet, data);
                if (plan.setting() == Setting.DISJOINT) {
                    int[] seen = new int[classCount];
                    charts.forEach(t -> Arrays.stream(t.classes()).forEach(c -> seen[c]++));
                    require(Arrays.stream(seen).allMatch(n -> n == 1), "every class is in exactly one disjoint task");
                } else {
                    charts.forEach(t -> require(Arrays.equals(t.classes(), all), "task " + t.index() + " has every class"));
                }
            }
        }
    }

    private static void checkSharedClasses(TaskPlan plan, DatasetLabels data, int[] labelOf) {
        int[] shared = plan.sharedClasses();
        BitSet sharedSet = new BitSet();
        Arrays.stream(shared).forEach(sharedSet::set);
        for (long a : plan.anchorIds()) {
            require(sharedSet.get(labelOf[Math.toIntExact(a)]), "anchor " + a + " belongs to a shared class");
        }
        long[][] trainByClass = data.trainIdsByClass();
        long[][] testByClass = data.testIdsByClass();
        BitSet novelSeen = new BitSet();
        for (Task t : plan.chartTasks()) {
            int trainCount = 0;
            int testCount = 0;
            for (int c : t.classes()) {
                trainCount += trainByClass[c].length;
                testCount += testByClass[c].length;
                if (!sharedSet.get(c)) {
                    require(!novelSeen.get(c), "novel class " + c + " is in one task only (task " + t.index() + ")");
                    novelSeen.set(c);
                }
            }
            for (int c : shared) {
                require(t.hasClass(c), "task " + t.index() + " has shared class " + c);
            }
            require(t.trainIds().length + t.validationIds().length == trainCount,
                    "task " + t.index() + " holds every training sample of its classes");
            require(t.testIds().length == testCount, "task " + t.index() + " holds every test sample of its classes");
        }
        Object s = plan.parameters().get("shared");
        Object n = plan.parameters().get("novel");
        require(s instanceof Number sn && sn.intValue() == shared.length, "the plan has 'shared' shared classes");
        require(n instanceof Number nn && nn.intValue() > 0, "the plan has a positive 'novel' parameter");
        int novel = ((Number) n).intValue();
        int leftover = data.classCount() - shared.length - novelSeen.cardinality();
        require(leftover == (data.classCount() - shared.length) % novel,
                "every class lands in a task: " + leftover + " classes are in no chart task, expected (C - S) mod N");
        // Novel samples never overlap: novel classes are disjoint and each id has one label.
    }

    private static void checkHeldOut(List<Task> charts, BitSet anchors, DatasetLabels data) {
        BitSet trainSeen = new BitSet();
        BitSet testSeen = new BitSet();
        long trainTotal = 0;
        long testTotal = 0;
        for (Task t : charts) {
            for (long[] ids : new long[][] {t.trainIds(), t.validationIds()}) {
                for (long id : ids) {
                    int i = Math.toIntExact(id);
                    require(!anchors.get(i), "anchor " + id + " is in no chart task (found in task " + t.index() + ")");
                    require(!trainSeen.get(i), "training sample " + id + " is in one task only (again in task "
                            + t.index() + ")");
                    trainSeen.set(i);
                }
                trainTotal += ids.length;
            }
            for (long id : t.testIds()) {
                int i = Math.toIntExact(id);
                require(!testSeen.get(i), "test sample " + id + " is in one task only (again in task " + t.index() + ")");
                testSeen.set(i);
            }
            testTotal += t.testIds().length;
        }
        require(trainTotal + anchors.cardinality() == data.trainIds().length,
                "chart tasks plus anchors hold every training sample (" + (trainTotal + anchors.cardinality())
                        + " of " + data.trainIds().length + ")");
        require(testTotal == data.testIds().length,
                "chart tasks hold every test sample (" + testTotal + " of " + data.testIds().length + ")");
    }

    private static void checkTask(Task t, int classCount, BitSet trainSet, BitSet testSet, int[] labelOf) {
        BitSet classes = new BitSet();
        for (int c : t.classes()) {
            require(c >= 0 && c < classCount && !classes.get(c), "task " + t.index() + " has distinct classes in range");
            classes.set(c);
        }
        BitSet seen = new BitSet();
        for (long[] ids : new long[][] {t.trainIds(), t.validationIds(), t.testIds()}) {
            BitSet split = ids == t.testIds() ? testSet : trainSet;
            for (long id : ids) {
                require(id >= 0 && id < labelOf.length && split.get((int) id),
                        "task " + t.index() + ": id " + id + " is in the right split");
                require(!seen.get((int) id), "task " + t.index() + ": id " + id + " appears once");
                seen.set((int) id);
                require(classes.get(labelOf[(int) id]), "task " + t.index() + ": id " + id + " has one of its classes");
            }
        }
        require(t.trainIds().length > 0, "task " + t.index() + " has training samples");
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
            throw new IllegalStateException("plan check failed: " + rule);
        }
    }
}
