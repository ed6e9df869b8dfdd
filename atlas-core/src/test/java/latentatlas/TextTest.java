package latentatlas;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class TextTest {
    @Test
    void controlAndFormatCharactersAreEscapedEverythingElseKept() {
        assertEquals("red\\x1b[31m, title \\x1b]0;pwned\\x07", Text.printable("red\u001b[31m, title \u001b]0;pwned\u0007"));
        assertEquals("two\\x0alines\\x0d, tab\\x09, del\\x7f, c1\\x9b", Text.printable("two\nlines\r, tab\t, del\u007f, c1\u009b"));
        assertEquals("bidi \\u202egnp.exe, zero\\u200bwidth, bom \\ufeff, sep \\u2028",
                Text.printable("bidi \u202egnp.exe, zero\u200bwidth, bom \ufeff, sep \u2028"));
        assertEquals("lone \\ud800 surrogate", Text.printable("lone \ud800 surrogate"));
        assertEquals("T-shirt/top, Ankle boot, Éclair, 犬, \uD83D\uDC15 — ok", Text.printable("T-shirt/top, Ankle boot, Éclair, 犬, \uD83D\uDC15 — ok"));
        assertEquals("null", Text.printable(null));
        String plain = "nothing to escape";
        assertEquals(plain, Text.printable(plain));
        assertSame(0, Text.printable("").length());
    }
}
