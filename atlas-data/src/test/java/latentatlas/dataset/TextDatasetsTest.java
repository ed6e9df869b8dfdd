package latentatlas.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import latentatlas.InvalidInputException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static latentatlas.dataset.IdxReaderTest.assertOneLine;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** CLINC150 and Banking77 from the shared data folder, against text_intents_reference.json (Python). */
class TextDatasetsTest {
    private static JsonNode reference;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadReference() throws IOException {
        try (InputStream in = TextDatasetsTest.class.getResourceAsStream("/fixtures/text_intents_reference.json")) {
            reference = new ObjectMapper().readTree(in);
        }
    }

    @Test
    @Tag("real-data")
    void clinc150MatchesThePythonReference() {
        DatasetStatus status = Datasets.status("clinc150");
        assumeTrue(status.found(), status.reason());
        JsonNode r = reference.get("clinc150");
        Dataset d = Datasets.open("clinc150");
        assertEquals(150, d.classCount());
        assertEquals(15000, d.train().size());
        assertEquals(4500, d.test().size());
        assertEquals(3000, d.extraSplits().get("validation").size());
        assertEquals(r.get("firstClassName").asText(), d.classes().get(0));
        assertEquals(r.get("lastClassName").asText(), d.classes().get(149));
        assertEquals(r.get("firstTrainText").asText(), d.train().texts()[0]);
        assertEquals(r.get("firstTrainLabel").asInt(), d.train().labels()[0]);
        assertEquals(r.get("firstTestLabel").asInt(), d.test().labels()[0]);
        assertEquals(r.get("firstValidationLabel").asInt(), d.extraSplits().get("validation").labels()[0]);
        assertEquals(r.get("trainLabelSum").asLong(), Arrays.stream(d.train().labels()).asLongStream().sum());
        assertEquals(r.get("fingerprint").asText(), d.fingerprint());
        assertEquals(15000, d.test().ids()[0]);
        assertEquals(19500, d.extraSplits().get("validation").ids()[0]);
        assertFalse(d.isImages());
    }

    @Test
    @Tag("real-data")
    void banking77MatchesThePythonReference() {
        DatasetStatus status = Datasets.status("banking77");
        assumeTrue(status.found(), status.reason());
        JsonNode r = reference.get("banking77");
        Dataset d = Datasets.open("banking77");
        assertEquals(77, d.classCount());
        assertEquals(10003, d.train().size());
        assertEquals(3080, d.test().size());
        assertEquals(r.get("firstTrainText").asText(), d.train().texts()[0]);
        assertEquals(r.get("firstTrainLabel").asInt(), d.train().labels()[0]);
        assertEquals(r.get("multiLineTexts").asLong(), Arrays.stream(d.train().texts()).filter(t -> t.contains("\n")).count()
                + Arrays.stream(d.test().texts()).filter(t -> t.contains("\n")).count());
        assertEquals(r.get("trainLabelSum").asLong(), Arrays.stream(d.train().labels()).asLongStream().sum());
        assertEquals(r.get("testLabelSum").asLong(), Arrays.stream(d.test().labels()).asLongStream().sum());
        assertEquals(r.get("fingerprint").asText(), d.fingerprint());
    }

    @Test
    void banking77FormatOnSmallFiles() throws IOException {
        Files.writeString(dir.resolve("categories.json"), "[\"b\", \"a\"]");
        Files.writeString(dir.resolve("train.csv"), "text,category\r\n\"hi, \"\"you\"\"\nthere\",a\r\nplain,b\r\n");
        Files.writeString(dir.resolve("test.csv"), "text,category\nx,b");
        Dataset d = Datasets.open("banking77:" + dir);
        assertEquals(List.of("b", "a"), d.classes());
        assertArrayEquals(new String[] {"hi, \"you\"\nthere", "plain"}, d.train().texts());
        assertArrayEquals(new int[] {1, 0}, d.train().labels());
        assertArrayEquals(new long[] {2}, d.test().ids());

        Files.writeString(dir.resolve("test.csv"), "text,category\nx,c\n");
        assertOneLine(assertThrows(InvalidInputException.class, () -> Datasets.open("banking77:" + dir)),
                "test.csv: record 1 has intent 'c', which is not one of the 2 classes");
        Files.writeString(dir.resolve("test.csv"), "text,category\n\"x,b\n");
        assertOneLine(assertThrows(InvalidInputException.class, () -> Datasets.open("banking77:" + dir)),
                "test.csv: line 2: quoted field never closed");
        Files.writeString(dir.resolve("test.csv"), "sentence,label\nx,b\n");
        assertOneLine(assertThrows(InvalidInputException.class, () -> Datasets.open("banking77:" + dir)),
                "expected the header 'text,category', found 'sentence,label'");
        Files.writeString(dir.resolve("test.csv"), "text,category\nx,b,extra\n");
        assertOneLine(assertThrows(InvalidInputException.class, () -> Datasets.open("banking77:" + dir)),
                "record 1 has 3 fields, expected 2");
    }

    @Test
    void clinc150FormatOnSmallFiles() throws IOException {
        Files.writeString(dir.resolve("data_full.json"), "{\"train\": [[\"s1\", \"zz\"], [\"s2\", \"aa\"]],"
                + " \"val\": [[\"v\", \"zz\"]], \"test\": [[\"t\", \"aa\"]], \"oos_train\": [[\"o\", \"oos\"]]}");
        Dataset d = Datasets.open("clinc150:" + dir);
        assertEquals(List.of("aa", "zz"), d.classes(), "classes sorted by name");
        assertArrayEquals(new int[] {1, 0}, d.train().labels());
        assertArrayEquals(new long[] {3}, d.extraSplits().get("validation").ids());

        Files.writeString(dir.resolve("data_full.json"), "{\"train\": [[\"s1\", \"zz\"]], \"val\": [], \"test\": [[\"t\", \"qq\"]]}");
        assertOneLine(assertThrows(InvalidInputException.class, () -> Datasets.open("clinc150:" + dir)),
                "test[0] has intent 'qq', which is not one of the 1 classes");
        Files.writeString(dir.resolve("data_full.json"), "{\"train\": [[\"s1\"]]");
        assertOneLine(assertThrows(InvalidInputException.class, () -> Datasets.open("clinc150:" + dir)),
                "data_full.json: not valid JSON");
        Files.writeString(dir.resolve("data_full.json"), "{\"train\": [[\"s1\", 3]], \"val\": [], \"test\": []}");
        assertOneLine(assertThrows(InvalidInputException.class, () -> Datasets.open("clinc150:" + dir)),
                "train[0] is not a [sentence, intent] pair");
    }
}
