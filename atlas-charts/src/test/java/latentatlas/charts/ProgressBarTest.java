package latentatlas.charts;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one rule for progress: a bar only when stderr is a terminal (the launcher's atlas.tty) and not under CI. */
class ProgressBarTest {
    @Test
    void drawsOnlyOnATerminalOutsideCi() {
        assertFalse(ProgressBar.wanted(null, null), "no word from the launcher: not a terminal");
        assertFalse(ProgressBar.wanted("0", null), "the launcher found stderr redirected");
        assertFalse(ProgressBar.wanted("", null));
        assertTrue(ProgressBar.wanted("1", null));
        assertTrue(ProgressBar.wanted("true", ""));
        assertTrue(ProgressBar.wanted("1", "false"), "CI=false is not CI");
        assertFalse(ProgressBar.wanted("1", "true"), "CI wins over a terminal");
        assertFalse(ProgressBar.wanted("1", "1"));
    }

    @Test
    void isSilentWhenStderrIsNotATerminal() {
        String before = System.getProperty(ProgressBar.TTY_PROPERTY);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            System.clearProperty(ProgressBar.TTY_PROPERTY);
            ProgressListener listener = ProgressBar.create(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            assertSame(ProgressListener.NONE, listener);
            listener.onTrainingStart("chart 1", 2, 3);
            listener.onBatch(1, 3, 3, 0.5, 100);
            listener.onTrainingEnd(1, "reached 2 epochs");
            assertEquals("", bytes.toString(StandardCharsets.UTF_8));
        } finally {
            if (before != null) {
                System.setProperty(ProgressBar.TTY_PROPERTY, before);
            }
        }
    }
}
