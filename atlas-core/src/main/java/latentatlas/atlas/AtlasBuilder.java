package latentatlas.atlas;

import latentatlas.InvalidInputException;
import latentatlas.membership.MembershipWeights;
import latentatlas.relative.Normalization;
import latentatlas.relative.RelativeProjection;
import latentatlas.relative.RelativeProjector;
import latentatlas.relative.RelativeSpace;
import latentatlas.relative.Similarity;
import latentatlas.space.LatentSpace;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The merge recipe of docs/method.md §2, the one every caller uses: several charts' absolute spaces and
 * a set of anchor ids in, the {@link Atlas} out.
 *
 * <p>For every chart {@code t} a relative projector is fitted on the chart's own embeddings of the
 * anchors {@code a_1..a_k} and applied to the chart's rows,
 * {@code rel_t(x)_j = sim(T_t(e_t(x)), T_t(e_t(a_j)))}; with the paper's cosine and no normalization
 * {@code rel_t(x)_j = cos(e_t(x), e_t(a_j))}. The relative spaces are then merged per sample id,
 * <pre>
 *     atlas(x) = sum_{t in T(x)} w_t(x) rel_t(x) / sum_{t in T(x)} w_t(x)
 * </pre>
 * over the charts {@code T(x)} that contain {@code x}: weights 1 by default (the plain mean), or the
 * weights of a membership rule ({@link #optWeights}); {@link Aggregation#FIRST} keeps the first chart's
 * vector instead. Because every chart is described by its similarities to the same anchors, in the same
 * column order, the relative coordinates of different charts are comparable and can be averaged.
 *
 * <p>Checks, with messages that name the quantity: the anchor ids are non-empty and unique, chart names
 * are unique, and every chart embeds every anchor.
 *
 * <p>Usage:
 * <pre>
 * Atlas atlas = AtlasBuilder.builder()
 *         .setAnchors(anchorIds)           // long[]: the anchors' sample ids, in column order
 *         .addChart("a", spaceA)           // each chart's absolute space, anchors included
 *         .addChart("b", spaceB)
 *         .optSimilarity(Similarity.COSINE)
 *         .build();
 *
 * FittedAtlas fitted = AtlasBuilder.builder().setAnchors(anchorIds)
 *         .addChart("a", spaceA).addChart("b", spaceB)
 *         .fit();                          // the fitted projectors and relative spaces
 * RelativeProjector projectorA = fitted.projector("a");
 * Atlas weighted = fitted.merge(membershipWeights);
 * </pre>
 * Fitting ({@link #fit()}) is separate from the fitted, immutable {@link FittedAtlas}; {@link #build()}
 * is {@code fit().merge()}.
 */
public final class AtlasBuilder {
    private long[] anchorIds;
    private final Map<String, Chart> charts = new LinkedHashMap<>();
    private Similarity similarity = Similarity.COSINE;
    private Normalization normalization = Normalization.NONE;
    private Aggregation aggregation = Aggregation.MEAN;
    private MembershipWeights weights;
    private String reference;
    private long[] shiftIds;

    /** A chart's rows to project and the space its anchor embeddings are taken from. */
    private record Chart(LatentSpace rows, LatentSpace anchorEmbeddings) {
    }

    private AtlasBuilder() {
    }

    /** @return an empty builder: {@link #setAnchors} and at least one {@link #addChart} are required */
    public static AtlasBuilder builder() {
        return new AtlasBuilder();
    }

    /**
     * @param anchorIds the anchors' sample ids (required); their order is the atlas' column order
     * @return this builder
     * @throws InvalidInputException when there is no anchor id or an id appears twice
     */
    public AtlasBuilder setAnchors(long[] anchorIds) {
        checkAnchors(anchorIds);
        this.anchorIds = anchorIds.clone();
        return this;
    }

    /**
     * Adds a chart whose space holds both its rows and its embeddings of the anchors.
     *
     * @param name the chart's name, unique in the atlas
     * @param space the chart's absolute embeddings; it must contain every anchor id
     * @return this builder
     * @throws InvalidInputException when the name was given before
     */
    public AtlasBuilder addChart(String name, LatentSpace space) {
        return addChart(name, space, space);
    }

    /**
     * Adds a chart whose anchor embeddings are kept apart from the rows to project (held-out anchors,
     * a split of the samples, one partition of a distributed job).
     *
     * @param name the chart's name, unique in the atlas
     * @param space the rows to project, embedded by the chart
     * @param anchorEmbeddings a space of the same chart that contains every anchor id (it may hold
     *     other rows too)
     * @return this builder
     * @throws InvalidInputException when the name was given before
     */
    public AtlasBuilder addChart(String name, LatentSpace space, LatentSpace anchorEmbeddings) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(anchorEmbeddings, "anchorEmbeddings");
        if (charts.containsKey(name)) {
            throw new InvalidInputException("chart name '" + name + "' is given twice: name every chart once");
        }
        charts.put(name, new Chart(space, anchorEmbeddings));
        return this;
    }

    /** @param similarity the similarity to each anchor (default {@link Similarity#COSINE}, the paper's) */
    public AtlasBuilder optSimilarity(Similarity similarity) {
        this.similarity = Objects.requireNonNull(similarity, "similarity");
        return this;
    }

    /** @param normalization the per-column map fitted on each chart's anchors (default {@link Normalization#NONE}) */
    public AtlasBuilder optNormalization(Normalization normalization) {
        this.normalization = Objects.requireNonNull(normalization, "normalization");
        return this;
    }

    /**
     * @param aggregation how the vectors of one id merge (default {@link Aggregation#MEAN}, the paper's rule;
     *     {@link Aggregation#FIRST} keeps the first chart, in the order added, that contains it;
     *     {@link Aggregation#SHIFTED_MEAN}, {@link Aggregation#PROCRUSTES}, {@link Aggregation#LSTSQ}: see
     *     there and docs/method.md §9)
     */
    public AtlasBuilder optAggregation(Aggregation aggregation) {
        this.aggregation = Objects.requireNonNull(aggregation, "aggregation");
        return this;
    }

    /**
     * @param chart the reference chart of a translation ({@link Aggregation#PROCRUSTES},
     *     {@link Aggregation#LSTSQ}): the atlas lives in its absolute space; default the first chart added
     */
    public AtlasBuilder optReference(String chart) {
        this.reference = Objects.requireNonNull(chart, "reference");
        return this;
    }

    /**
     * @param ids the set S the per-chart shifts are fitted on ({@link Shifts}): ids every chart's rows hold,
     *     e.g. the shared training samples; giving it also fits shifts under other aggregations (they are then
     *     kept in the model, {@link AtlasModel#shift}, but not added). Default with
     *     {@link Aggregation#SHIFTED_MEAN}: every id that all charts' rows hold ({@link Shifts#sharedIds})
     */
    public AtlasBuilder optShiftIds(long[] ids) {
        this.shiftIds = Objects.requireNonNull(ids, "shiftIds").clone();
        return this;
    }

    /**
     * @param weights a weight {@code w_t(x)} per (sample, chart), one column per chart in the order added,
     *     e.g. from a membership rule; the atlas then has the rows of {@code weights.ids()} and each is
     *     averaged over the charts of positive weight (default: weight 1 for every chart holding the id)
     */
    public AtlasBuilder optWeights(MembershipWeights weights) {
        this.weights = Objects.requireNonNull(weights, "weights");
        return this;
    }

    /**
     * Fits every chart's projector on its anchor embeddings and projects its rows.
     *
     * @return the fitted charts, ready to merge
     * @throws InvalidInputException when the anchors or the charts are missing, a chart lacks an anchor,
     *     an anchor has no direction under a directional similarity, weights are combined with
     *     {@link Aggregation#FIRST}, the reference chart is unknown, a translation cannot be fitted
     *     (Procrustes between charts of different widths), or the shift ids are empty or not in every chart
     */
    public FittedAtlas fit() {
        if (anchorIds == null) {
            throw new InvalidInputException(List.of("anchors"), "anchors: expected the anchors' ids (setAnchors), found none");
        }
        if (charts.isEmpty()) {
            throw new InvalidInputException(List.of("spaces"), "charts: expected at least 1 chart (addChart), found 0");
        }
        if (weights != null && !aggregation.averages()) {
            throw new InvalidInputException(List.of("aggregation"), "aggregation: membership weights need a weighted"
                    + " mean, found " + aggregation);
        }
        String ref = null;
        if (aggregation.translates()) {
            ref = reference != null ? reference : charts.keySet().iterator().next();
            if (!charts.containsKey(ref)) {
                throw new InvalidInputException(List.of("reference"), "reference: expected one of the charts "
                        + charts.keySet() + ", found '" + ref + "'");
            }
        }
        Map<String, RelativeProjector> projectors = new LinkedHashMap<>();
        Map<String, LatentSpace> anchorRows = new LinkedHashMap<>();
        List<RelativeSpace> relative = new ArrayList<>();
        charts.forEach((name, chart) -> {
            RelativeProjector projector = fitChart(name, anchorIds, chart.anchorEmbeddings(), similarity, normalization);
            projectors.put(name, projector);
            anchorRows.put(name, chart.anchorEmbeddings().select("anchors of chart " + name, anchorIds));
            relative.add(projector.relative(name, chart.rows()));
        });
        Map<String, float[]> shifts = null;
        long[] s = null;
        if (aggregation == Aggregation.SHIFTED_MEAN || shiftIds != null) {
            s = shiftIds != null ? shiftIds
                    : Shifts.sharedIds(charts.values().stream().map(Chart::rows).toList());
            shifts = Shifts.of(relative, s);
        }
        AtlasModel model = AtlasModel.fitted(anchorIds, similarity, normalization, aggregation, anchorRows, projectors,
                shifts, s == null ? 0 : s.length, ref);
        List<LatentSpace> aligned = new ArrayList<>();
        int t = 0;
        for (Map.Entry<String, Chart> e : charts.entrySet()) {
            aligned.add(model.align(e.getKey(), e.getValue().rows(), relative.get(t++).space()));
        }
        return new FittedAtlas(model, relative, aligned, weights);
    }

    /**
     * @return the atlas, {@code fit().merge()}
     * @throws InvalidInputException as {@link #fit()} and {@link FittedAtlas#merge()} do
     */
    public Atlas build() {
        return fit().merge();
    }

    /**
     * Fits one chart's projector: checks the anchor ids, takes the chart's embeddings of the anchors in
     * anchor order and fits the relative projection on them (docs/method.md §2). The single place where a
     * chart meets its anchors: {@link #fit()} calls it per chart, and so does a distributed job per
     * partition.
     *
     * @param chart the chart's name, for messages
     * @param anchorIds the anchors' ids, in column order: non-empty and unique
     * @param anchorEmbeddings a space of the chart that contains every anchor id
     * @param similarity the similarity to each anchor
     * @param normalization the per-column map fitted on the anchors
     * @return the fitted projector
     * @throws InvalidInputException when the ids are empty or repeated, an anchor is missing from the
     *     chart, or an anchor has no direction under a directional similarity (naming the chart)
     */
    public static RelativeProjector fitChart(String chart, long[] anchorIds, LatentSpace anchorEmbeddings,
                                             Similarity similarity, Normalization normalization) {
        checkAnchors(anchorIds);
        for (long id : anchorIds) {
            if (!anchorEmbeddings.contains(id)) {
                throw new InvalidInputException("chart " + chart + ": anchor id " + id + " is not among its "
                        + anchorEmbeddings.size() + " ids: every chart must embed every anchor");
            }
        }
        LatentSpace anchors = anchorEmbeddings.select("anchors of chart " + chart, anchorIds);
        try {
            return RelativeProjection.fit(anchors, similarity, normalization);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("chart " + chart + ": " + e.getMessage(), e);
        }
    }

    private static void checkAnchors(long[] anchorIds) {
        Objects.requireNonNull(anchorIds, "anchorIds");
        if (anchorIds.length == 0) {
            throw new InvalidInputException("anchor ids: expected at least 1 anchor id, found none");
        }
        Set<Long> seen = new HashSet<>(anchorIds.length * 2);
        for (long id : anchorIds) {
            if (!seen.add(id)) {
                throw new InvalidInputException("anchor id " + id + " appears twice: anchor ids must be unique");
            }
        }
    }
}
