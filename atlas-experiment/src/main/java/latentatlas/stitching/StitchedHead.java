package latentatlas.stitching;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * One atlas head (a probe trained on the atlas' training rows of one membership mode) and every chart
 * behind it ({@link Stitching}).
 *
 * @param membership the membership mode of the atlas training rows, e.g. {@code oracle} or {@code all}
 * @param headOnAtlas the head on that mode's own atlas test rows (for {@code oracle} built from the
 *     labels, so not deployable), the number the stitched charts are set beside
 * @param charts each task chart behind the head, in task order
 * @param endToEnd the end-to-end chart's relative vectors behind the head
 */
@JsonPropertyOrder({"membership", "head_on_atlas", "charts", "end_to_end"})
public record StitchedHead(String membership, @JsonProperty("head_on_atlas") ClassAccuracy headOnAtlas,
                           List<StitchedChart> charts, @JsonProperty("end_to_end") StitchedChart endToEnd) {
}
