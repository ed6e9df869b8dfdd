package latentatlas.io;

import latentatlas.InvalidInputException;
import latentatlas.Text;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The one validation layer for names that become file or folder names inside an output folder (space
 * names, chart names, membership modes, settings, encoder and split names): a name is one path
 * segment of letters, digits and {@code . _ + -}, at most {@value #MAX_LENGTH} characters, starting
 * with a letter or digit. So it is never empty, never {@code .} or {@code ..}, never absolute, holds
 * no separator, no control character and nothing a shell would expand, and cannot hide as a dot file:
 * a path built as {@code folder.resolve(name + ".npy")} stays inside {@code folder}.
 *
 * <pre>{@code
 * Path file = out.resolve(OutputNames.check("space name", name) + ".npy");
 * Path cache = out.resolve(OutputNames.slug("atlas [oracle]") + ".json");   // atlas-oracle.json
 * }</pre>
 */
public final class OutputNames {
    /** The most characters a name may have. */
    public static final int MAX_LENGTH = 128;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0," + (MAX_LENGTH - 1) + "}");
    /** Characters shown of a refused name before it is cut (so that the error stays one readable line). */
    private static final int SHOWN = 80;

    private OutputNames() {
    }

    /**
     * @param what what the name names, e.g. {@code "space name"}, {@code "chart"}
     * @param name the name (may be {@code null})
     * @return {@code name}, when it is safe as a file name
     * @throws InvalidInputException {@code WHAT 'NAME' cannot be a file name: expected letters, digits and
     *     . _ + - (at most 128, not starting with . or -)}, with the name's control characters escaped
     */
    public static String check(String what, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidInputException(what + " '" + Text.printable(name, SHOWN) + "' cannot be a file name: expected letters,"
                    + " digits and . _ + - (at most " + MAX_LENGTH + ", not starting with . or -)");
        }
        return name;
    }

    /**
     * A file name for a human-chosen label that may hold any character (e.g. {@code "atlas [oracle]"}):
     * every run of characters other than letters, digits and {@code . + -} becomes one {@code -}, leading
     * {@code - . +} and trailing {@code -} are dropped, an empty result is {@code unnamed}, and a result
     * longer than {@value #MAX_LENGTH} keeps its first 115 characters plus {@code -} and 12 hex digits of
     * the label's SHA-256 (so that long labels stay apart). The result always passes {@link #check}: its
     * first character is a letter or digit, so it is neither empty, {@code .} nor {@code ..}, and it holds no
     * separator.
     *
     * @param label any text
     * @return a safe file name, the same for the same label
     */
    public static String slug(String label) {
        String s = label.replaceAll("[^A-Za-z0-9.+-]+", "-").replaceAll("^[-.+]+|-+$", "");
        if (s.isEmpty()) {
            s = "unnamed";
        }
        if (s.length() > MAX_LENGTH) {
            s = s.substring(0, MAX_LENGTH - 13) + "-" + sha256(label).substring(0, 12);
        }
        return check("label slug", s);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
