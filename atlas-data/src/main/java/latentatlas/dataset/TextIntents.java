package latentatlas.dataset;

import latentatlas.InvalidInputException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Collects sentences and their intent names into {@link Samples}, with ids from a running counter. */
final class TextIntents {
    private final Path file;
    private final Map<String, Integer> classIndex;
    private final List<String> texts = new ArrayList<>();
    private final List<Integer> labels = new ArrayList<>();

    /**
     * @param file the file the sentences come from (named in errors)
     * @param classIndex class name to class number
     */
    TextIntents(Path file, Map<String, Integer> classIndex) {
        this.file = file;
        this.classIndex = classIndex;
    }

    /** Adds one sentence; {@code where} locates it in the file for error messages. */
    void add(String text, String intent, String where) {
        Integer label = classIndex.get(intent);
        if (label == null) {
            throw new InvalidInputException(file + ": " + where + " has intent '" + intent
                    + "', which is not one of the " + classIndex.size() + " classes");
        }
        texts.add(text);
        labels.add(label);
    }

    /** @return the samples, with ids {@code firstId, firstId+1, ...} in insertion order */
    Samples samples(long firstId) {
        if (texts.isEmpty()) {
            throw new InvalidInputException(file + ": no sentences in this split");
        }
        long[] ids = new long[texts.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = firstId + i;
        }
        return Samples.texts(ids, labels.stream().mapToInt(Integer::intValue).toArray(), texts.toArray(String[]::new));
    }
}
