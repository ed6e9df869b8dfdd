package latentatlas.evaluation;

import latentatlas.InvalidInputException;
import latentatlas.membership.AllCharts;
import latentatlas.membership.ChartPredictions;
import latentatlas.membership.MembershipRule;
import latentatlas.membership.MembershipWeights;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MembershipTest {
    @Test
    void theDefaultModesKeepTheirNames() {
        assertEquals(List.of("oracle", "all", "exclusive-claim", "top1-maxprob", "weighted-maxprob-g4"),
                Membership.DEFAULT.stream().map(Membership::name).toList());
        for (Membership m : Membership.DEFAULT) {
            assertEquals(m.name(), Membership.parse(m.name()).name());
            assertEquals(!(m instanceof Membership.Oracle), m.labelFree(), m.name());
        }
        assertSame(Membership.ORACLE, Membership.parse("oracle"));
        assertInstanceOf(AllCharts.class, ((Membership.Rule) Membership.parse("all")).rule());
    }

    @Test
    void parametrisedNamesParseToTheirRule() {
        assertEquals("top3-entropy", Membership.parse("top3-entropy").name());
        assertEquals("weighted-entropy-g0.5", Membership.parse("weighted-entropy-g0.5").name());
        assertEquals("weighted-maxprob", Membership.parse("weighted-maxprob").name(), "gamma 1 is the default");
    }

    @Test
    void unknownNamesAreOneLineErrors() {
        String message = assertThrows(InvalidInputException.class, () -> Membership.parse("top0-maxprob")).getMessage();
        assertTrue(message.startsWith("membership mode 'top0-maxprob' is unknown; expected oracle, all, exclusive-claim"),
                message);
        assertThrows(InvalidInputException.class, () -> Membership.parse("oracles"));
        assertThrows(InvalidInputException.class, () -> Membership.parse("weighted-maxprob-g1.2.3"));
    }

    @Test
    void theOracleReadsTheTaskContentsAndARuleThePredictions() {
        long[] ids = {10, 11, 12};
        List<ChartPredictions> predictions = List.of(
                new ChartPredictions(new int[] {0, 1}, ids, new float[] {0.9f, 0.1f, 0.2f, 0.8f, 0.5f, 0.5f}),
                new ChartPredictions(new int[] {2, 3}, ids, new float[] {0.6f, 0.4f, 0.3f, 0.7f, 0.1f, 0.9f}));
        List<Set<Long>> tasks = List.of(Set.of(10L, 12L), Set.of(11L, 12L));
        MembershipWeights oracle = Membership.ORACLE.on(tasks).assign(predictions);
        assertArrayEquals(new double[] {1, 0, 0, 1, 1, 1}, oracle.weights(), 0.0);
        assertFalse(Membership.ORACLE.labelFree());
        MembershipRule all = Membership.parse("all").on(tasks);
        assertArrayEquals(new double[] {1, 1, 1, 1, 1, 1}, all.assign(predictions).weights(), 0.0);
    }
}
