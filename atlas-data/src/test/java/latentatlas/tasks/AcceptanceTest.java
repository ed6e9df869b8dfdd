package latentatlas.tasks;

import latentatlas.InvalidInputException;
import latentatlas.dataset.DatasetStatus;
import latentatlas.dataset.Datasets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The acceptance checks of issue 2 on the real Fashion-MNIST and CLINC150, and the parameter errors. */
class AcceptanceTest {
    private static DatasetLabels fashionLabels;

    @TempDir
    Path dir;

    /** @return Fashion-MNIST's labels, read once; when it is absent the calling test is skipped with the reason */
    private static synchronized DatasetLabels fashion() {
        DatasetStatus status = Datasets.status("fashion-mnist");
        assumeTrue(status.found(), status.reason());
        if (fashionLabels == null) {
            fashionLabels = DatasetLabels.of(Datasets.open("fashion-mnist"));
        }
        return fashionLabels;
    }

    @Test
    @Tag("real-data")
    void stratifiedDisjointHundredAnchorsHasTenPerClass() {
        DatasetLabels fashion = fashion();
        TaskPlan plan = new DisjointPlanner(2, 100, latentatlas.anchors.AnchorStrategy.STRATIFIED).plan(fashion, 42);
        int[] perClass = new int[10];
        for (long a : plan.anchorIds()) {
            perClass[fashion.trainLabels()[(int) a]]++;
        }
        assertArrayEquals(new int[] {10, 10, 10, 10, 10, 10, 10, 10, 10, 10}, perClass);
        assertEquals("stratified", plan.parameters().get("anchorSelection"));
    }

