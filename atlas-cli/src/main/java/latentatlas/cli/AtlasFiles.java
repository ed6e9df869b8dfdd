package latentatlas.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import latentatlas.atlas.Atlas;
import latentatlas.io.AtomicFiles;
import latentatlas.io.Npy;
import latentatlas.io.OutputFolder;
import latentatlas.space.LatentSpaces;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The output folder of {@code atlas merge} and {@code atlas transform}, one layout: {@code atlas.npy}
 * (float32 ids x width), {@code atlas.ids.npy}, {@code atlas.labels.npy} (when labelled),
 * {@code atlas.coverage.npy} and {@code summary.json}, built beside the target and swapped in whole
 * ({@link OutputFolder}).
 */
final class AtlasFiles {
    /** The files an output may hold (an older output without the marker is recognised by them). */
    static final Set<String> FILES = Set.of("atlas.npy", "atlas.ids.npy", "atlas.labels.npy", "atlas.coverage.npy",
            "summary.json");

    private AtlasFiles() {
    }

    /**
     * @param out the output folder
     * @param atlas the rows
     * @param summary summary.json's entries before {@code atlas} and {@code versions}
     */
    static void write(Path out, Atlas atlas, Map<String, Object> summary) {
        Map<String, Object> root = new LinkedHashMap<>(summary);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("ids", atlas.space().size());
        result.put("width", atlas.space().dim());
        result.put("labelled", atlas.space().hasLabels());
        Map<String, Long> histogram = new LinkedHashMap<>();
        long[] counts = atlas.coverageHistogram();
        for (int c = 1; c < counts.length; c++) {
            histogram.put(Integer.toString(c), counts[c]);
        }
        result.put("coverageHistogram", histogram);
        result.put("files", List.of("atlas.npy", "atlas.ids.npy", "atlas.coverage.npy"));
        root.put("atlas", result);
        root.put("versions", Versions.all());
        String json;
        try {
            json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        OutputFolder.write(out, FILES, dir -> {
            LatentSpaces.save(atlas.space(), dir, "atlas");
            Npy.writeInts(dir.resolve("atlas.coverage.npy"), atlas.coverage());
            AtomicFiles.writeString(dir.resolve("summary.json"), json);
        });
    }

    /** @return {@code "N in 1, M in 2"}: how many ids each number of charts covers */
    static String coverage(Atlas atlas) {
        long[] histogram = atlas.coverageHistogram();
        StringBuilder coverage = new StringBuilder();
        for (int c = 1; c < histogram.length; c++) {
            coverage.append(c > 1 ? ", " : "").append(histogram[c]).append(" in ").append(c);
        }
        return coverage.toString();
    }
}
