package latentatlas.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import latentatlas.InvalidInputException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads CLINC150 (Larson et al., EMNLP 2019) from {@code data_full.json}: an object whose splits
 * {@code train}, {@code val}, {@code test} are lists of {@code [sentence, intent]} pairs.
 *
 * <p>Classes: the intents of {@code train}, sorted by name (so class numbers do not depend on the
 * order of the file). The out-of-scope splits ({@code oos_train}, {@code oos_val}, {@code oos_test})
 * are not read: they have no in-scope class. Ids: {@code train} {@code 0..14999}, {@code test} next,
 * then {@code val}, kept as the extra split {@code validation}.
 */
final class Clinc150Reader {
    static final String FILE = "data_full.json";

    private Clinc150Reader() {
    }

    /** Reads {@code folder/data_full.json}. */
    static Dataset read(String name, Path folder) {
        Path file = folder.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file + ": missing; CLINC150 is kept in the shared data folder"
                    + " (set ATLAS_SHARED_DATA or give clinc150:DIR)");
        }
        SourceFiles source = new SourceFiles(folder);
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(source.read(file));
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(file + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
        } catch (java.io.IOException e) {
            throw new InvalidInputException(file + ": cannot parse (" + e.getMessage() + ")", e);
        }
        TreeSet<String> intents = new TreeSet<>();
        for (JsonNode pair : split(file, root, "train")) {
            intents.add(pair.get(1).asText());
        }
        Map<String, Integer> index = new LinkedHashMap<>();
        for (String intent : intents) {
            index.put(intent, index.size());
        }
        Samples train = samples(file, root, "train", index, 0);
        Samples test = samples(file, root, "test", index, train.size());
        Samples val = samples(file, root, "val", index, train.size() + test.size());
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("format", "clinc150");
        metadata.put("folder", folder.toString());
        return new Dataset(name, intents.stream().toList(), train, test, Map.of("validation", val),
                source.fingerprint(), metadata);
    }

    private static JsonNode split(Path file, JsonNode root, String key) {
        JsonNode split = root == null ? null : root.get(key);
        if (split == null || !split.isArray()) {
            throw new InvalidInputException(file + ": no list '" + key + "'; expected the CLINC150 data_full.json");
        }
        for (int i = 0; i < split.size(); i++) {
            JsonNode pair = split.get(i);
            if (!pair.isArray() || pair.size() != 2 || !pair.get(0).isTextual() || !pair.get(1).isTextual()) {
                throw new InvalidInputException(file + ": " + key + "[" + i + "] is not a [sentence, intent] pair");
            }
        }
        return split;
    }

    private static Samples samples(Path file, JsonNode root, String key, Map<String, Integer> index, long firstId) {
        TextIntents texts = new TextIntents(file, index);
        JsonNode split = split(file, root, key);
        for (int i = 0; i < split.size(); i++) {
            texts.add(split.get(i).get(0).asText(), split.get(i).get(1).asText(), key + "[" + i + "]");
        }
        return texts.samples(firstId);
    }
}
