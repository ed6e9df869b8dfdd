package latentatlas.evaluation;

import com.fasterxml.jackson.databind.ObjectMapper;
import latentatlas.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpaceKindTest {
    @Test
    void externalNamesAreTheResultsSpelling() throws Exception {
        assertEquals(List.of("end-to-end-abs", "end-to-end-rel", "atlas", "naive", "abs+task-onehot", "abs+task-embedding"),
                List.of(SpaceKind.values()).stream().map(SpaceKind::externalName).toList());
        ObjectMapper json = new ObjectMapper();
        for (SpaceKind k : SpaceKind.values()) {
            assertSame(k, SpaceKind.parse(k.externalName()));
            assertEquals('"' + k.externalName() + '"', json.writeValueAsString(k));
            assertSame(k, json.readValue('"' + k.externalName() + '"', SpaceKind.class));
        }
        assertEquals(List.of(SpaceKind.END_TO_END_ABS, SpaceKind.END_TO_END_REL),
                List.of(SpaceKind.values()).stream().filter(SpaceKind::endToEnd).toList());
    }

    @Test
    void anUnknownNameNamesTheExpectedAndTheFound() {
        String message = assertThrows(InvalidInputException.class, () -> SpaceKind.parse("atlases")).getMessage();
        assertTrue(message.startsWith("space kind 'atlases' is unknown; expected one of [end-to-end-abs,"), message);
    }
}
