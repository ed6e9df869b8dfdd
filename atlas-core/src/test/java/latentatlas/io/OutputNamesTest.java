package latentatlas.io;

import latentatlas.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OutputNamesTest {
    @Test
    void safeNamesPassUpTo128Characters() {
        for (String name : List.of("a", "resnet-18", "Chart_2.v1+x", "0", "a..b", "x".repeat(128))) {
            assertEquals(name, OutputNames.check("chart name", name));
        }
    }

    @Test
    void namesThatCouldLeaveTheFolderOrHideAreRefused() {
        for (String name : List.of("", ".", "..", "../x", "/abs/x", "a/b", "a\\b", ".hidden", "-rf", "a b", "a\0b",
                "é", "x".repeat(129))) {
            assertThrows(InvalidInputException.class, () -> OutputNames.check("chart name", name), name);
        }
    }

    @Test
    void theMessageShowsTheNameEscaped() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> OutputNames.check("chart name", "a\n\u001b[31m\0"));
        assertEquals("chart name 'a\\n\\u001b[31m\\u0000' cannot be a file name: expected letters, digits and . _ + -"
                + " (at most 128, not starting with . or -)", e.getMessage());
    }
}
