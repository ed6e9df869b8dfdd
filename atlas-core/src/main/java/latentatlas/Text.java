package latentatlas;

/**
 * Makes strings that come from data or from the user (class names read from folder names or label
 * columns, dataset specs, messages that quote them) safe to print on a terminal: no escape sequence can
 * recolour, move the cursor or retitle the window, and nothing can break a one-line message into two.
 *
 * <p>{@link #printable} replaces every control character (Unicode category Cc: C0, DEL, C1), format
 * character (Cf: bidirectional overrides, zero-width characters, the byte-order mark), line and paragraph
 * separator (Zl, Zp) and unpaired surrogate (Cs) by an escape: {@code \xNN} below U+0100, {@code &#92;uXXXX}
 * above (e.g. ESC becomes {@code \x1b}, a newline {@code \x0a}, U+202E {@code &#92;u202e}). Every other
 * character, non-ASCII letters included, is kept. {@link #printable(String, int)} also cuts a long
 * string, so that a hostile name cannot flood a message.
 */
public final class Text {
    private Text() {
    }

    /**
     * @param s any string, or {@code null}
     * @return {@code s} with its unprintable characters escaped (see the class comment); {@code "null"} for null
     */
    public static String printable(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            if (unprintable(Character.getType(cp))) {
                for (char c : Character.toChars(cp)) {
                    out.append(c < 0x100 ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c));
                }
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    /**
     * @param s any string, or {@code null}
     * @param max the most characters (UTF-16 units) of {@code s} to show
     * @return {@link #printable(String)} of the first {@code max} characters of {@code s}, followed by
     *     {@code "... (N characters)"} when {@code s} is longer
     */
    public static String printable(String s, int max) {
        if (s == null || s.length() <= max) {
            return printable(s);
        }
        return printable(s.substring(0, max)) + "... (" + s.length() + " characters)";
    }

    private static boolean unprintable(int type) {
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE;
    }
}
