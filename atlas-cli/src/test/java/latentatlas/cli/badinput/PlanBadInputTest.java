package latentatlas.cli.badinput;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import latentatlas.dataset.Datasets;
import latentatlas.tasks.DatasetLabels;
import latentatlas.tasks.DisjointPlanner;
import latentatlas.tasks.DisjointSamplesPlanner;
import latentatlas.tasks.SharedClassesPlanner;
import latentatlas.tasks.TaskPlanJson;
import latentatlas.tasks.TaskPlanner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import static latentatlas.cli.badinput.BadInputSuite.Case.of;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Hostile {@code plan.json} files: {@code atlas train} (and {@code atlas embed} on a run folder) must refuse
 * each before any training, in one line naming the file, the task, the id and the rule. The plans are made
 * by the real planners for a tiny IDX dataset (ten digit classes, 6 training and 2 test 2x2 images each:
 * training ids 0..59 of class {@code id % 10}, test ids 60..79), then spoiled.
 */
class PlanBadInputTest extends BadInputSuite {
    private static final TaskPlanner DISJOINT = new DisjointPlanner(2, 5);
    private static final TaskPlanner DISJOINT_SAMPLES = DisjointSamplesPlanner.withDefaultMixture(5, 2);
    private static final TaskPlanner SHARED = new SharedClassesPlanner(2, 4, 4);

    private static Case train(String name, String expected, Setup setup) {
        return of(name, expected, setup, "train", "--plan", "{dir}/plan.json", "--out", "{dir}/run",
                "--dataset", TinyDatasets.MNIST);
    }

    private static Setup spoiled(TaskPlanner planner, Consumer<ObjectNode> edit) {
        return dir -> TinyDatasets.spoiled(dir, planner, edit);
    }

    /** Writes the plan of {@code planner}, then replaces its text by {@code edit} of it. */
    private static Setup text(TaskPlanner planner, UnaryOperator<String> edit) {
        return dir -> {
            TinyDatasets.plan(dir, planner);
            Path file = dir.resolve("plan.json");
            Files.writeString(file, edit.apply(Files.readString(file)));
        };
    }

    private static ObjectNode task(ObjectNode root, int i) {
        return (ObjectNode) root.get("tasks").get(i);
    }

    private static ArrayNode ids(ObjectNode root, int task, String list) {
        return (ArrayNode) task(root, task).get(list);
    }

