package latentatlas.tasks;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import latentatlas.InvalidInputException;
import latentatlas.io.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 */
public final class TaskPlanJson {
    /** The value of the {@code format} key. */
    public static final String FORMAT = "latent-atlas task plan";
    /** The value of the {@code version} key this code writes and reads. */
    public static final int VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper();

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
     * @return the plan stored in {@code file}
     * @throws InvalidInputException when the file is missing, not JSON, or lacks a key
     */
    public static TaskPlan read(Path file) {
        JsonNode root;
        try {
            root = MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            throw new InvalidInputException(file + ": cannot read the task plan (" + why + ")", e);
        }
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText())) {
            throw new InvalidInputException(file + ": not a task plan (expected \"format\": \"" + FORMAT
                    + "\"); write one with TaskPlanJson.write (atlas tasks)");
        }
        int version = field(file, root, "version").asInt();
        if (version != VERSION) {
            throw new InvalidInputException(file + ": task plan version " + version + ", this atlas reads version "
                    + VERSION + "; plan again with atlas tasks");
        }
        Map<String, Object> parameters = new TreeMap<>(MAPPER.convertValue(field(file, root, "parameters"),
                new TypeReference<Map<String, Object>>() { }));
        List<Task> tasks = new ArrayList<>();
        for (JsonNode t : field(file, root, "tasks")) {
            tasks.add(new Task(field(file, t, "index").asInt(), ints(file, field(file, t, "classes")),
                    longs(file, field(file, t, "trainIds")), longs(file, field(file, t, "validationIds")),
                    longs(file, field(file, t, "testIds"))));
        }
        return new TaskPlan(field(file, root, "dataset").asText(), field(file, root, "datasetFingerprint").asText(),
                setting(file, field(file, root, "setting").asText()), field(file, root, "seed").asLong(), parameters,
                longs(file, field(file, root, "anchorIds")), ints(file, field(file, root, "sharedClasses")),
                List.copyOf(tasks));
    }

    private static Setting setting(Path file, String name) {
        try {
            return Setting.parse(name);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(file + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode field(Path file, JsonNode node, String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            throw new InvalidInputException(file + ": task plan lacks the key '" + key + "'; write it again with TaskPlanJson.write (atlas tasks)");
        }
        return value;
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

    private static int[] ints(Path file, JsonNode node) {
        long[] values = longs(file, node);
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Math.toIntExact(values[i]);
        }
        return out;
    }

    private static long[] longs(Path file, JsonNode node) {
        if (!node.isArray()) {
            throw new InvalidInputException(file + ": expected a list of integers, found " + node.getNodeType());
        }
        long[] out = new long[node.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = node.get(i);
            if (!v.isIntegralNumber()) {
                throw new InvalidInputException(file + ": expected an integer, found " + v);
            }
            out[i] = v.asLong();
        }
        return out;
    }
}
