package latentatlas.evaluation;

import latentatlas.tasks.Setting;
import latentatlas.tasks.Task;
import latentatlas.tasks.TaskPlan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.LongStream;

/**
 * The samples an experiment evaluates, derived from the task plan: the training ids are the union of
 * the charts' training and validation ids, the test ids the union of their test ids (so held-out
 * anchors and classes no chart has are left out), with the plan's oracle membership (which tasks
 * contain each sample: docs/method.md §3, decided by the plan and so by the labels).
 *
 * @param trainIds sorted training ids
 * @param testIds sorted test ids
 * @param anchorIds the anchors, in the plan's order
 * @param classes every class some chart has, sorted
 * @param sharedClasses classes that every chart has (shared-classes setting); empty otherwise
 * @param novelClasses in the shared-classes setting, classes of exactly one chart; empty otherwise
 * @param chartClasses per chart (task 1..T), its classes
 * @param oracleTrain per chart, the training ids its task contains
 * @param oracleTest per chart, the test ids its task contains
 */
public record EvaluationSet(long[] trainIds, long[] testIds, long[] anchorIds, int[] classes, int[] sharedClasses,
                            int[] novelClasses, List<int[]> chartClasses, List<Set<Long>> oracleTrain,
                            List<Set<Long>> oracleTest) {
    /** The name of the subset of the shared classes in {@link #subsets()}. */
    public static final String SHARED = "shared";
    /** The name of the subset of the novel classes in {@link #subsets()}. */
    public static final String NOVEL = "novel";

    /**
     * @param plan the task plan
     * @return its evaluation set
     */
    public static EvaluationSet of(TaskPlan plan) {
        TreeSet<Long> train = new TreeSet<>();
        TreeSet<Long> test = new TreeSet<>();
        TreeSet<Integer> classes = new TreeSet<>();
        List<int[]> chartClasses = new ArrayList<>();
        List<Set<Long>> oracleTrain = new ArrayList<>();
        List<Set<Long>> oracleTest = new ArrayList<>();
        for (Task t : plan.chartTasks()) {
            Set<Long> trainOfTask = new HashSet<>();
            LongStream.concat(Arrays.stream(t.trainIds()), Arrays.stream(t.validationIds())).forEach(trainOfTask::add);
            Set<Long> testOfTask = new HashSet<>();
            Arrays.stream(t.testIds()).forEach(testOfTask::add);
            train.addAll(trainOfTask);
            test.addAll(testOfTask);
            Arrays.stream(t.classes()).forEach(classes::add);
            chartClasses.add(t.classes().clone());
            oracleTrain.add(trainOfTask);
            oracleTest.add(testOfTask);
        }
        boolean sharedSetting = plan.setting() == Setting.SHARED_CLASSES;
        int[] shared = sharedSetting ? plan.sharedClasses().clone() : new int[0];
        int[] novel = !sharedSetting ? new int[0] : classes.stream().mapToInt(Integer::intValue)
                .filter(c -> chartClasses.stream().filter(cc -> Arrays.stream(cc).anyMatch(x -> x == c)).count() == 1)
                .toArray();
        return new EvaluationSet(train.stream().mapToLong(Long::longValue).toArray(),
                test.stream().mapToLong(Long::longValue).toArray(), plan.anchorIds().clone(),
                classes.stream().mapToInt(Integer::intValue).toArray(), shared, novel, List.copyOf(chartClasses),
                List.copyOf(oracleTrain), List.copyOf(oracleTest));
    }

    /** @return the class subsets reported separately: {@value #SHARED} and {@value #NOVEL} when there are some */
    public Map<String, int[]> subsets() {
        Map<String, int[]> subsets = new LinkedHashMap<>();
        if (sharedClasses.length > 0) {
            subsets.put(SHARED, sharedClasses);
            subsets.put(NOVEL, novelClasses);
        }
        return subsets;
    }

    /** @return the classes of interest for separability: the novel classes when there are some, else all */
    public Set<Integer> separabilityClasses() {
        int[] chosen = novelClasses.length > 0 ? novelClasses : classes;
        Set<Integer> out = new HashSet<>();
        Arrays.stream(chosen).forEach(out::add);
        return out;
    }
}
