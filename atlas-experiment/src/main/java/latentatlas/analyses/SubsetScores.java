package latentatlas.analyses;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A score on all test samples and on the samples of the shared and of the novel classes (docs/method.md
 * §6): an accuracy (probe, centroid, k-NN) or a linear CKA, a fraction in [0, 1]. A subset that does not
 * apply (no shared classes in the setting, no sample of the subset) is {@code null} and absent from
 * {@code results.json}.
 *
 * @param total on all test samples
 * @param shared on the samples of the shared classes, or {@code null}
 * @param novel on the samples of the novel classes, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubsetScores(double total, Double shared, Double novel) {
    /** @return the score on all test samples alone */
    public static SubsetScores onlyTotal(double total) {
        return new SubsetScores(total, null, null);
    }

    /** @return {@code total}, then {@code shared} and {@code novel} where present, keyed as in {@code results.json} */
    public Map<String, Double> asMap() {
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("total", total);
        if (shared != null) {
            out.put("shared", shared);
        }
        if (novel != null) {
            out.put("novel", novel);
        }
        return out;
    }
}
