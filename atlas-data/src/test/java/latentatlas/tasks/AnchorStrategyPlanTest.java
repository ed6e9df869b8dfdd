package latentatlas.tasks;

import latentatlas.InvalidInputException;
import latentatlas.anchors.AnchorFeatures;
import latentatlas.anchors.AnchorStrategy;
import latentatlas.space.LatentSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The planners with each anchor strategy: anchors from the setting's pool, recorded in the plan, read back. */
class AnchorStrategyPlanTest {
    @TempDir
    Path dir;

    /** Features of id i: 4 values drawn from a seeded stream of the id. */
    private static final AnchorFeatures FEATURES = ids -> {
        float[] x = new float[ids.length * 4];
        for (int i = 0; i < ids.length; i++) {
            Random r = new Random(ids[i]);
            for (int j = 0; j < 4; j++) {
                x[i * 4 + j] = (float) r.nextGaussian();
            }
        }
        return LatentSpace.of("features", ids.clone(), x, 4, null);
    };

    @Test
    void everyStrategyDrawsFromTheSettingsPoolAndIsRecorded() {
        DatasetLabels data = SyntheticLabels.random(10, 60, 3);
        for (AnchorStrategy s : AnchorStrategy.values()) {
            TaskPlan shared = new SharedClassesPlanner(4, 2, 40, s).plan(data, FEATURES, 5);
            Set<Integer> sharedClasses = new HashSet<>();
            Arrays.stream(shared.sharedClasses()).forEach(sharedClasses::add);
            for (long a : shared.anchorIds()) {
                assertTrue(sharedClasses.contains(data.trainLabels()[(int) a]), s + ": anchor of a shared class");
            }
            assertEquals(s, shared.anchorSelection());
            assertEquals(s != AnchorStrategy.RANDOM, shared.parameters().containsKey(TaskPlan.ANCHOR_SELECTION));
            TaskPlan disjoint = new DisjointPlanner(3, 50, s).plan(data, FEATURES, 5);
            for (Task t : disjoint.chartTasks()) {
                Set<Long> train = new HashSet<>();
                Arrays.stream(t.trainIds()).forEach(train::add);
                Arrays.stream(t.validationIds()).forEach(train::add);
                for (long a : disjoint.anchorIds()) {
                    assertFalse(train.contains(a), s + ": held-out anchor " + a + " in task " + t.index());
                }
            }
            assertEquals(50, disjoint.anchorIds().length);
        }
    }

    @Test
    void strategiesChooseDifferentAnchorsButTheSameTasks() {
        DatasetLabels data = SyntheticLabels.random(10, 60, 4);
        TaskPlan random = new DisjointPlanner(2, 40).plan(data, FEATURES, 1);
        TaskPlan farthest = new DisjointPlanner(2, 40, AnchorStrategy.FARTHEST).plan(data, FEATURES, 1);
        assertFalse(Arrays.equals(random.anchorIds(), farthest.anchorIds()));
        assertArrayEquals(random.tasks().get(0).trainIds(), farthest.tasks().get(0).trainIds(), "task 0 is the same");
    }

    @Test
    void aPlanReadBackKeepsItsStrategy() {
        DatasetLabels data = SyntheticLabels.random(6, 40, 2);
        TaskPlan plan = DisjointSamplesPlanner.withDefaultMixture(30, 2).withAnchorSelection(AnchorStrategy.KMEANS)
                .plan(data, FEATURES, 9);
        Path file = dir.resolve("plan.json");
        TaskPlanJson.write(plan, file);
        TaskPlan back = TaskPlanJson.read(file, data);
        assertEquals(AnchorStrategy.KMEANS, back.anchorSelection());
        assertArrayEquals(plan.anchorIds(), back.anchorIds());
        assertTrue(TaskPlanJson.toJson(plan).contains("\"anchorSelection\" : \"kmeans\""), TaskPlanJson.toJson(plan));
    }

    @Test
    void distanceStrategiesWithoutFeaturesAreOneLine() {
        DatasetLabels data = SyntheticLabels.random(6, 40, 2);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new DisjointPlanner(2, 10, AnchorStrategy.KMEANS).plan(data, 1));
        assertEquals(List.of("anchorSelection"), e.inputs());
        assertTrue(e.getMessage().contains("kmeans"), e.getMessage());
    }
}
