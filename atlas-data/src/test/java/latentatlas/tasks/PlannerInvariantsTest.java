package latentatlas.tasks;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rules of docs/method.md §3, checked here independently of {@link PlanChecks} on 40 random datasets
 * and parameter choices (one per seed).
 */
class PlannerInvariantsTest {
    static Stream<Long> seeds() {
        return LongStream.rangeClosed(1, 40).boxed();
    }

    private static Map<Long, Integer> labelsById(DatasetLabels d) {
        Map<Long, Integer> m = new HashMap<>();
        for (int i = 0; i < d.trainIds().length; i++) {
            m.put(d.trainIds()[i], d.trainLabels()[i]);
        }
        for (int i = 0; i < d.testIds().length; i++) {
            m.put(d.testIds()[i], d.testLabels()[i]);
        }
        return m;
    }

    private static long count(int[] labels, Set<Integer> classes) {
        return Arrays.stream(labels).filter(classes::contains).count();
    }

    private static Set<Integer> set(int[] values) {
        Set<Integer> s = new HashSet<>();
        Arrays.stream(values).forEach(s::add);
        return s;
    }

    private static void checkValidationAndTaskZero(TaskPlan plan, DatasetLabels d) {
        for (Task t : plan.tasks()) {
            int n = t.trainIds().length + t.validationIds().length;
            assertEquals((n + 9) / 10, t.validationIds().length, "validation = ceil(10%) of task " + t.index());
            Set<Long> train = new HashSet<>();
            Arrays.stream(t.trainIds()).forEach(train::add);
            Arrays.stream(t.validationIds()).forEach(id -> assertFalse(train.contains(id), "train and validation disjoint"));
        }
        Task e2e = plan.tasks().get(0);
        assertEquals(d.classCount(), e2e.classCount());
        assertEquals(d.trainIds().length, e2e.trainIds().length + e2e.validationIds().length);
        assertEquals(d.testIds().length, e2e.testIds().length);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void sharedClasses(long seed) {
        Random r = new Random(seed);
        int classCount = 3 + r.nextInt(30);
        int shared = 1 + r.nextInt(classCount - 1);
        int novel = 1 + r.nextInt(classCount - shared);
        DatasetLabels d = SyntheticLabels.random(classCount, 5 + r.nextInt(20), seed);
        int anchors = 1 + r.nextInt(5 * shared);
        TaskPlan plan = new SharedClassesPlanner(shared, novel, anchors).plan(d, seed);
        Map<Long, Integer> label = labelsById(d);
        Set<Integer> sharedSet = set(plan.sharedClasses());
        assertEquals(shared, sharedSet.size());
        assertEquals((classCount - shared) / novel, plan.chartTasks().size(), "T = floor((C - S) / N)");
        assertEquals(anchors, plan.anchorIds().length);
        for (long a : plan.anchorIds()) {
            assertTrue(sharedSet.contains(label.get(a)), "anchor of a shared class");
            assertTrue(a < d.trainIds().length, "anchor is a training sample");
        }
        Set<Integer> novelSeen = new HashSet<>();
        Set<Long> novelSamples = new HashSet<>();
        for (Task t : plan.chartTasks()) {
            Set<Integer> classes = set(t.classes());
            assertEquals(shared + novel, classes.size());
            assertTrue(classes.containsAll(sharedSet));
            assertArrayEquals(plan.sharedClasses(), Arrays.copyOf(t.classes(), shared), "shared classes first");
            for (int c : t.classes()) {
                if (!sharedSet.contains(c)) {
                    assertTrue(novelSeen.add(c), "novel class " + c + " in one task only");
                }
            }
            assertEquals(count(d.trainLabels(), classes), t.trainIds().length + t.validationIds().length);
            assertEquals(count(d.testLabels(), classes), t.testIds().length);
            for (long[] ids : new long[][] {t.trainIds(), t.validationIds(), t.testIds()}) {
                for (long id : ids) {
                    assertTrue(classes.contains(label.get(id)));
                    if (!sharedSet.contains(label.get(id))) {
                        assertTrue(novelSamples.add(id), "novel sample " + id + " in one task only");
                    }
                }
            }
            for (long a : plan.anchorIds()) {
                assertTrue(Arrays.binarySearch(t.trainIds(), a) >= 0 || Arrays.binarySearch(t.validationIds(), a) >= 0,
                        "anchors stay in the tasks in this setting");
            }
        }
        assertEquals((classCount - shared) % novel, classCount - shared - novelSeen.size(), "left-over classes");
        checkValidationAndTaskZero(plan, d);
    }

    private static void checkHeldOut(TaskPlan plan, DatasetLabels d, int anchors) {
        assertEquals(anchors, plan.anchorIds().length);
        Set<Long> anchorSet = new HashSet<>();
        Arrays.stream(plan.anchorIds()).forEach(anchorSet::add);
        Set<Long> seen = new HashSet<>();
        for (Task t : plan.chartTasks()) {
            for (long[] ids : new long[][] {t.trainIds(), t.validationIds(), t.testIds()}) {
                for (long id : ids) {
                    assertFalse(anchorSet.contains(id), "anchor " + id + " in task " + t.index());
                    assertTrue(seen.add(id), "sample " + id + " in one task only");
                }
            }
        }
        assertEquals(d.trainIds().length + d.testIds().length, seen.size() + anchors, "every sample lands somewhere");
        checkValidationAndTaskZero(plan, d);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void disjoint(long seed) {
        Random r = new Random(seed);
        int classCount = 2 + r.nextInt(30);
        int partitions = 1 + r.nextInt(classCount);
        DatasetLabels d = SyntheticLabels.random(classCount, 20, seed);
        int anchors = 1 + r.nextInt(50);
        TaskPlan plan = new DisjointPlanner(partitions, anchors).plan(d, seed);
        assertEquals(partitions, plan.chartTasks().size());
        Map<Long, Integer> label = labelsById(d);
        Set<Integer> classesSeen = new HashSet<>();
        for (Task t : plan.chartTasks()) {
            int size = t.classCount();
            assertTrue(size == classCount / partitions || size == classCount / partitions + 1, "near-equal partitions");
            for (int c : t.classes()) {
                assertTrue(classesSeen.add(c), "class " + c + " in one task only");
            }
            Set<Integer> classes = set(t.classes());
            long anchorsOfTask = Arrays.stream(plan.anchorIds()).filter(a -> classes.contains(label.get(a))).count();
            assertEquals(count(d.trainLabels(), classes) - anchorsOfTask, t.trainIds().length + t.validationIds().length);
            assertEquals(count(d.testLabels(), classes), t.testIds().length);
        }
        assertEquals(classCount, classesSeen.size());
        checkHeldOut(plan, d, anchors);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void disjointSamples(long seed) {
        Random r = new Random(seed);
        int classCount = 2 + r.nextInt(30);
        int partitions = 1 + r.nextInt(Math.min(4, classCount));
        DatasetLabels d = SyntheticLabels.random(classCount, 30, seed);
        int anchors = 1 + r.nextInt(50);
        DisjointSamplesPlanner planner = DisjointSamplesPlanner.withDefaultMixture(anchors, partitions);
        TaskPlan plan = planner.plan(d, seed);
        assertEquals(partitions, plan.chartTasks().size());
        Map<Long, Integer> label = labelsById(d);
        Set<Long> anchorSet = new HashSet<>();
        Arrays.stream(plan.anchorIds()).forEach(anchorSet::add);
        int[] partitionOf = new int[classCount];
        @SuppressWarnings("unchecked")
        var groups = (java.util.List<java.util.List<Integer>>) plan.parameters().get("classPartitions");
        for (int p = 0; p < groups.size(); p++) {
            for (int c : groups.get(p)) {
                partitionOf[c] = p;
            }
        }
        double[][] mixture = planner.mixture();
        for (Task t : plan.chartTasks()) {
            assertEquals(classCount, t.classCount(), "every task sees every class");
            int[] perClass = new int[classCount];
            LongStream.concat(Arrays.stream(t.trainIds()), Arrays.stream(t.validationIds()))
                    .forEach(id -> perClass[label.get(id)]++);
            for (int c = 0; c < classCount; c++) {
                final int cc = c;
                long pool = Arrays.stream(d.trainIds()).filter(id -> label.get(id) == cc && !anchorSet.contains(id)).count();
                double expected = pool * mixture[t.index() - 1][partitionOf[c]];
                assertEquals(expected, perClass[c], 1.0, "class " + c + " share of task " + t.index());
            }
        }
        checkHeldOut(plan, d, anchors);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void taskZeroDependsOnlyOnDatasetAndSeedAndSeedsMatter(long seed) {
        DatasetLabels d = SyntheticLabels.random(10, 40, 7);
        TaskPlan a = new SharedClassesPlanner(4, 2, 16).plan(d, seed);
        TaskPlan b = new DisjointPlanner(2, 16).plan(d, seed);
        TaskPlan c = DisjointSamplesPlanner.withDefaultMixture(16, 2).plan(d, seed);
        assertEquals(a.endToEnd(), b.endToEnd());
        assertEquals(a.endToEnd(), c.endToEnd());
        assertEquals(TaskPlanJson.toJson(a), TaskPlanJson.toJson(new SharedClassesPlanner(4, 2, 16).plan(d, seed)));
        assertNotEquals(TaskPlanJson.toJson(a), TaskPlanJson.toJson(new SharedClassesPlanner(4, 2, 16).plan(d, seed + 1000)));
    }
}
