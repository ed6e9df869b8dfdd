package latentatlas.tasks;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import latentatlas.InvalidInputException;
import latentatlas.io.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Saves and loads a {@link TaskPlan} as JSON ({@code plan.json}). Keys come in a fixed order (the
 * parameters sorted by name), arrays on one line, {@code \n} line ends, so the same plan gives the same
 * bytes. Keys: {@code format} ({@value #FORMAT}), {@code version} (1), {@code dataset},
 * {@code datasetFingerprint}, {@code setting}, {@code seed}, {@code parameters}, {@code sharedClasses},
 * {@code anchorIds}, {@code tasks} (each: {@code index}, {@code classes} = global class of local label
 * i, {@code trainIds}, {@code validationIds}, {@code testIds}).
 *
 * <p>{@link #read} is the one way back: it parses strictly (exactly these keys, each of its type, integers
 * in range, no key twice, nothing after the document) and runs {@link PlanChecks} against the dataset, so
 * a plan from disk is held to the rules a planner's plan is. Every error is one line naming the file.
 */
public final class TaskPlanJson {
    /** The value of the {@code format} key. */
    public static final String FORMAT = "latent-atlas task plan";
    /** The value of the {@code version} key this code writes and reads. */
    public static final int VERSION = 1;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    /** The largest plan file read (256 MiB: tens of millions of ids, far beyond any dataset's plan). */
    static final long MAX_BYTES = 256L << 20;
    private static final List<String> ROOT_KEYS = List.of("format", "version", "dataset", "datasetFingerprint",
            "setting", "seed", "parameters", "sharedClasses", "anchorIds", "tasks");
    private static final List<String> TASK_KEYS = List.of("index", "classes", "trainIds", "validationIds", "testIds");

    private TaskPlanJson() {
    }

    /** @return the plan as JSON text (the exact bytes {@link #write} stores, UTF-8) */
    public static String toJson(TaskPlan plan) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("dataset", plan.dataset());
        root.put("datasetFingerprint", plan.datasetFingerprint());
        root.put("setting", plan.setting().externalName());
        root.put("seed", plan.seed());
        root.set("parameters", MAPPER.valueToTree(new TreeMap<>(plan.parameters())));
        root.set("sharedClasses", ints(plan.sharedClasses()));
        root.set("anchorIds", longs(plan.anchorIds()));
        ArrayNode tasks = root.putArray("tasks");
        for (Task t : plan.tasks()) {
            ObjectNode node = tasks.addObject();
            node.put("index", t.index());
            node.set("classes", ints(t.classes()));
            node.set("trainIds", longs(t.trainIds()));
            node.set("validationIds", longs(t.validationIds()));
            node.set("testIds", longs(t.testIds()));
        }
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(DefaultPrettyPrinter.NopIndenter.instance);
        try {
            return MAPPER.writer(printer).writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise the plan", e);
        }
    }

    /** Writes the plan to {@code file} atomically (complete or not at all). */
    public static void write(TaskPlan plan, Path file) {
        AtomicFiles.writeString(file, toJson(plan));
    }

    /**
     * Reads a plan and checks it against the dataset it divides: the one way to read a plan, so that no
     * caller gets a plan that {@link PlanChecks} has not passed. The file must hold exactly the keys
     * {@link #write} writes, each of its type (integers as JSON integers in range, no key twice); the plan
     * must have been made for {@code data} (same fingerprint) and pass every check of its setting.
     *
     * @param file a plan written by {@link #write} ({@code atlas tasks --out})
     * @param data the labels of the dataset the plan divides (see {@link #datasetOf} for its name)
     * @return the plan
     * @throws InvalidInputException one line naming the file, and the key, task, id or rule at fault
     */
    public static TaskPlan read(Path file, DatasetLabels data) {
        TaskPlan plan = parse(file);
        if (!plan.datasetFingerprint().equals(data.fingerprint())) {
            throw new InvalidInputException("plan " + file + " was made for dataset fingerprint "
                    + plan.datasetFingerprint() + ", found " + data.fingerprint() + " for " + data.name()
                    + ": plan again with atlas tasks on this dataset");
        }
        PlanChecks.firstViolation(plan, data).ifPresent(rule -> {
            throw new InvalidInputException(file + ": " + rule + "; plan again with atlas tasks");
        });
        return plan;
    }

    /**
     * @param file a plan written by {@link #write}
     * @return the dataset spec the plan names (to open the dataset that {@link #read} checks it against)
     * @throws InvalidInputException when the file is not a well-formed plan
     */
    public static String datasetOf(Path file) {
        return parse(file).dataset();
    }

    /** Parses the file into a plan, checking keys and types but nothing against a dataset. */
    private static TaskPlan parse(Path file) {
        JsonNode root;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new InvalidInputException(file + ": " + size + " bytes, more than the " + MAX_BYTES
                        + " a task plan may hold; give the plan.json that atlas tasks --out wrote");
            }
            root = MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": cannot read the task plan (no such file); write one with atlas tasks --out", e);
        } catch (IOException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            if (why.startsWith("Trailing token")) {
                why = "text after the end of the JSON document";
            }
            throw new InvalidInputException(file + ": cannot read the task plan (" + why + ")", e);
        }
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText())) {
            throw new InvalidInputException(file + ": not a task plan (expected \"format\": \"" + FORMAT
                    + "\"); write one with TaskPlanJson.write (atlas tasks)");
        }
        onlyKeys(file, "the plan", root, ROOT_KEYS);
        long version = int64(file, "version", field(file, root, "version"));
        if (version != VERSION) {
            throw new InvalidInputException(file + ": task plan version " + version + ", this atlas reads version "
                    + VERSION + "; plan again with atlas tasks");
        }
        JsonNode parameterNode = field(file, root, "parameters");
        if (!parameterNode.isObject()) {
            throw new InvalidInputException(file + ": 'parameters' must be an object, found " + describe(parameterNode));
        }
        Map<String, Object> parameters = new TreeMap<>(MAPPER.convertValue(parameterNode,
                new TypeReference<Map<String, Object>>() { }));
        JsonNode taskNodes = field(file, root, "tasks");
        if (!taskNodes.isArray()) {
            throw new InvalidInputException(file + ": 'tasks' must be a list of tasks, found " + describe(taskNodes));
        }
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < taskNodes.size(); i++) {
            JsonNode t = taskNodes.get(i);
            String where = "tasks[" + i + "]";
            if (!t.isObject()) {
                throw new InvalidInputException(file + ": " + where + " must be an object, found " + describe(t));
            }
            onlyKeys(file, where, t, TASK_KEYS);
            tasks.add(new Task(int32(file, where + ".index", field(file, t, where + ".index", "index")),
                    ints(file, where + ".classes", field(file, t, where + ".classes", "classes")),
                    longs(file, where + ".trainIds", field(file, t, where + ".trainIds", "trainIds")),
                    longs(file, where + ".validationIds", field(file, t, where + ".validationIds", "validationIds")),
                    longs(file, where + ".testIds", field(file, t, where + ".testIds", "testIds"))));
        }
        return new TaskPlan(text(file, "dataset", field(file, root, "dataset")),
                text(file, "datasetFingerprint", field(file, root, "datasetFingerprint")),
                setting(file, text(file, "setting", field(file, root, "setting"))),
                int64(file, "seed", field(file, root, "seed")), parameters,
                longs(file, "anchorIds", field(file, root, "anchorIds")),
                ints(file, "sharedClasses", field(file, root, "sharedClasses")), List.copyOf(tasks));
    }

    private static void onlyKeys(Path file, String where, JsonNode node, List<String> keys) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!keys.contains(name)) {
                throw new InvalidInputException(file + ": " + where + " has the unknown key '" + name + "'; expected "
                        + String.join(", ", keys));
            }
        }
    }

    private static Setting setting(Path file, String name) {
        try {
            return Setting.parse(name);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(file + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode field(Path file, JsonNode node, String key) {
        return field(file, node, key, key);
    }

    private static JsonNode field(Path file, JsonNode node, String where, String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            throw new InvalidInputException(file + ": task plan lacks the key '" + where + "'; write it again with TaskPlanJson.write (atlas tasks)");
        }
        return value;
    }

    private static String text(Path file, String key, JsonNode node) {
        if (!node.isTextual()) {
            throw new InvalidInputException(file + ": '" + key + "' must be a string, found " + describe(node));
        }
        return node.asText();
    }

    /** @return the JSON integer {@code node}, which must fit 64 bits */
    private static long int64(Path file, String key, JsonNode node) {
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new InvalidInputException(file + ": '" + key + "' must be an integer from " + Long.MIN_VALUE + " to "
                    + Long.MAX_VALUE + ", found " + describe(node));
        }
        return node.asLong();
    }

    /** @return the JSON integer {@code node}, which must fit 32 bits */
    private static int int32(Path file, String key, JsonNode node) {
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw new InvalidInputException(file + ": '" + key + "' must be an integer from " + Integer.MIN_VALUE
                    + " to " + Integer.MAX_VALUE + ", found " + describe(node));
        }
        return node.asInt();
    }

    /** @return e.g. {@code the string "x"}, {@code the number 1.5}, {@code an object} */
    private static String describe(JsonNode node) {
        String text = node.toString();
        String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text;
        return switch (node.getNodeType()) {
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            case STRING -> "the string " + shown;
            case NUMBER -> "the number " + shown;
            case BOOLEAN -> shown;
            default -> shown;
        };
    }

    private static ArrayNode ints(int[] values) {
        ArrayNode a = MAPPER.createArrayNode();
        for (int v : values) {
            a.add(v);
        }
        return a;
    }

    private static ArrayNode longs(long[] values) {
        ArrayNode a = MAPPER.createArrayNode();
        for (long v : values) {
            a.add(v);
        }
        return a;
    }

    private static int[] ints(Path file, String key, JsonNode node) {
        list(file, key, node);
        int[] out = new int[node.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = int32(file, key + "[" + i + "]", node.get(i));
        }
        return out;
    }

    private static long[] longs(Path file, String key, JsonNode node) {
        list(file, key, node);
        long[] out = new long[node.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = int64(file, key + "[" + i + "]", node.get(i));
        }
        return out;
    }

    private static void list(Path file, String key, JsonNode node) {
        if (!node.isArray()) {
            throw new InvalidInputException(file + ": '" + key + "' must be a list of integers, found " + describe(node));
        }
    }
}
