package latentatlas.experiment;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One claim of the paper (docs/method.md §7) set beside our numbers, under one membership mode.
 *
 * @param claim what the paper claims
 * @param paper the paper's numbers
 * @param membership the membership mode our numbers use ({@code oracle} is the paper's protocol)
 * @param ours our numbers
 * @param holds whether the claim holds on our numbers
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Claim(String claim, String paper, String membership, String ours, boolean holds) {
}
