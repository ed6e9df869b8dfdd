package latentatlas.io;

import latentatlas.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutputNamesTest {
    private static final String RULE = "cannot be a file name: expected letters, digits and . _ + - (at most 128,"
            + " not starting with . or -)";

    @Test
    void safeNamesPassUnchanged() {
        for (String name : List.of("a", "atlas", "task-0", "top1-maxprob", "weighted-maxprob-g4", "x.y_z+w", "A9",
                "0", "a..b", "a.", "a" + "b".repeat(127))) {
            assertEquals(name, OutputNames.check("space name", name));
        }
    }

    @Test
    void everyNameThatCouldLeaveTheFolderOrHideIsRefused() {
        List<String> hostile = List.of("", ".", "..", "../x", "../../etc/passwd", "/abs", "/", "a/b", "a\\b", "x/..",
                ".hidden", "-rf", "+x", "_x", "a b", "a\0b", "a\nb", "\u001b[31mred", "a:b", "*", "~", "$HOME",
                "caf\u00e9", "a\u202eb", "a".repeat(129));
        for (String name : hostile) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> OutputNames.check("chart", name),
                    latentatlas.Text.printable(name));
            assertTrue(e.getMessage().startsWith("chart '"), e.getMessage());
            assertTrue(e.getMessage().endsWith(RULE), e.getMessage());
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        }
        assertThrows(InvalidInputException.class, () -> OutputNames.check("chart", null));
    }

    @Test
    void theLengthBoundaryIsExact() {
        OutputNames.check("n", "a".repeat(OutputNames.MAX_LENGTH));
        assertThrows(InvalidInputException.class, () -> OutputNames.check("n", "a".repeat(OutputNames.MAX_LENGTH + 1)));
    }

    @Test
    void theMessageNamesTheFieldAndTheNameWithControlCharactersEscaped() {
        assertEquals("space name '../x' " + RULE, assertThrows(InvalidInputException.class,
                () -> OutputNames.check("space name", "../x")).getMessage());
        assertEquals("chart 'a\\x0ab\\x1b[31m\\x00' " + RULE, assertThrows(InvalidInputException.class,
                () -> OutputNames.check("chart", "a\nb\u001b[31m\0")).getMessage());
        String shown = assertThrows(InvalidInputException.class, () -> OutputNames.check("chart", "x".repeat(5000)))
                .getMessage();
        assertTrue(shown.contains("... (5000 characters)") && shown.length() < 300, shown);
    }

    @Test
    void slugsOfTodaysLabelsAreUnchanged() {
        assertEquals("atlas-oracle", OutputNames.slug("atlas [oracle]"));
        assertEquals("naive-weighted-maxprob-g4", OutputNames.slug("naive [weighted-maxprob-g4]"));
        assertEquals("abs+task-onehot-top1-maxprob", OutputNames.slug("abs+task-onehot [top1-maxprob]"));
        assertEquals("end-to-end-abs", OutputNames.slug("end-to-end-abs"));
        assertEquals("fashion-mnist-small-cnn-seed42-full", OutputNames.slug("fashion-mnist-small-cnn-seed42-full"));
        assertEquals("images-tmp-data-small-cnn", OutputNames.slug("images:/tmp/data-small-cnn"));
    }

    @Test
    void slugsAreAlwaysOneSafeSegment() {
        assertEquals("unnamed", OutputNames.slug(""));
        assertEquals("unnamed", OutputNames.slug(".."));
        assertEquals("unnamed", OutputNames.slug("/"));
        assertEquals("etc-passwd", OutputNames.slug("../../etc/passwd"));
        assertEquals("hidden", OutputNames.slug(".hidden"));
        String long1 = OutputNames.slug("L".repeat(300) + "1");
        String long2 = OutputNames.slug("L".repeat(300) + "2");
        assertEquals(OutputNames.MAX_LENGTH, long1.length());
        assertNotEquals(long1, long2, "long labels stay apart");
        SplittableRandom random = new SplittableRandom(15);
        String alphabet = "./\\-+_ \0\n\u001b:*~$aZ9\u00e9\u202e[]";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            for (int n = random.nextInt(0, i % 50 == 0 ? 400 : 12); n > 0; n--) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String slug = OutputNames.slug(b.toString());
            assertEquals(slug, OutputNames.check("slug", slug));
            Path dir = Path.of("/out");
            assertEquals(dir, dir.resolve(slug).normalize().getParent(), slug);
            assertEquals(slug, OutputNames.slug(b.toString()), "the same label, the same name");
        }
    }
}
