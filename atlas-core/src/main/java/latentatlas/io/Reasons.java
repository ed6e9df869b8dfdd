package latentatlas.io;

import java.io.EOFException;
import java.nio.file.NoSuchFileException;

/**
 * Why a saved file could not be read back, in a few words on one line, for the messages and warnings that
 * name a damaged file ({@code weights.params: ends early (truncated)}): the first line of the message
 * (a JSON parser puts its location and source excerpt on the next ones), control characters replaced, at
 * most 160 characters.
 */
public final class Reasons {
    private static final int MAX_CHARS = 160;

    private Reasons() {
    }

    /**
     * @param e what reading the file threw
     * @return the reason, e.g. {@code ends early (truncated)}, {@code missing},
     *     {@code Unexpected end-of-input in field name}
     */
    public static String of(Throwable e) {
        if (e instanceof EOFException) {
            return "ends early (truncated)";
        }
        if (e instanceof NoSuchFileException) {
            return "missing";
        }
        String m = e.getMessage();
        m = m == null || m.isBlank() ? e.getClass().getSimpleName() : m.strip();
        int eol = m.indexOf('\n');
        m = (eol < 0 ? m : m.substring(0, eol)).replaceAll("\\p{Cntrl}", "?");
        return m.length() <= MAX_CHARS ? m : m.substring(0, MAX_CHARS) + "...";
    }
}
