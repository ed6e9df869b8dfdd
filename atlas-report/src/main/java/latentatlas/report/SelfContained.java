package latentatlas.report;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds what an HTML page would fetch or link outside itself: the values of {@code src}, {@code href},
 * {@code srcset}, {@code poster}, {@code data} and {@code action} attributes of the tags, CSS {@code url(...)}
 * and {@code @import} in style sheets and style attributes, except {@code data:} URIs and in-page anchors ({@code #id}). {@link Document#html}
 * checks its own output with it, so a report page that refers to another file is never written.
 */
public final class SelfContained {
    private static final Pattern ATTRIBUTE = Pattern.compile(
            "\\b(?:src|href|srcset|poster|data|action)\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s>]+))",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern TAG = Pattern.compile("<[A-Za-z][^>]*>");
    private static final Pattern STYLE = Pattern.compile("<style[^>]*>(.*?)</style>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern CSS = Pattern.compile("url\\(\\s*['\"]?([^'\")]*)|@import\\s+['\"]?([^'\";\\s]+)",
            Pattern.CASE_INSENSITIVE);

    private SelfContained() {
    }

    /**
     * @param html a page
     * @return every reference to something outside the page, in order (empty for a self-contained page)
     */
    public static List<String> references(String html) {
        List<String> out = new ArrayList<>();
        Matcher tags = TAG.matcher(html);
        while (tags.find()) { // attributes only inside tags: the page's text has its '<' escaped
            collect(ATTRIBUTE.matcher(tags.group()), out);
            collect(CSS.matcher(tags.group()), out);
        }
        Matcher styles = STYLE.matcher(html);
        while (styles.find()) {
            collect(CSS.matcher(styles.group(1)), out);
        }
        return out;
    }

    private static void collect(Matcher m, List<String> out) {
        while (m.find()) {
            String value = null;
            for (int g = 1; g <= m.groupCount() && value == null; g++) {
                value = m.group(g);
            }
            String v = value == null ? "" : value.strip();
            if (!v.regionMatches(true, 0, "data:", 0, 5) && !v.startsWith("#")) {
                out.add(v);
            }
        }
    }
}
