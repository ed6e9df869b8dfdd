package latentatlas.analyses;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import latentatlas.evaluation.Membership;
import latentatlas.evaluation.Routing;
import latentatlas.evaluation.SpaceKind;

import java.util.Map;

/**
 * Every analysis of one space (docs/method.md §6), as written to {@code results.json}. Accuracies and CKA
 * are fractions in [0, 1]; a value that does not apply is absent.
 *
 * @param space the kind of space
 * @param membership the membership rule that decided which charts embed each sample ({@code oracle},
 *                   {@code all}, a label-free rule), or {@code null} for the end-to-end spaces
 * @param labelFree whether the test vectors were built without looking at any label
 * @param rows training and test rows (a naive space has one row per member chart and sample)
 * @param probe probe accuracy, {@code holdout} protocol (train rows -> test rows): {@code total}, and in
 *              the shared-classes setting {@code shared}, {@code novel}
 * @param probePaper probe accuracy, {@code paper} protocol (70/15/15 split of the test rows; shared-classes
 *                   setting only), same keys
 * @param centroid nearest-centroid accuracy (the reference's "KNN"), same keys
 * @param knn cosine 10-nearest-neighbour accuracy, same keys (the quick profile searches the rows of a
 *            seeded sample of training samples: provenance {@code knn_reference_rows})
 * @param separability mean class-pair separability, over pairs with a class of interest (novel classes in
 *                     the shared-classes setting, every class otherwise), on the test rows
 * @param clustering k-means with k = number of classes on the test rows: {@code homogeneity},
 *                   {@code completeness}, {@code v_measure}, {@code mutual_information} (nats),
 *                   {@code silhouette} (of the k-means clusters, on a seeded subsample)
 * @param ckaVsEndToEndRel linear CKA with the end-to-end relative space on the test samples:
 *                         {@code total}, {@code shared}, {@code novel}
 * @param ckaVsEndToEndAbs linear CKA with the end-to-end absolute space, same keys
 * @param ckaVsTaskAbs settings 2 and 3, atlas spaces: linear CKA with the task charts' absolute space
 *                     (each test sample embedded by the chart of its task, oracle), key {@code total}
 * @param ckaDebiasedVsEndToEndRel debiased linear CKA (the unbiased HSIC estimator; near 0 for unrelated
 *                                 spaces, may be slightly negative) with the end-to-end relative space, keys
 *                                 as {@code ckaVsEndToEndRel}
 * @param ckaDebiasedVsEndToEndAbs debiased linear CKA with the end-to-end absolute space
 * @param ckaRbfVsEndToEndRel RBF CKA (Gaussian kernels, bandwidth the median squared distance) with the
 *                            end-to-end relative space, on a seeded subsample of at most
 *                            {@value SpaceAnalyses#RBF_CKA_SAMPLES} test samples (per subset), same keys
 * @param ckaRbfVsEndToEndAbs RBF CKA with the end-to-end absolute space
 * @param routing for a label-free rule, on the test samples: {@code recall} (the chosen charts include
 *                one that has the sample's class), {@code top1} (the most weighted chart has it),
 *                {@code charts} (mean number of charts per sample)
 * @param seconds wall-clock seconds spent on this space's analyses: {@code total} and one key per analysis
 *                ({@code probe}, {@code probe_paper}, {@code centroid}, {@code knn}, {@code separability},
 *                {@code clustering}, {@code cka} (linear and debiased), {@code cka_rbf}); empty when the scores were copied from a space with
 *                identical rows
 *
 * <p>Key order in {@code results.json}: {@code label_free}, {@code probe_paper}, the three CKA keys, then the
 * others in component order, as every earlier version wrote them (Jackson put the renamed keys first),
 * so that files stay byte for byte the same.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"label_free", "probe_paper", "cka_vs_end_to_end_rel", "cka_vs_end_to_end_abs", "cka_vs_task_abs",
        "cka_debiased_vs_end_to_end_rel", "cka_debiased_vs_end_to_end_abs", "cka_rbf_vs_end_to_end_rel",
        "cka_rbf_vs_end_to_end_abs", "space", "membership", "rows", "probe", "centroid", "knn", "separability", "clustering", "routing", "seconds"})
public record SpaceScores(SpaceKind space, String membership, @JsonProperty("label_free") Boolean labelFree,
                          Rows rows, SubsetScores probe, @JsonProperty("probe_paper") SubsetScores probePaper,
                          SubsetScores centroid, SubsetScores knn, Double separability, Clustering clustering,
                          @JsonProperty("cka_vs_end_to_end_rel") SubsetScores ckaVsEndToEndRel,
                          @JsonProperty("cka_vs_end_to_end_abs") SubsetScores ckaVsEndToEndAbs,
                          @JsonProperty("cka_vs_task_abs") SubsetScores ckaVsTaskAbs,
                          @JsonProperty("cka_debiased_vs_end_to_end_rel") SubsetScores ckaDebiasedVsEndToEndRel,
                          @JsonProperty("cka_debiased_vs_end_to_end_abs") SubsetScores ckaDebiasedVsEndToEndAbs,
                          @JsonProperty("cka_rbf_vs_end_to_end_rel") SubsetScores ckaRbfVsEndToEndRel,
                          @JsonProperty("cka_rbf_vs_end_to_end_abs") SubsetScores ckaRbfVsEndToEndAbs,
                          Routing routing, Map<String, Double> seconds) {
    /** @return the name shown in tables, e.g. {@code atlas [oracle]} */
    public String label() {
        return membership == null ? space.externalName() : space.externalName() + " [" + membership + "]";
    }

    /**
     * @param kind the kind of a space whose rows are identical to those these scores were computed on
     * @param mode its membership mode ({@code null} for an end-to-end space)
     * @param routing its routing quality ({@code null} for the oracle and the end-to-end spaces)
     * @return these scores under that kind, membership and routing, with no timings (nothing was
     *         computed for it)
     */
    public SpaceScores copiedFor(SpaceKind kind, Membership mode, Routing routing) {
        return new SpaceScores(kind, mode == null ? null : mode.name(), mode == null ? null : mode.labelFree(), rows,
                probe, probePaper, centroid, knn, separability, clustering, ckaVsEndToEndRel, ckaVsEndToEndAbs,
                ckaVsTaskAbs, ckaDebiasedVsEndToEndRel, ckaDebiasedVsEndToEndAbs, ckaRbfVsEndToEndRel,
                ckaRbfVsEndToEndAbs, routing, Map.of());
    }
}
