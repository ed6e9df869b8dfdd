package latentatlas.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A table rendered as Markdown and as HTML. Cells are text; {@link #number} formats a value with 3
 * decimals and shows a missing or non-finite value as an en dash.
 */
public final class Table {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    /** @param header the column titles */
    public Table(String... header) {
        this.header = List.of(header);
    }

    /**
     * @param cells one cell per column
     * @return this table
     */
    public Table row(String... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException(cells.length + " cells for " + header.size() + " columns");
        }
        rows.add(List.of(cells));
        return this;
    }

    /** @return the number of rows */
    public int size() {
        return rows.size();
    }

    /** @return {@code value} with 3 decimals, or an en dash when absent or not finite */
    public static String number(Double value) {
        return value == null || !Double.isFinite(value) ? "–" : String.format(Locale.ROOT, "%.3f", value);
    }

    /** @return the table in GitHub Markdown */
    public String markdown() {
        StringBuilder b = new StringBuilder();
        b.append("| ").append(String.join(" | ", header)).append(" |\n|");
        header.forEach(h -> b.append("---|"));
        b.append('\n');
        for (List<String> r : rows) {
            b.append("| ").append(String.join(" | ", r.stream().map(c -> c.replace("|", "\\|")).toList())).append(" |\n");
        }
        return b.toString();
    }

    /** @return the table as an HTML {@code <table>} */
    public String html() {
        StringBuilder b = new StringBuilder("<table>\n<tr>");
        header.forEach(h -> b.append("<th>").append(escape(h)).append("</th>"));
        b.append("</tr>\n");
        for (List<String> r : rows) {
            b.append("<tr>");
            r.forEach(c -> b.append("<td>").append(escape(c)).append("</td>"));
            b.append("</tr>\n");
        }
        return b.append("</table>\n").toString();
    }

    /** @return {@code text} with HTML's special characters escaped */
    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
