package latentatlas.io;

import latentatlas.InvalidInputException;
import latentatlas.Text;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The header of an {@code .npy} file: a Python dict literal, parsed as {@code ast.literal_eval} would
 * for the literals such a header may hold (strings, integers, {@code True}, {@code False},
 * {@code None}, tuples, lists, dicts), more strictly: no duplicate keys, non-string keys, expressions,
 * or nesting deeper than {@value #MAX_DEPTH}. Values become {@link String}, {@link BigInteger},
 * {@link Boolean}, {@link #NONE}, {@link Tuple}, {@link List} and {@link Map}.
 */
final class HeaderDict {
    /** Python's {@code None}. */
    static final Object NONE = new Object() {
        @Override
        public String toString() {
            return "None";
        }
    };

    /** Deeper nesting is refused (a header is flat; this bounds the recursion). */
    static final int MAX_DEPTH = 16;

    /** A Python tuple. */
    record Tuple(List<Object> items) {
    }

    private final String file;
    private final String text;
    private final boolean longSuffix;
    private int at;

    private HeaderDict(String file, String text, boolean longSuffix) {
        this.file = file;
        this.text = text;
        this.longSuffix = longSuffix;
    }

    /**
     * @param file the file (or archive member), for messages
     * @param text the header text
     * @param longSuffix whether integers may end in {@code L} (Python 2 headers, versions 1.0 and 2.0)
     * @return the dict, keys in file order
     * @throws InvalidInputException when the text is not a dict literal
     */
    static Map<String, Object> parse(String file, String text, boolean longSuffix) {
        HeaderDict parser = new HeaderDict(file, text, longSuffix);
        parser.space();
        Object value = parser.value(0);
        parser.space();
        if (parser.at < text.length()) {
            throw parser.error("the end of the header");
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new InvalidInputException(file + ": .npy header: expected a Python dict literal {'descr': ...,"
                    + " 'fortran_order': ..., 'shape': ...}, found " + describe(value));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> dict = (Map<String, Object>) map;
        return dict;
    }

    /** @return a Python-like rendering of a parsed value, at most about 80 characters, printable */
    static String describe(Object value) {
        String text;
        if (value instanceof String s) {
            text = "'" + s + "'";
        } else if (value instanceof Boolean b) {
            text = b ? "True" : "False";
        } else if (value instanceof Tuple t) {
            text = "(" + t.items().stream().map(HeaderDict::describe).collect(Collectors.joining(", "))
                    + (t.items().size() == 1 ? ",)" : ")");
        } else if (value instanceof List<?> l) {
            text = "[" + l.stream().map(HeaderDict::describe).collect(Collectors.joining(", ")) + "]";
        } else if (value instanceof Map<?, ?> m) {
            text = "{" + m.entrySet().stream().map(e -> describe(e.getKey()) + ": " + describe(e.getValue()))
                    .collect(Collectors.joining(", ")) + "}";
        } else {
            text = String.valueOf(value);
        }
        return Text.printable(text, 80);
    }

    private Object value(int depth) {
        if (depth > MAX_DEPTH) {
            throw new InvalidInputException(file + ": .npy header: nested deeper than " + MAX_DEPTH
                    + " levels: not a header numpy writes");
        }
        if (at >= text.length()) {
            throw error("a value");
        }
        char c = text.charAt(at);
        if (c == '{') {
            return dict(depth);
        }
        if (c == '(' || c == '[') {
            return sequence(depth, c == '(' ? ')' : ']');
        }
        if (c == '\'' || c == '"') {
            return string(c);
        }
        if (c == '-' || c == '+' || Character.isDigit(c)) {
            return integer();
        }
        for (String word : new String[] {"True", "False", "None"}) {
            if (text.startsWith(word, at) && !identifierAt(at + word.length())) {
                at += word.length();
                return word.equals("None") ? NONE : Boolean.valueOf(word.equals("True"));
            }
        }
        throw error("a literal (a string, an integer, True, False, None, a tuple, a list or a dict)");
    }

    private Map<String, Object> dict(int depth) {
        at++;
        Map<String, Object> map = new LinkedHashMap<>();
        space();
        while (!peek('}')) {
            Object key = value(depth + 1);
            if (!(key instanceof String name)) {
                throw new InvalidInputException(file + ": .npy header: expected string keys, found "
                        + describe(key));
            }
            space();
            expect(':');
            space();
            Object value = value(depth + 1);
            if (map.put(name, value) != null) {
                throw new InvalidInputException(file + ": .npy header: the key '" + Text.printable(name, 80)
                        + "' appears twice");
            }
            space();
            if (!peek('}')) {
                expect(',');
                space();
            }
        }
        at++;
        return map;
    }

    private Object sequence(int depth, char close) {
        at++;
        List<Object> items = new ArrayList<>();
        boolean comma = false;
        space();
        while (!peek(close)) {
            items.add(value(depth + 1));
            space();
            comma = false;
            if (!peek(close)) {
                expect(',');
                comma = true;
                space();
            }
        }
        at++;
        if (close == ')' && items.size() == 1 && !comma) {
            return items.get(0);
        }
        return close == ')' ? new Tuple(List.copyOf(items)) : items;
    }

    private String string(char quote) {
        StringBuilder sb = new StringBuilder();
        at++;
        while (at < text.length() && text.charAt(at) != quote && text.charAt(at) != '\n') {
            char c = text.charAt(at++);
            if (c == '\\' && at < text.length()) {
                c = text.charAt(at++);
            }
            sb.append(c);
        }
        if (at >= text.length() || text.charAt(at) != quote) {
            throw error("the closing quote " + quote);
        }
        at++;
        return sb.toString();
    }

    private BigInteger integer() {
        int begin = at;
        if (text.charAt(at) == '-' || text.charAt(at) == '+') {
            at++;
            space();
        }
        int digits = at;
        while (at < text.length() && Character.isDigit(text.charAt(at)) && text.charAt(at) < 0x80) {
            at++;
        }
        if (at == digits) {
            at = begin;
            throw error("an integer");
        }
        if (at - digits > 100) {
            at = digits;
            throw error("an integer of at most 100 digits");
        }
        BigInteger value = new BigInteger(text.substring(digits, at));
        if (longSuffix && at < text.length() && (text.charAt(at) == 'L' || text.charAt(at) == 'l')) {
            at++;
        }
        if (identifierAt(at) || peek('.')) {
            throw error("an integer");
        }
        return text.charAt(begin) == '-' ? value.negate() : value;
    }

    private boolean identifierAt(int index) {
        return index < text.length() && (Character.isLetterOrDigit(text.charAt(index)) || text.charAt(index) == '_');
    }

    private boolean peek(char c) {
        return at < text.length() && text.charAt(at) == c;
    }

    private void expect(char c) {
        if (!peek(c)) {
            throw error("'" + c + "'");
        }
        at++;
    }

    private void space() {
        while (at < text.length() && " \t\n\r\f".indexOf(text.charAt(at)) >= 0) {
            at++;
        }
    }

    private InvalidInputException error(String expected) {
        String found = at >= text.length() ? "the end of the header"
                : "'" + Text.printable(text.substring(at, Math.min(text.length(), at + 20)).strip(), 80) + "'";
        return new InvalidInputException(file + ": malformed .npy header (not a Python dict literal): at character "
                + at + " expected " + expected + ", found " + found);
    }
}
