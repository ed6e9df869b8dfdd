package latentatlas.tasks;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import latentatlas.InvalidInputException;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The three task settings of docs/method.md §3, each with the external name that the command line,
 * {@code plan.json} and {@code results.json} spell. {@link #parse} is the one place that reads a name;
 * everything inside compares constants. Each planner reports its setting ({@link TaskPlanner#setting}).
 */
public enum Setting {
    /** Setting 1 (reference {@code part_shared_part_novel}): {@link SharedClassesPlanner}. */
    SHARED_CLASSES("shared-classes"),
    /** Setting 2 (reference {@code same_classes_disj_samples}): {@link DisjointSamplesPlanner}. */
    DISJOINT_SAMPLES("disjoint-samples"),
    /** Setting 3 (reference {@code totally_disjoint}): {@link DisjointPlanner}. */
    DISJOINT("disjoint");

    private final String externalName;

    Setting(String externalName) {
        this.externalName = externalName;
    }

    /** @return the name files and the command line use, e.g. {@code shared-classes} */
    @JsonValue
    public String externalName() {
        return externalName;
    }

    /** @return {@link #externalName()}, so that messages and tables read as before */
    @Override
    public String toString() {
        return externalName;
    }

    /**
     * @param name an external name
     * @return its setting
     * @throws InvalidInputException naming the expected names and the one found
     */
    @JsonCreator
    public static Setting parse(String name) {
        for (Setting s : values()) {
            if (s.externalName.equals(name)) {
                return s;
            }
        }
        throw new InvalidInputException("setting '" + name + "' is unknown; expected " + expected());
    }

    /** @return e.g. {@code shared-classes, disjoint-samples or disjoint} */
    private static String expected() {
        String[] names = Arrays.stream(values()).map(Setting::externalName).toArray(String[]::new);
        return Arrays.stream(names, 0, names.length - 1).collect(Collectors.joining(", ")) + " or "
                + names[names.length - 1];
    }
}
