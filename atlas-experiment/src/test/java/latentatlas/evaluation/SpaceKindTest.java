package latentatlas.evaluation;

import com.fasterxml.jackson.databind.ObjectMapper;
import latentatlas.InvalidInputException;
import latentatlas.atlas.Aggregation;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpaceKindTest {
    @Test
    void externalNamesAreTheResultsSpelling() throws Exception {
        assertEquals(List.of("end-to-end-abs", "end-to-end-rel", "atlas", "atlas-shifted-mean", "atlas-procrustes",
                        "atlas-lstsq", "naive", "abs+task-onehot", "abs+task-embedding"),
                List.of(SpaceKind.values()).stream().map(SpaceKind::externalName).toList());
        ObjectMapper json = new ObjectMapper();
        for (SpaceKind k : SpaceKind.values()) {
            assertSame(k, SpaceKind.parse(k.externalName()));
            assertEquals('"' + k.externalName() + '"', json.writeValueAsString(k));
            assertSame(k, json.readValue('"' + k.externalName() + '"', SpaceKind.class));
        }
        assertEquals(List.of(SpaceKind.END_TO_END_ABS, SpaceKind.END_TO_END_REL),
                List.of(SpaceKind.values()).stream().filter(SpaceKind::endToEnd).toList());
        for (Aggregation a : List.of(Aggregation.MEAN, Aggregation.SHIFTED_MEAN, Aggregation.PROCRUSTES, Aggregation.LSTSQ)) {
            assertSame(a, SpaceKind.atlasOf(a).aggregation());
            assertTrue(SpaceKind.atlasOf(a).atlas());
        }
        assertSame(SpaceKind.ATLAS, SpaceKind.atlasOf(Aggregation.MEAN));
        assertThrows(IllegalArgumentException.class, () -> SpaceKind.atlasOf(Aggregation.FIRST));
        assertEquals(4, List.of(SpaceKind.values()).stream().filter(SpaceKind::atlas).count());
    }

    @Test
    void anUnknownNameNamesTheExpectedAndTheFound() {
        String message = assertThrows(InvalidInputException.class, () -> SpaceKind.parse("atlases")).getMessage();
        assertTrue(message.startsWith("space kind 'atlases' is unknown; expected one of [end-to-end-abs,"), message);
    }
}
