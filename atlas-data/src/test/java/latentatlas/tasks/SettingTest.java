package latentatlas.tasks;

import latentatlas.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingTest {
    @TempDir
    Path dir;

    @Test
    void externalNamesRoundTripAndPlannersReportTheirSetting() {
        assertEquals(List.of("shared-classes", "disjoint-samples", "disjoint"),
                List.of(Setting.values()).stream().map(Setting::externalName).toList());
        for (Setting s : Setting.values()) {
            assertSame(s, Setting.parse(s.externalName()));
            assertEquals(s.externalName(), s.toString());
        }
        assertSame(Setting.SHARED_CLASSES, new SharedClassesPlanner(3, 2, 9).setting());
        assertSame(Setting.DISJOINT_SAMPLES, DisjointSamplesPlanner.withDefaultMixture(7, 2).setting());
        assertSame(Setting.DISJOINT, new DisjointPlanner(3, 7).setting());
    }

    @Test
    void anUnknownNameNamesTheExpectedAndTheFound() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Setting.parse("shared"));
        assertEquals("setting 'shared' is unknown; expected shared-classes, disjoint-samples or disjoint", e.getMessage());
    }

    @Test
    void planJsonWritesTheExternalNameAndRejectsAnUnknownOne() throws IOException {
        DatasetLabels d = SyntheticLabels.random(4, 10, 1);
        String json = TaskPlanJson.toJson(new DisjointPlanner(2, 3).plan(d, 42));
        assertTrue(json.contains("\"setting\" : \"disjoint\","), json);
        Path file = dir.resolve("plan.json");
        Files.writeString(file, json.replace("\"setting\" : \"disjoint\"", "\"setting\" : \"joint\""));
        String message = assertThrows(InvalidInputException.class, () -> TaskPlanJson.read(file, d)).getMessage();
        assertTrue(message.startsWith(file + ": setting 'joint' is unknown; expected shared-classes"), message);
    }
}
