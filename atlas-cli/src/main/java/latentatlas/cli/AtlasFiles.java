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
import java.util.function.Function;

/**
 * The output folder of {@code atlas merge} and {@code atlas transform}, one layout: {@code atlas.npy}
 * (float32 ids x width), {@code atlas.ids.npy}, {@code atlas.labels.npy} (when labelled),
 * {@code atlas.coverage.npy}, {@code anchors.ids.npy} (anchors the command chose) and {@code summary.json}, built beside the target and swapped in whole
 * ({@link OutputFolder}).
 */
final class AtlasFiles {
    /** The files an output may hold (an older output without the marker is recognised by them). */
    static final Set<String> FILES = Set.of("atlas.npy", "atlas.ids.npy", "atlas.labels.npy", "atlas.coverage.npy",
            "anchors.ids.npy", "summary.json");

    private AtlasFiles() {
    }

    /**
     * What a writer of the atlas' arrays wrote: its result, summary.json's entries before {@code atlas}, and the
     * atlas' shape.
     */
    record Written<R>(R result, Map<String, Object> summary, int ids, int width, boolean labelled,
                      long[] coverageHistogram) {
    }

    /**
     * @param out the output folder
     * @param atlas the rows
     * @param summary summary.json's entries before {@code atlas} and {@code versions}
     * @param selectedAnchors anchors chosen by the command (written as anchors.ids.npy), or null
     */
    static void write(Path out, Atlas atlas, Map<String, Object> summary, long[] selectedAnchors) {
        write(out, dir -> {
            LatentSpaces.save(atlas.space(), dir, "atlas");
            if (selectedAnchors != null) {
                Npy.writeLongs(dir.resolve("anchors.ids.npy"), selectedAnchors);
            }
            Npy.writeInts(dir.resolve("atlas.coverage.npy"), atlas.coverage());
            return new Written<>(null, summary, atlas.space().size(), atlas.space().dim(), atlas.space().hasLabels(),
                    atlas.coverageHistogram());
        });
    }

    /**
     * @param out the output folder
     * @param arrays writes atlas.npy, atlas.ids.npy, [atlas.labels.npy] and atlas.coverage.npy into the folder it
     *     is given (e.g. block by block) and says what it wrote
     * @return the writer's result
     */
    static <R> R write(Path out, Function<Path, Written<R>> arrays) {
        Object[] result = new Object[1];
        OutputFolder.write(out, FILES, dir -> {
            Written<R> written = arrays.apply(dir);
            AtomicFiles.writeString(dir.resolve("summary.json"), summaryJson(written));
            result[0] = written.result();
        });
        @SuppressWarnings("unchecked")
        R r = (R) result[0];
        return r;
    }

    private static String summaryJson(Written<?> written) {
        Map<String, Object> root = new LinkedHashMap<>(written.summary());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("ids", written.ids());
        result.put("width", written.width());
        result.put("labelled", written.labelled());
        Map<String, Long> histogram = new LinkedHashMap<>();
        long[] counts = written.coverageHistogram();
        for (int c = 1; c < counts.length; c++) {
            histogram.put(Integer.toString(c), counts[c]);
        }
        result.put("coverageHistogram", histogram);
        result.put("files", List.of("atlas.npy", "atlas.ids.npy", "atlas.coverage.npy"));
        root.put("atlas", result);
        root.put("versions", Versions.all());
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return {@code "N in 1, M in 2"}: how many ids each number of charts covers, from a coverage histogram */
    static String coverage(long[] histogram) {
        StringBuilder coverage = new StringBuilder();
        for (int c = 1; c < histogram.length; c++) {
            coverage.append(c > 1 ? ", " : "").append(histogram[c]).append(" in ").append(c);
        }
        return coverage.toString();
    }
}