    private static boolean hasClass(ObjectNode root, int task, long id) {
        for (JsonNode c : task(root, task).get("classes")) {
            if (c.asLong() == id % 10) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected List<Case> cases() {
        return List.of(
                // the four defects the issue names
                train("plan-sample-in-two-tasks", "is also in task 1 (setting disjoint-samples: no sample is in two chart tasks)", spoiled(DISJOINT_SAMPLES,
                        r -> ids(r, 1, "trainIds").add(ids(r, 2, "trainIds").get(0).asLong()))),
                train("plan-anchor-leaked-setting2", "is an anchor (setting disjoint-samples holds the anchors out",
                        spoiled(DISJOINT_SAMPLES, r -> ids(r, 1, "trainIds").add(r.get("anchorIds").get(0).asLong()))),
                train("plan-anchor-leaked-setting3", "is an anchor (setting disjoint holds the anchors out",
                        spoiled(DISJOINT, r -> {
                            for (JsonNode a : r.get("anchorIds")) {
                                int t = hasClass(r, 1, a.asLong()) ? 1 : 2;
                                ids(r, t, "validationIds").add(a.asLong());
                                return;
                            }
                        })),
                train("plan-id-in-train-and-validation", "is both a training and a validation id", spoiled(DISJOINT,
                        r -> ids(r, 1, "trainIds").add(ids(r, 1, "validationIds").get(0).asLong()))),
                train("plan-duplicate-task-index", "the task at position 2 has index 1, expected 2",
                        spoiled(DISJOINT, r -> task(r, 2).put("index", 1))),
                train("plan-id-out-of-range", "task 1: training id 100000 is not a training sample of",
                        spoiled(DISJOINT, r -> ids(r, 1, "trainIds").add(100_000))),
                // ids, classes and anchors against the dataset
                train("plan-negative-test-id", "task 1: test id -3 is not a test sample",
                        spoiled(DISJOINT, r -> ids(r, 1, "testIds").add(-3))),
                train("plan-test-id-among-training-ids", "is not a training sample", spoiled(DISJOINT,
                        r -> ids(r, 1, "trainIds").add(ids(r, 1, "testIds").get(0).asLong()))),
                train("plan-anchor-out-of-range", "anchor 1000000000000 is not a training sample",
                        spoiled(DISJOINT, r -> ((ArrayNode) r.get("anchorIds")).add(1_000_000_000_000L))),
                train("plan-anchor-twice", "is listed twice", spoiled(DISJOINT,
                        r -> ((ArrayNode) r.get("anchorIds")).add(r.get("anchorIds").get(0).asLong()))),
                train("plan-class-out-of-range", "task 1: class 99 is not a class of",
                        spoiled(DISJOINT, r -> ((ArrayNode) task(r, 1).get("classes")).add(99))),
                train("plan-id-of-another-tasks-class", "which is not one of the task's classes", spoiled(DISJOINT,
                        r -> ids(r, 1, "trainIds").add(ids(r, 2, "trainIds").get(0).asLong()))),
                train("plan-class-in-two-disjoint-tasks", "is also in task 1 (setting disjoint: every class", spoiled(DISJOINT,
                        r -> ((ArrayNode) task(r, 1).get("classes")).add(task(r, 2).get("classes").get(0).asInt()))),
                train("plan-shared-anchor-of-a-novel-class", "which is not a shared class", spoiled(SHARED, r -> {
                    for (JsonNode id : ids(r, 1, "trainIds")) {
                        boolean shared = false;
                        for (JsonNode s : r.get("sharedClasses")) {
                            shared |= s.asLong() == id.asLong() % 10;
                        }
                        if (!shared) {
                            ((ArrayNode) r.get("anchorIds")).set(0, id.asLong());
                            return;
                        }
                    }
                })),
                train("plan-shared-parameter-mismatch", "the parameter 'shared' is 3 but the plan lists 2 shared classes",
                        spoiled(SHARED, r -> ((ObjectNode) r.get("parameters")).put("shared", 3))),
                train("plan-test-sample-dropped", "the chart tasks hold 19 of the 20 test samples", spoiled(DISJOINT,
                        r -> ids(r, 1, "testIds").remove(0))),
                train("plan-no-chart-task", "the plan has no chart task", spoiled(DISJOINT, r -> {
                    ArrayNode tasks = (ArrayNode) r.get("tasks");
                    while (tasks.size() > 1) {
                        tasks.remove(1);
                    }
                })),
                train("plan-end-to-end-classes-reordered", "task 0 (end-to-end) has the classes [1, 0, 2", spoiled(DISJOINT,
                        r -> ((ArrayNode) task(r, 0).get("classes")).set(0, 1).set(1, 0))),
                train("plan-no-validation-ids", "task 1: no validation ids", spoiled(DISJOINT, r -> {
                    ids(r, 1, "trainIds").addAll(ids(r, 1, "validationIds"));
                    ids(r, 1, "validationIds").removeAll();
                })),
                train("plan-anchors-parameter-mismatch", "the parameter 'anchors' is 7 but the plan lists 5 anchors",
                        spoiled(DISJOINT, r -> ((ObjectNode) r.get("parameters")).put("anchors", 7))),
                train("plan-anchors-parameter-text", "the parameter 'anchors' is 5, expected a whole number",
                        spoiled(DISJOINT, r -> ((ObjectNode) r.get("parameters")).put("anchors", "5"))),
                train("plan-other-dataset", "was made for dataset fingerprint 0123abcd",
                        spoiled(DISJOINT, r -> r.put("datasetFingerprint", "0123abcd"))),
                // the file itself: syntax, keys, types, numbers
                train("plan-truncated-json", "cannot read the task plan", text(DISJOINT, s -> s.substring(0, s.length() / 2))),
                train("plan-trailing-garbage", "cannot read the task plan (text after the end of the JSON document)", text(DISJOINT, s -> s + "{\"tasks\": []}\n")),
                train("plan-duplicate-key", "Duplicate field 'seed'", text(DISJOINT, s -> s.replaceFirst("\\{", "{\"seed\": 7,"))),
                train("plan-empty-file", "not a task plan", dir -> {
                    TinyDatasets.mnist(dir);
                    Files.writeString(dir.resolve("plan.json"), "");
                }),
                train("plan-a-list", "not a task plan", dir -> {
                    TinyDatasets.mnist(dir);
                    Files.writeString(dir.resolve("plan.json"), "[1, 2, 3]\n");
                }),
                train("plan-version-2", "task plan version 2, this atlas reads version 1",
                        spoiled(DISJOINT, r -> r.put("version", 2))),
                train("plan-unknown-setting", "setting 'everything' is unknown; expected shared-classes",
                        spoiled(DISJOINT, r -> r.put("setting", "everything"))),
                train("plan-unknown-key", "tasks[1] has the unknown key 'trainIDs'",
                        spoiled(DISJOINT, r -> task(r, 1).set("trainIDs", task(r, 1).get("trainIds")))),
                train("plan-missing-key", "lacks the key 'tasks[1].testIds'", spoiled(DISJOINT, r -> task(r, 1).remove("testIds"))),
                train("plan-index-as-text", "'tasks[2].index' must be an integer", spoiled(DISJOINT, r -> task(r, 2).put("index", "2"))),
                train("plan-seed-as-number-with-fraction", "'seed' must be an integer", spoiled(DISJOINT, r -> r.put("seed", 4.2))),
                train("plan-class-beyond-64-bits", "'tasks[1].classes[0]' must be an integer from -2147483648 to 2147483647",
                        spoiled(DISJOINT, r -> ((ArrayNode) task(r, 1).get("classes")).set(0, new BigInteger("100000000000000000000")))),
                train("plan-id-beyond-64-bits", "must be an integer from -9223372036854775808",
                        spoiled(DISJOINT, r -> ids(r, 1, "trainIds").add(new BigInteger("-99999999999999999999")))),
                train("plan-fractional-id", "'tasks[1].trainIds[", spoiled(DISJOINT, r -> ids(r, 1, "trainIds").add(3.5))),
                train("plan-parameters-a-list", "'parameters' must be an object, found a list",
                        spoiled(DISJOINT, r -> r.putArray("parameters"))),
                train("plan-tasks-an-object", "'tasks' must be a list of tasks, found an object",
                        spoiled(DISJOINT, r -> r.putObject("tasks"))),
                of("plan-missing-file", "does not exist", TinyDatasets::mnist,
                        "train", "--plan", "{dir}/none.json", "--out", "{dir}/run", "--dataset", TinyDatasets.MNIST),
                of("plan-is-a-folder", "is not a file (a folder or a device)", dir -> {
                    TinyDatasets.mnist(dir);
                    Files.createDirectories(dir.resolve("plan.json"));
                }, "train", "--plan", "{dir}/plan.json", "--out", "{dir}/run", "--dataset", TinyDatasets.MNIST),
                // the plan's own dataset spec, quoted in the error line, holds a terminal escape: printed escaped
                of("plan-dataset-spec-with-escape", "mnist:\\x1b[2J\\x1b]0;owned\\x07", spoiled(DISJOINT,
                        r -> r.put("dataset", "mnist:\u001b[2J\u001b]0;owned\u0007")),
                        "train", "--plan", "{dir}/plan.json", "--out", "{dir}/run"),
                // a run folder's plan goes through the same checks
                of("embed-run-plan-sample-in-two-tasks", "is also in task 1 (setting disjoint-samples: no sample is in two", dir -> {
                    TinyDatasets.spoiled(dir, DISJOINT_SAMPLES,
                            r -> ids(r, 1, "trainIds").add(ids(r, 2, "trainIds").get(0).asLong()));
                    Files.createDirectories(dir.resolve("run"));
                    Files.move(dir.resolve("plan.json"), dir.resolve("run/plan.json"));
                }, "embed", "--run", "{dir}/run", "--dataset", TinyDatasets.MNIST));
    }

    /** The control: unspoiled, the setups' plans pass every check, so each case fails on its spoiling alone. */
    @Test
    void theUnspoiledPlansPassTheChecks(@TempDir Path dir) throws IOException {
        for (TaskPlanner planner : List.of(DISJOINT, DISJOINT_SAMPLES, SHARED)) {
            TinyDatasets.plan(dir, planner);
            DatasetLabels labels = DatasetLabels.of(Datasets.open("mnist:" + dir.resolve("data")));
            assertEquals(planner.setting(), TaskPlanJson.read(dir.resolve("plan.json"), labels).setting());
        }
    }
}
