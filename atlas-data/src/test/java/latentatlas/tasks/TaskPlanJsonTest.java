package latentatlas.tasks;

import latentatlas.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TaskPlanJsonTest {
    @TempDir
    Path dir;

    @Test
    void roundTripGivesTheSameBytesAndValues() throws IOException {
        DatasetLabels d = SyntheticLabels.random(8, 15, 5);
        for (TaskPlanner planner : List.of(new SharedClassesPlanner(3, 2, 9), new DisjointPlanner(3, 7),
                new DisjointSamplesPlanner(4, 2, new double[][] {{0.7, 0.1}, {0.2, 0.3}, {0.1, 0.6}}))) {
            TaskPlan plan = planner.plan(d, 9);
            Path file = dir.resolve(planner.setting() + ".json");
            TaskPlanJson.write(plan, file);
            TaskPlan back = TaskPlanJson.read(file, d);
            assertEquals(TaskPlanJson.toJson(plan), Files.readString(file));
            assertEquals(TaskPlanJson.toJson(plan), TaskPlanJson.toJson(back));
            assertEquals(plan.tasks(), back.tasks());
            assertArrayEquals(plan.anchorIds(), back.anchorIds());
            assertArrayEquals(plan.sharedClasses(), back.sharedClasses());
            assertEquals(plan.seed(), back.seed());
            assertEquals(plan.datasetFingerprint(), back.datasetFingerprint());
            PlanChecks.verify(back, d);
        }
    }

    @Test
    void documentedKeysInOrder() {
        String json = TaskPlanJson.toJson(new DisjointPlanner(2, 3).plan(SyntheticLabels.random(4, 10, 1), 42));
        int at = -1;
        for (String key : List.of("format", "version", "dataset", "datasetFingerprint", "setting", "seed", "parameters",
                "sharedClasses", "anchorIds", "tasks", "index", "classes", "trainIds", "validationIds", "testIds")) {
            int next = json.indexOf("\"" + key + "\"");
            assertTrue(next > at, key + " after the previous key");
            at = next;
        }
        assertTrue(json.contains("\"seed\" : 42"));
    }

    @Test
    void malformedPlansAreOneLineErrors() throws IOException {
        Path file = dir.resolve("plan.json");
        DatasetLabels d = SyntheticLabels.random(4, 10, 1);
        Files.writeString(file, "{\"format\": \"something else\"}");
        assertTrue(assertThrows(InvalidInputException.class, () -> TaskPlanJson.read(file, d)).getMessage()
                .contains("not a task plan"));
        Files.writeString(file, "{\"format\": \"" + TaskPlanJson.FORMAT + "\", \"version\": 1}");
        assertTrue(assertThrows(InvalidInputException.class, () -> TaskPlanJson.read(file, d)).getMessage()
                .contains("lacks the key 'parameters'"));
        Files.writeString(file, "{\"format\": ");
        assertTrue(assertThrows(InvalidInputException.class, () -> TaskPlanJson.read(file, d)).getMessage()
                .contains("cannot read the task plan"));
        assertTrue(assertThrows(InvalidInputException.class, () -> TaskPlanJson.read(dir.resolve("none.json"), d))
                .getMessage().contains("none.json"));
    }
}
