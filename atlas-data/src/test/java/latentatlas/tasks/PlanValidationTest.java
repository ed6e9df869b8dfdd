package latentatlas.tasks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import latentatlas.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The plan validation layer: {@link TaskPlanJson#read} parses strictly and runs {@link PlanChecks} against
 * the dataset, so a plan from disk passes the checks a planner's plan passes. Boundaries are exact: 32-bit
 * task indices and classes, 64-bit ids and seeds, whole-number parameters without wrap-around.
 */
class PlanValidationTest {
    private static final DatasetLabels DATA = SyntheticLabels.random(6, 12, 4);
    private static final TaskPlanner DISJOINT = new DisjointPlanner(2, 4);

    @TempDir
    Path dir;

    /** Writes the disjoint plan of {@link #DATA}, edits its JSON tree, and reads it back. */
    private String readError(Consumer<ObjectNode> edit) throws IOException {
        Path file = dir.resolve("plan.json");
        TaskPlanJson.write(DISJOINT.plan(DATA, 42), file);
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = (ObjectNode) mapper.readTree(file.toFile());
        edit.accept(root);
        Files.writeString(file, mapper.writeValueAsString(root));
        String message = assertThrows(InvalidInputException.class, () -> TaskPlanJson.read(file, DATA)).getMessage();
        assertTrue(message.startsWith(file.toString()) || message.startsWith("plan " + file), message);
        assertEquals(1, message.lines().count(), message);
        return message;
    }

    private static ObjectNode task(ObjectNode root, int i) {
        return (ObjectNode) root.get("tasks").get(i);
    }

    @Test
    void everyPlannersPlanReadsBackChecked() throws IOException {
        for (TaskPlanner planner : List.of(DISJOINT, new SharedClassesPlanner(2, 2, 5),
                DisjointSamplesPlanner.withDefaultMixture(5, 2))) {
            Path file = dir.resolve(planner.setting() + ".json");
            TaskPlan plan = planner.plan(DATA, 7);
            TaskPlanJson.write(plan, file);
            assertEquals(plan.tasks(), TaskPlanJson.read(file, DATA).tasks());
            assertEquals(DATA.name(), TaskPlanJson.datasetOf(file));
            assertTrue(PlanChecks.firstViolation(plan, DATA).isEmpty());
        }
    }

    @Test
    void integersAreCheckedAtTheirExactBounds() throws IOException {
        // a 32-bit index parses (and then breaks the numbering); one more does not parse
        assertTrue(readError(r -> task(r, 1).put("index", Integer.MAX_VALUE))
                .contains("the task at position 1 has index 2147483647, expected 1"));
        assertTrue(readError(r -> task(r, 1).put("index", Integer.MAX_VALUE + 1L))
                .contains("'tasks[1].index' must be an integer from -2147483648 to 2147483647, found the number 2147483648"));
        assertTrue(readError(r -> ((ArrayNode) task(r, 1).get("classes")).add(Integer.MIN_VALUE))
                .contains("task 1: class -2147483648 is not a class of synthetic-6 (expected 0..5)"));
        assertTrue(readError(r -> ((ArrayNode) task(r, 1).get("classes")).add(Integer.MIN_VALUE - 1L))
                .contains("'tasks[1].classes[3]' must be an integer from -2147483648"));
        // 64-bit ids parse and are then looked up without overflow; beyond 64 bits they do not parse
        assertTrue(readError(r -> ((ArrayNode) task(r, 2).get("testIds")).add(Long.MAX_VALUE))
                .contains("task 2: test id 9223372036854775807 is not a test sample of synthetic-6"));
        assertTrue(readError(r -> ((ArrayNode) r.get("anchorIds")).add(Long.MIN_VALUE))
                .contains("anchor -9223372036854775808 is not a training sample"));
        assertTrue(readError(r -> ((ArrayNode) r.get("anchorIds")).add(BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE)))
                .contains("'anchorIds[4]' must be an integer from -9223372036854775808 to 9223372036854775807"));
        assertTrue(readError(r -> r.put("seed", new BigInteger("18446744073709551616"))).contains("'seed' must be an integer"));
        // a parameter of 2^32 + 4 must not pass for 4 (its int value)
        assertTrue(readError(r -> ((ObjectNode) r.get("parameters")).put("anchors", (1L << 32) + 4))
                .contains("the parameter 'anchors' is 4294967300, expected a whole number"));
        assertTrue(readError(r -> ((ObjectNode) r.get("parameters")).put("anchors", 4.0))
                .contains("the parameter 'anchors' is 4.0, expected a whole number"));
    }

    @Test
    void theSyntaxAndTheShapeAreStrict() throws IOException {
        assertTrue(readError(r -> r.put("dataset", 5)).contains("'dataset' must be a string, found the number 5"));
        assertTrue(readError(r -> r.put("extra", true)).contains("the plan has the unknown key 'extra'"));
        assertTrue(readError(r -> r.putArray("tasks").add(3)).contains("tasks[0] must be an object, found the number 3"));
        assertTrue(readError(r -> task(r, 1).put("trainIds", "1,2")).contains("'tasks[1].trainIds' must be a list of integers"));
        Path file = dir.resolve("twice.json");
        Files.writeString(file, TaskPlanJson.toJson(DISJOINT.plan(DATA, 42)).replaceFirst("\\{", "{\"tasks\": [],"));
        assertTrue(assertThrows(InvalidInputException.class, () -> TaskPlanJson.read(file, DATA)).getMessage()
                .contains("Duplicate field 'tasks'"));
        assertTrue(assertThrows(InvalidInputException.class, () -> TaskPlanJson.datasetOf(file)).getMessage()
                .contains("Duplicate field 'tasks'"));
        // nesting and number length beyond Jackson's limits: one line, no stack overflow
        Files.writeString(file, "{\"format\": \"latent-atlas task plan\", \"parameters\": " + "[".repeat(100_000));
        String deep = assertThrows(InvalidInputException.class, () -> TaskPlanJson.read(file, DATA)).getMessage();
        assertTrue(deep.contains("exceeds the maximum allowed nesting depth"), deep);
        Files.writeString(file, "{\"seed\": " + "9".repeat(5000) + "}");
        String longNumber = assertThrows(InvalidInputException.class, () -> TaskPlanJson.read(file, DATA)).getMessage();
        assertTrue(longNumber.contains("cannot read the task plan (Number length (5000) exceeds the maximum length"), longNumber);
    }

    /** A file larger than any plan is refused before it is read (a sparse file: no disk space used). */
    @Test
    void aHugeFileIsRefusedUnread() throws IOException {
        Path file = dir.resolve("huge.json");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(TaskPlanJson.MAX_BYTES + 1);
        }
        assertEquals(file + ": 268435457 bytes, more than the 268435456 a task plan may hold; give the plan.json that"
                + " atlas tasks --out wrote",
                assertThrows(InvalidInputException.class, () -> TaskPlanJson.read(file, DATA)).getMessage());
    }

    @Test
    void aPlanForAnotherDatasetIsRefused() throws IOException {
        Path file = dir.resolve("plan.json");
        TaskPlanJson.write(DISJOINT.plan(DATA, 42), file);
        DatasetLabels other = SyntheticLabels.random(6, 12, 5);
        String message = assertThrows(InvalidInputException.class, () -> TaskPlanJson.read(file, other)).getMessage();
        assertTrue(message.contains("was made for dataset fingerprint f4, found f5"), message);
    }

    /** Plans built in code, broken one rule at a time: each is named, none crashes. */
    @Test
    void eachRuleIsNamed() {
        TaskPlan plan = DisjointSamplesPlanner.withDefaultMixture(5, 2).plan(DATA, 42);
        Task t1 = plan.tasks().get(1);
        Task t2 = plan.tasks().get(2);
        long anchor = plan.anchorIds()[0];
        assertEquals("task 1: id " + anchor + " is an anchor (setting disjoint-samples holds the anchors out of every"
                + " chart task)", violation(plan, withTask(plan, 1, add(t1, t1.trainIds(), anchor))));
        assertEquals("task 2: training sample " + t1.trainIds()[0] + " is also in task 1 (setting disjoint-samples: no"
                + " sample is in two chart tasks)", violation(plan, withTask(plan, 2, add(t2, t2.validationIds(), t1.trainIds()[0]))));
        assertEquals("task 1: id " + t1.validationIds()[0] + " is both a training and a validation id (a task's training,"
                + " validation and test ids are disjoint)", violation(plan, withTask(plan, 1, add(t1, t1.trainIds(), t1.validationIds()[0]))));
        assertEquals("the task at position 2 has index 1, expected 2 (tasks are numbered 0, 1, 2, ... in order, none twice)",
                violation(plan, withTask(plan, 2, new Task(1, t2.classes(), t2.trainIds(), t2.validationIds(), t2.testIds()))));
        assertEquals("task 1: test id " + t1.trainIds()[0] + " is not a test sample of synthetic-6",
                violation(plan, withTask(plan, 1, add(t1, t1.testIds(), t1.trainIds()[0]))));
        Map<String, Object> parameters = new TreeMap<>(plan.parameters());
        parameters.put("anchors", 6);
        assertEquals("the parameter 'anchors' is 6 but the plan lists 5 anchors", PlanChecks.firstViolation(new TaskPlan(
                plan.dataset(), plan.datasetFingerprint(), plan.setting(), plan.seed(), parameters, plan.anchorIds(),
                plan.sharedClasses(), plan.tasks()), DATA).orElseThrow());
        IllegalStateException bug = assertThrows(IllegalStateException.class,
                () -> PlanChecks.verify(withTask(plan, 1, add(t1, t1.trainIds(), anchor)), DATA));
        assertTrue(bug.getMessage().startsWith("plan check failed: task 1: id "), bug.getMessage());
    }

    @Test
    void aClassWithoutATrainingSampleIsRefusedBeforePlanning() {
        List<String> names = List.of("cat", "dog", "eel");
        long[] trainIds = {0, 1, 2, 3};
        long[] testIds = {4, 5};
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new DatasetLabels("pets", "f", names,
                trainIds, new int[] {0, 0, 2, 2}, testIds, new int[] {1, 0}));
        assertEquals("pets: class 'dog' (1 of 3) has no training sample; every class needs one to be divided into tasks"
                + " (remove the class or add its samples)", e.getMessage());
    }

    private static String violation(TaskPlan original, TaskPlan broken) {
        assertTrue(PlanChecks.firstViolation(original, DATA).isEmpty());
        return PlanChecks.firstViolation(broken, DATA).orElseThrow();
    }

    private static Task add(Task t, long[] list, long id) {
        long[][] lists = {t.trainIds(), t.validationIds(), t.testIds()};
        for (int i = 0; i < lists.length; i++) {
            if (lists[i] == list) {
                lists[i] = LongStream.concat(Arrays.stream(list), LongStream.of(id)).toArray();
            }
        }
        return new Task(t.index(), t.classes(), lists[0], lists[1], lists[2]);
    }

    private static TaskPlan withTask(TaskPlan plan, int index, Task task) {
        List<Task> tasks = new ArrayList<>(plan.tasks());
        tasks.set(index, task);
        return new TaskPlan(plan.dataset(), plan.datasetFingerprint(), plan.setting(), plan.seed(), plan.parameters(),
                plan.anchorIds(), plan.sharedClasses(), List.copyOf(tasks));
    }
}
