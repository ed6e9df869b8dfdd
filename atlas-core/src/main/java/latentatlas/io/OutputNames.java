package latentatlas.io;

import latentatlas.InvalidInputException;

import java.util.regex.Pattern;

/**
 * The rule for names that become file names (a chart name read from a table, a space name): letters,
 * digits and {@code . _ + -}, at most 128 characters, not starting with {@code .} or {@code -}. Such a
 * name has no separator, is never {@code .} or {@code ..}, and so never leads outside its folder.
 */
public final class OutputNames {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,127}");

    private OutputNames() {
    }

    /**
     * @param what what the name is, for the message (e.g. {@code "chart name"})
     * @param name the name to use as (part of) a file name
     * @return the name
     * @throws InvalidInputException when the name is outside the rule; the message shows it escaped
     */
    public static String check(String what, String name) {
        if (name == null || !SAFE.matcher(name).matches()) {
            throw new InvalidInputException(what + " '" + escaped(name) + "' cannot be a file name: expected letters,"
                    + " digits and . _ + - (at most 128, not starting with . or -)");
        }
        return name;
    }

    /** @return the name with every character outside printable ASCII written as a Java escape */
    private static String escaped(String name) {
        if (name == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (char c : name.toCharArray()) {
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c >= 0x20 && c < 0x7f) {
                        out.append(c);
                    } else {
                        out.append(String.format("\\u%04x", (int) c));
                    }
                }
            }
        }
        return out.toString();
    }
}
