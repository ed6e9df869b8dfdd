package latentatlas.cli;

import latentatlas.InvalidInputException;
import latentatlas.io.OutputNames;

import java.nio.file.Path;

/**
 * One {@code --space NAME=VECTORS.npy:IDS.npy[:LABELS.npy]} value of {@code merge} and {@code fit}, or
 * {@code NAME=VECTORS.npy[:IDS.npy]} of {@code transform}: the grammar and its checks in one place. The name
 * must be a safe file name ({@link OutputNames}).
 *
 * @param name the space's (chart's) name
 * @param vectors the vectors file
 * @param ids the ids file, or {@code null} (transform only)
 * @param labels the labels file, or {@code null}
 */
record SpaceArgument(String name, Path vectors, Path ids, Path labels) {
    /** The grammar of merge and fit. */
    static final String WITH_IDS = "NAME=VECTORS.npy:IDS.npy[:LABELS.npy]";
    /** The grammar of transform. */
    static final String IDS_OPTIONAL = "NAME=VECTORS.npy[:IDS.npy]";

    /** @return the value of {@code NAME=VECTORS.npy:IDS.npy[:LABELS.npy]} */
    static SpaceArgument parse(String text) {
        return parse(text, 2, 3, WITH_IDS);
    }

    /** @return the value of {@code NAME=VECTORS.npy[:IDS.npy]} */
    static SpaceArgument parseIdsOptional(String text) {
        return parse(text, 1, 2, IDS_OPTIONAL);
    }

    private static SpaceArgument parse(String text, int min, int max, String grammar) {
        int eq = text.indexOf('=');
        String[] files = eq < 0 ? new String[0] : text.substring(eq + 1).split(":", -1);
        boolean empty = java.util.Arrays.stream(files).anyMatch(String::isEmpty);
        if (eq < 1 || files.length < min || files.length > max || empty) {
            throw new InvalidInputException("--space: expected " + grammar + ", found '" + text + "'");
        }
        String name = text.substring(0, eq);
        try {
            OutputNames.check("space name", name);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("--space: " + e.getMessage(), e);
        }
        return new SpaceArgument(name, Path.of(files[0]), files.length > 1 ? Path.of(files[1]) : null,
                files.length > 2 ? Path.of(files[2]) : null);
    }
}
