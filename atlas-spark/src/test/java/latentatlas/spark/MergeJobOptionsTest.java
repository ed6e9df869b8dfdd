package latentatlas.spark;

import latentatlas.InvalidInputException;
import latentatlas.atlas.Aggregation;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The aggregations a partitioned merge can give exactly: mean and first; the others are refused (no Spark needed). */
class MergeJobOptionsTest {
    @Test
    void onlyMeanAndFirstRunOnSpark() {
        MergeJob.builder().optAggregation(Aggregation.MEAN).optAggregation(Aggregation.FIRST);
        for (Aggregation a : List.of(Aggregation.SHIFTED_MEAN, Aggregation.PROCRUSTES, Aggregation.LSTSQ)) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> MergeJob.builder().optAggregation(a));
            assertEquals("aggregation " + a + " is not available on Spark (expected mean or first): merge with atlas"
                    + " merge on one machine", e.getMessage());
            assertEquals(List.of("aggregation"), e.inputs());
        }
    }
}