    @Test
    @Tag("real-data")
    void fashionMnistSharedClassesFourTwo() throws IOException {
        DatasetLabels fashion = fashion();
        TaskPlan plan = new SharedClassesPlanner(4, 2, SharedClassesPlanner.DEFAULT_ANCHORS).plan(fashion, 42);
        assertEquals(4, plan.tasks().size(), "task 0 plus 3 tasks");
        Set<Integer> shared = new HashSet<>();
        Arrays.stream(plan.sharedClasses()).forEach(shared::add);
        Set<Integer> novel = new HashSet<>();
        for (Task t : plan.chartTasks()) {
            assertEquals(6, t.classCount());
            assertEquals(36_000, t.trainIds().length + t.validationIds().length);
            assertEquals(3_600, t.validationIds().length);
            assertEquals(6_000, t.testIds().length);
            Arrays.stream(t.classes()).filter(c -> !shared.contains(c)).forEach(c -> assertTrue(novel.add(c)));
        }
        assertEquals(6, novel.size(), "novel classes disjoint across tasks");
        assertEquals(128, plan.anchorIds().length);
        for (long a : plan.anchorIds()) {
            assertTrue(shared.contains(fashion.trainLabels()[(int) a]), "anchor of a shared class");
        }
        Path first = dir.resolve("p1.json");
        Path second = dir.resolve("p2.json");
        TaskPlanJson.write(plan, first);
        TaskPlanJson.write(new SharedClassesPlanner(4, 2, 128).plan(fashion, 42), second);
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second), "same seed, same bytes");
    }

    @Test
    @Tag("real-data")
    void fashionMnistDisjointTwoPartitions() {
        DatasetLabels fashion = fashion();
        TaskPlan plan = new DisjointPlanner(2, DisjointPlanner.DEFAULT_ANCHORS).plan(fashion, 42);
        assertEquals(2, plan.chartTasks().size());
        Set<Long> anchors = new HashSet<>();
        Arrays.stream(plan.anchorIds()).forEach(anchors::add);
        assertEquals(256, anchors.size());
        for (Task t : plan.chartTasks()) {
            assertEquals(5, t.classCount());
            Arrays.stream(t.trainIds()).forEach(id -> assertFalse(anchors.contains(id)));
            Arrays.stream(t.validationIds()).forEach(id -> assertFalse(anchors.contains(id)));
            assertEquals(5_000, t.testIds().length);
        }
    }

    @Test
    @Tag("real-data")
    void fashionMnistDisjointSamples() {
        DatasetLabels fashion = fashion();
        TaskPlan plan = DisjointSamplesPlanner.withDefaultMixture(256, 2).plan(fashion, 42);
        Set<Long> seen = new HashSet<>();
        for (Task t : plan.chartTasks()) {
            assertEquals(10, t.classCount(), "every task sees all 10 classes");
            for (long[] ids : new long[][] {t.trainIds(), t.validationIds(), t.testIds()}) {
                Arrays.stream(ids).forEach(id -> assertTrue(seen.add(id), "sample " + id + " in one task only"));
            }
            int[] perClass = new int[10];
            Arrays.stream(t.trainIds()).forEach(id -> perClass[fashion.trainLabels()[(int) id]]++);
            Arrays.stream(t.validationIds()).forEach(id -> perClass[fashion.trainLabels()[(int) id]]++);
            assertTrue(Arrays.stream(perClass).allMatch(n -> n > 1000), "about 20% or 80% of 6000 per class");
        }
        assertEquals(70_000 - 256, seen.size());
    }

    @Test
    @Tag("real-data")
    void clinc150SharedHundredNovelTen() {
        DatasetStatus status = Datasets.status("clinc150");
        assumeTrue(status.found(), status.reason());
        TaskPlan plan = new SharedClassesPlanner(100, 10, 128).plan(Datasets.open("clinc150"), 42);
        assertEquals(5, plan.chartTasks().size());
        for (Task t : plan.chartTasks()) {
            assertEquals(110, t.classCount());
            assertEquals(110 * 100, t.trainIds().length + t.validationIds().length);
            assertEquals(110 * 30, t.testIds().length);
        }
    }

    @Test
    void parameterErrorsAreClear() {
        DatasetLabels ten = SyntheticLabels.random(10, 10, 1);
        assertEquals("shared classes (12) plus novel classes per task (2) exceed the 10 classes of synthetic-10:"
                + " lower the shared or the novel classes", assertThrows(InvalidInputException.class,
                        () -> new SharedClassesPlanner(12, 2, 128).plan(ten, 42)).getMessage());
        assertTrue(assertThrows(InvalidInputException.class, () -> new SharedClassesPlanner(4, 0, 128)).getMessage()
                .startsWith("novel classes per task must be at least 1"));
        assertTrue(assertThrows(InvalidInputException.class, () -> new SharedClassesPlanner(1, 2, 500).plan(ten, 42))
                .getMessage().startsWith("anchors (500) exceed the "));
        assertTrue(assertThrows(InvalidInputException.class,
                () -> new DisjointSamplesPlanner(10, 2, new double[][] {{0.5, 0.2}, {0.5, 0.7}})).getMessage()
                .startsWith("the fractions of partition 2 over the tasks sum to 0.900000, expected 1"));
        assertTrue(assertThrows(InvalidInputException.class,
                () -> new DisjointSamplesPlanner(10, 2, new double[][] {{0.5}, {0.5}})).getMessage()
                .contains("has 1 fractions, expected one per partition (2)"));
        assertTrue(assertThrows(InvalidInputException.class, () -> new DisjointPlanner(11, 5).plan(ten, 42))
                .getMessage().startsWith("partitions (11) exceed the 10 classes"));
        assertTrue(assertThrows(InvalidInputException.class, () -> new DisjointPlanner(2, 100_000).plan(ten, 42))
                .getMessage().contains("lower the anchors"));
    }

    @Test
    void safetyChecksCatchABrokenPlan() {
        DatasetLabels d = SyntheticLabels.random(6, 20, 3);
        TaskPlan plan = new DisjointPlanner(2, 5).plan(d, 42);
        Task t1 = plan.tasks().get(1);
        long anchor = plan.anchorIds()[0];
        long[] train = Arrays.copyOf(t1.trainIds(), t1.trainIds().length + 1);
        train[train.length - 1] = anchor;
        TaskPlan broken = new TaskPlan(plan.dataset(), plan.datasetFingerprint(), plan.setting(), plan.seed(),
                plan.parameters(), plan.anchorIds(), plan.sharedClasses(), java.util.List.of(plan.tasks().get(0),
                new Task(1, t1.classes(), train, t1.validationIds(), t1.testIds()), plan.tasks().get(2)));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> PlanChecks.verify(broken, d));
        assertTrue(e.getMessage().startsWith("plan check failed"), e.getMessage());
        PlanChecks.verify(plan, d);
    }
}
