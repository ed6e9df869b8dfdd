package latentatlas.experiment;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One claim of the paper (docs/method.md §7) set beside our numbers, under one membership mode.
 *
 * @param claim what the paper claims
 * @param paper the paper's numbers
 * @param membership the membership mode our numbers use ({@code oracle} is the paper's protocol)
 * @param ours our numbers
 * @param holds whether the claim holds on our numbers
 * @param margin by how much it holds (positive) or fails (negative; 0 is the edge): the difference the claim
 *               is about, e.g. atlas minus end-to-end probe accuracy, or the smaller of two such
 *               differences for a claim of an order; over seeds its mean gets a t-interval
 *               ({@link SeedSummary})
 * @param marginOf what {@code margin} is, e.g. {@code "atlas - end-to-end"}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"claim", "paper", "membership", "ours", "holds", "margin", "margin_of"})
public record Claim(String claim, String paper, String membership, String ours, boolean holds, double margin,
                    @JsonProperty("margin_of") String marginOf) {
    /** @return this claim under another name */
    Claim named(String name) {
        return new Claim(name, paper, membership, ours, holds, margin, marginOf);
    }
}
