package latentatlas.atlas;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import latentatlas.InvalidInputException;
import latentatlas.io.AtomicFiles;
import latentatlas.io.Npy;
import latentatlas.io.OutputFolder;
import latentatlas.io.OutputNames;
import latentatlas.io.Reasons;
import latentatlas.membership.MembershipWeights;
import latentatlas.relative.Normalization;
import latentatlas.relative.RelativeProjector;
import latentatlas.relative.Similarity;
import latentatlas.space.LatentSpace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The fitted atlas, deployable (docs/method.md §9): everything needed to place tomorrow's embeddings of any
 * chart in atlas coordinates, and nothing of the samples it was fitted on. Immutable.
 *
 * <p>Per chart {@code t}, in the order fitted: its own embeddings of the anchors {@code e_t(A)}
 * ({@code k x d_t}), the relative projector fitted on them (similarity and normalisation,
 * {@code rel_t(x)_j = sim(N_t(e_t(x)), N_t(e_t(a_j)))}), for {@link Aggregation#SHIFTED_MEAN} (or when
 * asked for) its shift {@code s_t} ({@link Shifts}), and for {@link Aggregation#PROCRUSTES} and
 * {@link Aggregation#LSTSQ} its {@link Translation} {@code T_t} into the reference chart's absolute space;
 * the anchor ids in column order; the aggregation. Then
 * <ul>
 *   <li>{@link #transform(String, LatentSpace)}: a chart's relative coordinates, {@code rel_t(x)};</li>
 *   <li>{@link #aligned(String, LatentSpace)}: the chart's rows in the atlas' coordinates, {@code v_t(x)}
 *   ({@code rel_t(x)}; {@code rel_t(x) + s_t} for shifted-mean; {@code T_t(e_t(x))} for a translation);</li>
 *   <li>{@link #transform(List)}: atlas rows, {@code atlas(x) = sum_t w_t(x) v_t(x) / sum_t w_t(x)} over the
 *   given charts holding {@code x} (the first chart's row for {@link Aggregation#FIRST}), the one merge of
 *   {@link Atlas} that {@link FittedAtlas#merge()} and {@code atlas merge} use too. Transforming the rows the
 *   model was fitted on gives the fitted atlas exactly.</li>
 * </ul>
 * A model comes from {@link AtlasBuilder#fit()} ({@link FittedAtlas#model()}) or from a saved folder.
 *
 * <p><b>The folder</b> ({@link #save}, {@link #load}), written whole or not at all ({@link OutputFolder}):
 * <pre>
 * MODEL/model.json            format, configuration, reference chart, charts, SHA-256 of every file, versions
 * MODEL/anchors.ids.npy       int64 k: the anchor ids, in column order
 * MODEL/CHART.anchors.npy     float32 k x d_t: the chart's embeddings of the anchors
 * MODEL/CHART.shift.npy       float32 1 x k: s_t (when the model has shifts)
 * MODEL/CHART.translation.npy float32 (d_t + 1) x d_r: W_t, then the offset b_t as the last row (translations)
 * </pre>
 * Loading checks everything it reads and says in one line what is wrong ({@link InvalidInputException}
 * naming the input {@code model}): a model.json that is not the format, a chart name that is not a safe file
 * name (so no file outside the folder is read), a missing or altered file (its SHA-256), a shape that does not
 * fit. The projectors are refitted from the stored anchor embeddings (deterministic), the shifts and
 * translations read back as stored, so a loaded model transforms bit for bit as the saved one did.
 *
 * <p>Usage:
 * <pre>
 * FittedAtlas fitted = AtlasBuilder.builder().setAnchors(anchorIds)
 *         .addChart("a", spaceA).addChart("b", spaceB)
 *         .optAggregation(Aggregation.MEAN)
 *         .fit();
 * fitted.model().save(Path.of("model"));
 *
 * AtlasModel model = AtlasModel.load(Path.of("model"));
 * LatentSpace rel = model.transform("a", newRowsOfA);                 // rel_a(x), k columns
 * Atlas atlas = model.transform(List.of(new ChartSpace("a", newRowsOfA),
 *                                       new ChartSpace("b", newRowsOfB)));  // merged per id
 * </pre>
 */
public final class AtlasModel {
    /** The {@code format} of model.json. */
    public static final String FORMAT = "latent-atlas model";
    /** The {@code formatVersion} this class writes and reads. */
    public static final int FORMAT_VERSION = 1;
    /** The name of the JSON file. */
    public static final String JSON = "model.json";
    static final String ANCHOR_IDS = "anchors.ids.npy";

    /** One chart of the model. */
    private record ChartFit(LatentSpace anchors, RelativeProjector projector, float[] shift, Translation translation) {
    }

    private final long[] anchorIds;
    private final Similarity similarity;
    private final Normalization normalization;
    private final Aggregation aggregation;
    private final String reference;
    private final Map<String, ChartFit> charts;
    private final int shiftIdCount;

    private AtlasModel(long[] anchorIds, Similarity similarity, Normalization normalization, Aggregation aggregation,
                       String reference, Map<String, ChartFit> charts, int shiftIdCount) {
        this.anchorIds = anchorIds.clone();
        this.similarity = similarity;
        this.normalization = normalization;
        this.aggregation = aggregation;
        this.reference = reference;
        this.charts = Collections.unmodifiableMap(new LinkedHashMap<>(charts));
        this.shiftIdCount = shiftIdCount;
    }

    /**
     * The fit of {@link AtlasBuilder#fit()}: projectors on each chart's anchor rows, then the translations
     * and shifts its aggregation needs.
     *
     * @param anchorIds the anchors, in column order
     * @param anchorRows per chart (in order), its embeddings of the anchors in anchor order
     * @param projectors per chart, its projector fitted on those rows
     * @param shifts per chart its shift, or {@code null}
     * @param shiftIdCount |S|, or 0 without shifts
     * @param reference the reference chart of a translation, or {@code null}
     */
    static AtlasModel fitted(long[] anchorIds, Similarity similarity, Normalization normalization, Aggregation aggregation,
                             Map<String, LatentSpace> anchorRows, Map<String, RelativeProjector> projectors,
                             Map<String, float[]> shifts, int shiftIdCount, String reference) {
        Map<String, ChartFit> charts = new LinkedHashMap<>();
        for (Map.Entry<String, LatentSpace> e : anchorRows.entrySet()) {
            String name = e.getKey();
            Translation translation = null;
            if (aggregation.translates()) {
                LatentSpace target = anchorRows.get(reference);
                translation = name.equals(reference) ? Translation.identity(target.dim())
                        : aggregation == Aggregation.PROCRUSTES ? Translation.procrustes(e.getValue(), target)
                        : Translation.leastSquares(e.getValue(), target);
            }
            charts.put(name, new ChartFit(e.getValue(), projectors.get(name), shifts == null ? null : shifts.get(name),
                    translation));
        }
        return new AtlasModel(anchorIds, similarity, normalization, aggregation, reference, charts, shiftIdCount);
    }

    /** @return the charts' names, in the order fitted */
    public List<String> charts() {
        return List.copyOf(charts.keySet());
    }

    /** @return the anchor ids, in column order (a copy) */
    public long[] anchorIds() {
        return anchorIds.clone();
    }

    /** @return the similarity of the relative projection */
    public Similarity similarity() {
        return similarity;
    }

    /** @return the normalisation fitted on each chart's anchors */
    public Normalization normalization() {
        return normalization;
    }

    /** @return the aggregation */
    public Aggregation aggregation() {
        return aggregation;
    }

    /** @return the reference chart of a translation ({@link Aggregation#translates()}), else empty */
    public Optional<String> reference() {
        return Optional.ofNullable(reference);
    }

    /** @return the width of the atlas rows: the anchors, or the reference chart's width for a translation */
    public int outputWidth() {
        return reference == null ? anchorIds.length : chart(reference).anchors().dim();
    }

    /**
     * @param chart a chart's name
     * @return the absolute width {@code d_t} its vectors must have
     */
    public int width(String chart) {
        return chart(chart).anchors().dim();
    }

    /**
     * @param chart a chart's name
     * @return its embeddings of the anchors, {@code k x d_t}, ids = the anchor ids
     */
    public LatentSpace anchorEmbeddings(String chart) {
        return chart(chart).anchors();
    }

    /**
     * @param chart a chart's name
     * @return its relative projector
     */
    public RelativeProjector projector(String chart) {
        return chart(chart).projector();
    }

    /** @return whether every chart has a shift */
    public boolean hasShifts() {
        return charts.values().iterator().next().shift() != null;
    }

    /** @return |S|, the number of ids the shifts were fitted on (0 without shifts) */
    public int shiftIdCount() {
        return shiftIdCount;
    }

    /**
     * @param chart a chart's name
     * @return its shift {@code s_t} ({@code k} values, a copy)
     * @throws InvalidInputException when the model has no shifts
     */
    public float[] shift(String chart) {
        float[] shift = chart(chart).shift();
        if (shift == null) {
            throw new InvalidInputException(List.of("aggregation"), "model: no per-chart shift was fitted (aggregation "
                    + aggregation + "): fit with shifted-mean or with shift ids");
        }
        return shift.clone();
    }

    /**
     * @param chart a chart's name
     * @return its translation into the reference chart's space
     * @throws InvalidInputException when the aggregation is not a translation
     */
    public Translation translation(String chart) {
        Translation t = chart(chart).translation();
        if (t == null) {
            throw new InvalidInputException(List.of("aggregation"), "model: no translation was fitted (aggregation "
                    + aggregation + "): fit with procrustes or lstsq");
        }
        return t;
    }

    /**
     * A chart's relative coordinates, {@code rel_t(x)}, one column per anchor in the model's anchor order.
     *
     * @param chart a chart the model knows
     * @param vectors the chart's absolute embeddings of any samples ({@code d_t} wide)
     * @return the relative space (same ids and labels)
     * @throws InvalidInputException for an unknown chart or a width other than {@code d_t}
     */
    public LatentSpace transform(String chart, LatentSpace vectors) {
        ChartFit fit = chart(chart);
        checkWidth(chart, fit, vectors);
        return fit.projector().apply(vectors);
    }

    /**
     * A chart's rows in the atlas' coordinates, {@code v_t(x)} (see the class comment): what
     * {@link #transform(List)} averages, and, with one chart, what it returns.
     *
     * @param chart a chart the model knows
     * @param vectors the chart's absolute embeddings
     * @return the rows, {@link #outputWidth()} wide
     */
    public LatentSpace aligned(String chart, LatentSpace vectors) {
        ChartFit fit = chart(chart);
        checkWidth(chart, fit, vectors);
        return align(chart, vectors, null);
    }

    /**
     * {@code v_t} from the absolute rows, reusing their relative rows when the caller has them (the fit).
     */
    LatentSpace align(String chart, LatentSpace vectors, LatentSpace relative) {
        ChartFit fit = chart(chart);
        if (fit.translation() != null) {
            return fit.translation().apply(vectors);
        }
        LatentSpace rel = relative != null ? relative : fit.projector().apply(vectors);
        return aggregation == Aggregation.SHIFTED_MEAN ? Shifts.apply(rel, fit.shift()) : rel;
    }

    /**
     * Atlas rows of new samples, each embedded by one or several of the model's charts, merged per id with
     * weight 1 per chart (docs/method.md §2, §9); rows in order of first appearance.
     *
     * @param inputs the charts' absolute rows, each chart at most once, in the order that
     *     {@link Aggregation#FIRST} follows
     * @return the atlas ({@link #outputWidth()} wide; the coverage counts the given charts holding each id)
     * @throws InvalidInputException for no input, an unknown or repeated chart, or a wrong width
     */
    public Atlas transform(List<ChartSpace> inputs) {
        double[] ones = new double[inputs.size()];
        Arrays.fill(ones, 1);
        return Atlas.combine(names(inputs), alignAll(inputs), anchorIds, ones, aggregation);
    }

    /**
     * Atlas rows under a weight per (sample, chart), e.g. a membership rule's:
     * {@code atlas(x) = sum_t w_t(x) v_t(x) / sum_t w_t(x)} over the charts with {@code w_t(x) > 0}.
     *
     * @param inputs the charts' absolute rows, one per weight column
     * @param weights the weights, rows {@code weights.ids()}
     * @return the atlas over {@code weights.ids()}
     */
    public Atlas transform(List<ChartSpace> inputs, MembershipWeights weights) {
        return Atlas.combine(names(inputs), alignAll(inputs), anchorIds, weights, aggregation);
    }

    private List<LatentSpace> alignAll(List<ChartSpace> inputs) {
        if (inputs.isEmpty()) {
            throw new InvalidInputException(List.of("spaces"), "spaces: expected at least 1 chart's vectors, found none");
        }
        Set<String> seen = new HashSet<>();
        List<LatentSpace> out = new ArrayList<>();
        for (ChartSpace in : inputs) {
            if (!seen.add(in.chart())) {
                throw new InvalidInputException(List.of("spaces"), "chart '" + in.chart() + "' is given twice: give each"
                        + " chart's vectors once");
            }
            out.add(aligned(in.chart(), in.space()));
        }
        return out;
    }

    private static List<String> names(List<ChartSpace> inputs) {
        return inputs.stream().map(ChartSpace::chart).toList();
    }

    private ChartFit chart(String name) {
        ChartFit fit = charts.get(name);
        if (fit == null) {
            throw new InvalidInputException(List.of("spaces"), "chart '" + latentatlas.Text.printable(name, 80)
                    + "': expected one of " + charts.keySet() + ", found no chart of that name");
        }
        return fit;
    }

    private static void checkWidth(String chart, ChartFit fit, LatentSpace vectors) {
        if (vectors.dim() != fit.anchors().dim()) {
            throw new InvalidInputException(List.of("spaces"), "chart " + chart + ": expected vectors of width "
                    + fit.anchors().dim() + " (the width it was fitted with), found width " + vectors.dim());
        }
    }

    // ------------------------------------------------------------------------------------------ save and load

    /**
     * Writes the model folder (see the class comment), built beside {@code dir} and swapped in whole.
     *
     * @param dir the model folder: new, empty or an earlier model, replaced whole
     * @param provenance what the caller adds under {@code provenance} in model.json (the versions of the
     *     libraries, the input files and their fingerprints, ...), JSON-serialisable values
     */
    public void save(Path dir, Map<String, ?> provenance) {
        Set<String> own = new HashSet<>(List.of(JSON, ANCHOR_IDS));
        for (String name : charts.keySet()) {
            OutputNames.check("chart name", name);
            own.addAll(List.of(name + ".anchors.npy", name + ".shift.npy", name + ".translation.npy"));
        }
        OutputFolder.write(dir, own, folder -> {
            Npy.writeLongs(folder.resolve(ANCHOR_IDS), anchorIds);
            ObjectMapper json = new ObjectMapper();
            ObjectNode root = json.createObjectNode();
            root.put("format", FORMAT);
            root.put("formatVersion", FORMAT_VERSION);
            ObjectNode configuration = root.putObject("configuration");
            configuration.put("similarity", lower(similarity));
            configuration.put("normalization", lower(normalization));
            configuration.put("aggregation", aggregation.toString());
            if (reference == null) {
                configuration.putNull("reference");
            } else {
                configuration.put("reference", reference);
            }
            configuration.put("shiftIds", shiftIdCount);
            ObjectNode anchors = root.putObject("anchors");
            anchors.put("count", anchorIds.length);
            anchors.put("file", ANCHOR_IDS);
            anchors.put("sha256", sha256(folder.resolve(ANCHOR_IDS)));
            ArrayNode list = root.putArray("charts");
            for (Map.Entry<String, ChartFit> e : charts.entrySet()) {
                String name = e.getKey();
                ChartFit fit = e.getValue();
                ObjectNode c = list.addObject();
                c.put("name", name);
                c.put("width", fit.anchors().dim());
                Path anchorFile = folder.resolve(name + ".anchors.npy");
                Npy.writeMatrix(anchorFile, fit.anchors().rawVectors(), anchorIds.length, fit.anchors().dim());
                c.set("anchors", file(json, anchorFile));
                if (fit.shift() != null) {
                    Path shiftFile = folder.resolve(name + ".shift.npy");
                    Npy.writeMatrix(shiftFile, fit.shift(), 1, anchorIds.length);
                    c.set("shift", file(json, shiftFile));
                } else {
                    c.putNull("shift");
                }
                if (fit.translation() != null) {
                    Translation t = fit.translation();
                    Path tFile = folder.resolve(name + ".translation.npy");
                    float[] packed = Arrays.copyOf(t.matrix(), (t.inputWidth() + 1) * t.outputWidth());
                    System.arraycopy(t.bias(), 0, packed, t.inputWidth() * t.outputWidth(), t.outputWidth());
                    Npy.writeMatrix(tFile, packed, t.inputWidth() + 1, t.outputWidth());
                    ObjectNode tn = file(json, tFile);
                    tn.put("kind", lower(t.kind()));
                    c.set("translation", tn);
                } else {
                    c.putNull("translation");
                }
            }
            root.set("provenance", json.valueToTree(provenance == null ? Map.of() : provenance));
            try {
                AtomicFiles.writeString(folder.resolve(JSON),
                        json.enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n");
            } catch (JsonProcessingException ex) {
                throw new IllegalStateException(ex);
            }
        });
    }

    /** Writes the model folder with no provenance beyond the format. */
    public void save(Path dir) {
        save(dir, Map.of());
    }

    private static ObjectNode file(ObjectMapper json, Path file) {
        ObjectNode n = json.createObjectNode();
        n.put("file", file.getFileName().toString());
        n.put("sha256", sha256(file));
        return n;
    }

    /**
     * Reads a model folder written by {@link #save}, checking every part.
     *
     * @param dir the model folder
     * @return the model
     * @throws InvalidInputException (input {@code model}) {@code model DIR: WHAT}, one line, for anything
     *     that is not a model this class wrote
     */
    public static AtlasModel load(Path dir) {
        try {
            return read(dir);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(List.of("model"), "model " + dir + ": " + e.getMessage(), e);
        }
    }

    private static AtlasModel read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException(Files.exists(dir) ? "expected a model folder, found a file"
                    : "no such folder: fit one with atlas fit (or AtlasModel.save)");
        }
        Path jsonFile = dir.resolve(JSON);
        JsonNode root;
        try {
            if (!Files.isRegularFile(jsonFile, LinkOption.NOFOLLOW_LINKS)) {
                throw new InvalidInputException(JSON + " is missing (or not a regular file): not a model folder");
            }
            if (Files.size(jsonFile) > 10_000_000) {
                throw new InvalidInputException(JSON + " is larger than 10 MB: not a model folder");
            }
            root = new ObjectMapper().readTree(Files.readString(jsonFile));
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(JSON + " is not valid JSON (" + firstLine(e.getOriginalMessage())
                    + (e.getLocation() == null ? "" : ", line " + e.getLocation().getLineNr()) + ")");
        } catch (IOException e) {
            throw new InvalidInputException(JSON + " cannot be read: " + Reasons.of(e));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException(JSON + ": expected a JSON object, found " + (root == null ? "nothing" : root.getNodeType()));
        }
        String format = text(root, "", "format");
        if (!FORMAT.equals(format)) {
            throw new InvalidInputException(JSON + ": format: expected '" + FORMAT + "', found '"
                    + latentatlas.Text.printable(format, 80) + "'");
        }
        int version = integer(root, "", "formatVersion");
        if (version != FORMAT_VERSION) {
            throw new InvalidInputException(JSON + ": formatVersion: expected " + FORMAT_VERSION + ", found " + version
                    + ": written by another version of latent-atlas");
        }
        JsonNode configuration = object(root, "", "configuration");
        Similarity similarity = enumValue(configuration, "configuration.", "similarity", Similarity.class);
        Normalization normalization = enumValue(configuration, "configuration.", "normalization", Normalization.class);
        String aggregationName = text(configuration, "configuration.", "aggregation");
        Aggregation aggregation;
        try {
            aggregation = Aggregation.parse(aggregationName);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(JSON + ": configuration.aggregation: " + e.getMessage());
        }
        JsonNode referenceNode = configuration.get("reference");
        String reference = referenceNode == null || referenceNode.isNull() ? null : text(configuration, "configuration.", "reference");
        int shiftIds = integer(configuration, "configuration.", "shiftIds");
        JsonNode anchorsNode = object(root, "", "anchors");
        long[] anchorIds = Npy.readLongs(checked(dir, anchorsNode, "anchors", ANCHOR_IDS));
        int count = integer(anchorsNode, "anchors.", "count");
        if (anchorIds.length != count || count < 1) {
            throw new InvalidInputException(ANCHOR_IDS + ": expected " + count + " anchor ids (anchors.count), found "
                    + anchorIds.length);
        }
        JsonNode list = root.get("charts");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new InvalidInputException(JSON + ": charts: expected a non-empty list of charts, found "
                    + (list == null ? "none" : list.getNodeType().toString().toLowerCase(Locale.ROOT)));
        }
        Map<String, ChartFit> charts = new LinkedHashMap<>();
        Iterator<JsonNode> it = list.elements();
        Map<String, Translation> translations = new LinkedHashMap<>();
        boolean anyShift = false;
        boolean allShifts = true;
        while (it.hasNext()) {
            JsonNode c = it.next();
            if (!c.isObject()) {
                throw new InvalidInputException(JSON + ": charts: expected objects, found " + c.getNodeType());
            }
            String name = text(c, "charts.", "name");
            try {
                OutputNames.check("chart name", name);
            } catch (InvalidInputException e) {
                throw new InvalidInputException(JSON + ": charts: " + e.getMessage());
            }
            if (charts.containsKey(name)) {
                throw new InvalidInputException(JSON + ": charts: chart '" + name + "' appears twice");
            }
            int width = integer(c, "charts." + name + ".", "width");
            Npy.Matrix anchors = Npy.readMatrix(checked(dir, c.get("anchors"), "charts." + name + ".anchors",
                    name + ".anchors.npy"));
            if (anchors.rows() != anchorIds.length || anchors.cols() != width) {
                throw new InvalidInputException(name + ".anchors.npy: expected shape (" + anchorIds.length + ", " + width
                        + ") (anchors x the chart's width), found (" + anchors.rows() + ", " + anchors.cols() + ")");
            }
            LatentSpace anchorSpace = LatentSpace.of(name + ".anchors.npy", anchorIds, anchors.data(), width, null);
            RelativeProjector projector = AtlasBuilder.fitChart(name, anchorIds, anchorSpace, similarity, normalization);
            float[] shift = null;
            JsonNode shiftNode = c.get("shift");
            if (shiftNode != null && !shiftNode.isNull()) {
                Npy.Matrix s = Npy.readMatrix(checked(dir, shiftNode, "charts." + name + ".shift", name + ".shift.npy"));
                if (s.rows() != 1 || s.cols() != anchorIds.length) {
                    throw new InvalidInputException(name + ".shift.npy: expected shape (1, " + anchorIds.length
                            + ") (one value per anchor), found (" + s.rows() + ", " + s.cols() + ")");
                }
                for (float v : s.data()) {
                    if (!Float.isFinite(v)) {
                        throw new InvalidInputException(name + ".shift.npy: expected finite values, found " + v);
                    }
                }
                shift = s.data();
                anyShift = true;
            } else {
                allShifts = false;
            }
            JsonNode tNode = c.get("translation");
            if (tNode != null && !tNode.isNull()) {
                translations.put(name, null);
                Npy.Matrix t = Npy.readMatrix(checked(dir, tNode, "charts." + name + ".translation",
                        name + ".translation.npy"));
                if (t.rows() != width + 1) {
                    throw new InvalidInputException(name + ".translation.npy: expected " + (width + 1)
                            + " rows (the chart's width + 1), found " + t.rows());
                }
                Translation.Kind kind = enumValue(tNode, "charts." + name + ".translation.", "kind", Translation.Kind.class);
                float[] w = Arrays.copyOf(t.data(), width * t.cols());
                float[] b = Arrays.copyOfRange(t.data(), width * t.cols(), (width + 1) * t.cols());
                try {
                    translations.put(name, Translation.of(kind, w, b, width, t.cols()));
                } catch (InvalidInputException e) {
                    throw new InvalidInputException(name + ".translation.npy: " + e.getMessage());
                }
            }
            charts.put(name, new ChartFit(anchorSpace, projector, shift, translations.get(name)));
        }
        if (anyShift && !allShifts || aggregation == Aggregation.SHIFTED_MEAN && !allShifts) {
            throw new InvalidInputException(JSON + ": charts: expected a shift for every chart" + (aggregation
                    == Aggregation.SHIFTED_MEAN ? " (aggregation shifted-mean)" : " or none") + ", found "
                    + (anyShift ? "some charts without" : "none"));
        }
        if (aggregation.translates()) {
            if (reference == null || !charts.containsKey(reference)) {
                throw new InvalidInputException(JSON + ": configuration.reference: expected one of the charts "
                        + charts.keySet() + " (aggregation " + aggregation + "), found "
                        + (reference == null ? "none" : "'" + latentatlas.Text.printable(reference, 80) + "'"));
            }
            int dRef = charts.get(reference).anchors().dim();
            for (Map.Entry<String, ChartFit> e : charts.entrySet()) {
                Translation t = e.getValue().translation();
                if (t == null || t.outputWidth() != dRef) {
                    throw new InvalidInputException(e.getKey() + ".translation.npy: expected a translation into the "
                            + dRef + " columns of the reference chart " + reference + ", found "
                            + (t == null ? "none" : t.outputWidth() + " columns"));
                }
            }
        } else if (!translations.isEmpty() || reference != null) {
            throw new InvalidInputException(JSON + ": charts: a translation or a reference chart with aggregation "
                    + aggregation + ", which has none: the file was altered");
        }
        return new AtlasModel(anchorIds, similarity, normalization, aggregation, reference, charts,
                anyShift ? shiftIds : 0);
    }

    /** The file named in {@code node.file}, which must be {@code expected}, exist and have {@code node.sha256}. */
    private static Path checked(Path dir, JsonNode node, String field, String expected) {
        if (node == null || !node.isObject()) {
            throw new InvalidInputException(JSON + ": " + field + ": expected an object with file and sha256, found "
                    + (node == null ? "none" : node.getNodeType().toString().toLowerCase(Locale.ROOT)));
        }
        String file = text(node, field + ".", "file");
        if (!expected.equals(file)) {
            throw new InvalidInputException(JSON + ": " + field + ".file: expected '" + expected + "', found '"
                    + latentatlas.Text.printable(file, 80) + "'");
        }
        Path path = dir.resolve(expected);
        if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidInputException(expected + " is missing (or not a regular file)");
        }
        String want = text(node, field + ".", "sha256");
        String found = sha256(path);
        if (!found.equals(want)) {
            throw new InvalidInputException(expected + " does not match its SHA-256 in " + JSON + " (expected "
                    + latentatlas.Text.printable(want, 80) + ", found " + found + "): the file was altered or damaged");
        }
        return path;
    }

    private static JsonNode object(JsonNode parent, String where, String field) {
        JsonNode n = parent.get(field);
        if (n == null || !n.isObject()) {
            throw new InvalidInputException(JSON + ": " + where + field + ": expected an object, found "
                    + (n == null ? "none" : n.getNodeType().toString().toLowerCase(Locale.ROOT)));
        }
        return n;
    }

    private static String text(JsonNode parent, String where, String field) {
        JsonNode n = parent.get(field);
        if (n == null || !n.isTextual()) {
            throw new InvalidInputException(JSON + ": " + where + field + ": expected a string, found "
                    + (n == null ? "none" : n.getNodeType().toString().toLowerCase(Locale.ROOT)));
        }
        return n.asText();
    }

    private static int integer(JsonNode parent, String where, String field) {
        JsonNode n = parent.get(field);
        if (n == null || !n.isIntegralNumber() || !n.canConvertToInt() || n.asInt() < 0) {
            throw new InvalidInputException(JSON + ": " + where + field + ": expected a non-negative integer, found "
                    + (n == null ? "none" : latentatlas.Text.printable(n.toString(), 40)));
        }
        return n.asInt();
    }

    private static <E extends Enum<E>> E enumValue(JsonNode parent, String where, String field, Class<E> type) {
        String value = text(parent, where, field);
        for (E e : type.getEnumConstants()) {
            if (lower(e).equals(value)) {
                return e;
            }
        }
        throw new InvalidInputException(JSON + ": " + where + field + ": expected one of "
                + Arrays.stream(type.getEnumConstants()).map(AtlasModel::lower).toList() + ", found '"
                + latentatlas.Text.printable(value, 80) + "'");
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    private static String firstLine(String s) {
        String t = String.valueOf(s);
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }

    /** @return the SHA-256 of a file's bytes, in hex */
    static String sha256(Path file) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (var in = Files.newInputStream(file)) {
                byte[] buffer = new byte[1 << 16];
                for (int r; (r = in.read(buffer)) > 0; ) {
                    digest.update(buffer, 0, r);
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file.getFileName() + " is missing");
        } catch (IOException e) {
            throw new InvalidInputException(file.getFileName() + " cannot be read: " + Reasons.of(e));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
