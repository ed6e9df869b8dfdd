package latentatlas.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import latentatlas.InvalidInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Banking77 (Casanueva et al., 2020): {@code train.csv} and {@code test.csv} with the header
 * {@code text,category} (RFC 4180 quoting; sentences are kept verbatim), and {@code categories.json}, a
 * list of the 77 intent names whose order gives the class numbers. Ids: training rows
 * {@code 0..n_train-1} in file order, then test rows.
 */
final class Banking77Reader {
    private Banking77Reader() {
    }

    /** Reads the three files of {@code folder}. */
    static Dataset read(String name, Path folder) {
        Path categories = folder.resolve("categories.json");
        for (String f : List.of("categories.json", "train.csv", "test.csv")) {
            if (!Files.isRegularFile(folder.resolve(f))) {
                throw new InvalidInputException(folder.resolve(f) + ": missing; Banking77 is kept in the shared data"
                        + " folder (set ATLAS_SHARED_DATA or give banking77:DIR)");
            }
        }
        SourceFiles source = new SourceFiles(folder);
        List<String> classes = classes(categories, source.read(categories));
        Map<String, Integer> index = new LinkedHashMap<>();
        for (String c : classes) {
            if (index.putIfAbsent(c, index.size()) != null) {
                throw new InvalidInputException(categories + ": intent '" + c + "' is listed twice");
            }
        }
        Samples train = rows(folder.resolve("train.csv"), source, index, 0);
        Samples test = rows(folder.resolve("test.csv"), source, index, train.size());
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("format", "banking77");
        metadata.put("folder", folder.toString());
        return new Dataset(name, classes, train, test, Map.of(), source.fingerprint(), metadata);
    }

    private static List<String> classes(Path file, byte[] bytes) {
        JsonNode node;
        try {
            node = new ObjectMapper().readTree(bytes);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": not valid JSON (" + e.getMessage().lines().findFirst().orElse("")
                    + ")", e);
        }
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw new InvalidInputException(file + ": expected a JSON list of intent names");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode n : node) {
            if (!n.isTextual()) {
                throw new InvalidInputException(file + ": expected a JSON list of intent names, found " + n);
            }
            names.add(n.asText());
        }
        return List.copyOf(names);
    }

    private static Samples rows(Path file, SourceFiles source, Map<String, Integer> index, long firstId) {
        List<List<String>> records = Csv.parse(file, source.readText(file));
        if (records.isEmpty() || !records.get(0).equals(List.of("text", "category"))) {
            throw new InvalidInputException(file + ": expected the header 'text,category', found "
                    + (records.isEmpty() ? "an empty file" : "'" + String.join(",", records.get(0)) + "'"));
        }
        TextIntents texts = new TextIntents(file, index);
        for (int r = 1; r < records.size(); r++) {
            List<String> rec = records.get(r);
            if (rec.size() != 2) {
                throw new InvalidInputException(file + ": record " + r + " has " + rec.size() + " fields, expected 2"
                        + " (text,category)");
            }
            texts.add(rec.get(0), rec.get(1), "record " + r);
        }
        return texts.samples(firstId);
    }
}
