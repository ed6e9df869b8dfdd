package latentatlas.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A table rendered as Markdown and as HTML. Cells are text, optionally with a {@link Tone} (a claim that
 * holds or fails); {@link #number} formats a value with 3 decimals and shows a missing or non-finite value
 * as an en dash.
 *
 * <p>Layout rules, the same for every table: a column whose every cell (en dashes aside) starts with a
 * number is a number column, right-aligned in HTML (header included); the others are left-aligned. A
 * column marked with {@link #best} has the cells holding its best leading number (highest or lowest; ties
 * all) in bold. A table of more than {@link #COLLAPSE_ROWS} rows is folded in HTML
 * ({@code <details>}, opened with a click), under its {@link #caption}, unless it is kept {@link #open}.
 *
 * <pre>{@code
 * Table t = new Table("space", "probe").best("probe", Table.Best.HIGHEST).id("spaces");
 * t.row("atlas [oracle]", Table.number(0.968)).row(Table.Cell.good("holds"), Table.Cell.of("0.9"));
 * }</pre>
 */
public final class Table {
    /** Tables with more rows than this are folded in HTML. */
    public static final int COLLAPSE_ROWS = 12;
    private static final Pattern LEADING_NUMBER = Pattern.compile("^[+\\-\u2212]?(\\d+(\\.\\d+)?([eE][+-]?\\d+)?)");
    private static final String DASH = "–";

    private final List<String> header;
    private final List<List<Cell>> rows = new ArrayList<>();
    private final Best[] best;
    private String caption;
    private String id;
    private boolean open;

    /** How a cell reads: plain, or the verdict of a claim. */
    public enum Tone {
        /** an ordinary cell */
        PLAIN,
        /** a claim that holds (green in HTML) */
        GOOD,
        /** a claim that fails (red in HTML) */
        BAD
    }

    /** Which value of a column is its best. */
    public enum Best {
        /** the largest */
        HIGHEST,
        /** the smallest */
        LOWEST
    }

    /**
     * @param text the cell's text
     * @param tone how it reads
     */
    public record Cell(String text, Tone tone) {
        /** Checks that both are given. */
        public Cell {
            java.util.Objects.requireNonNull(text, "a cell's text");
            java.util.Objects.requireNonNull(tone, "a cell's tone");
        }

        /** @return a plain cell */
        public static Cell of(String text) {
            return new Cell(text, Tone.PLAIN);
        }

        /** @return a cell of a claim that holds */
        public static Cell good(String text) {
            return new Cell(text, Tone.GOOD);
        }

        /** @return a cell of a claim that fails */
        public static Cell bad(String text) {
            return new Cell(text, Tone.BAD);
        }
    }

    /** @param header the column titles */
    public Table(String... header) {
        this.header = List.of(header);
        this.best = new Best[header.length];
    }

    /**
     * @param cells one cell per column
     * @return this table
     */
    public Table row(String... cells) {
        List<Cell> row = new ArrayList<>(cells.length);
        for (String c : cells) {
            row.add(Cell.of(c));
        }
        return add(row);
    }

    /**
     * @param cells one cell per column
     * @return this table
     */
    public Table row(Cell... cells) {
        return add(List.of(cells));
    }

    private Table add(List<Cell> cells) {
        if (cells.size() != header.size()) {
            throw new IllegalArgumentException(cells.size() + " cells for " + header.size() + " columns");
        }
        rows.add(List.copyOf(cells));
        return this;
    }

    /**
     * Marks the best value of a column in bold.
     *
     * @param column a column title
     * @param direction whether the highest or the lowest value is best
     * @return this table
     */
    public Table best(String column, Best direction) {
        int c = header.indexOf(column);
        if (c < 0) {
            throw new IllegalArgumentException("no column '" + column + "' in " + header);
        }
        best[c] = direction;
        return this;
    }

    /**
     * @param text the caption shown on a folded table (default: the first column's title and the rows)
     * @return this table
     */
    public Table caption(String text) {
        this.caption = text;
        return this;
    }

    /**
     * @param value the HTML id of the table (letters, digits, {@code -})
     * @return this table
     */
    public Table id(String value) {
        if (!value.matches("[A-Za-z][A-Za-z0-9-]*")) {
            throw new IllegalArgumentException("HTML id: expected letters, digits and '-', found '" + value + "'");
        }
        this.id = value;
        return this;
    }

    /**
     * Keeps the table unfolded however long it is (for a table the reader must see, such as a claims matrix).
     *
     * @return this table
     */
    public Table open() {
        this.open = true;
        return this;
    }

    /** @return the number of rows */
    public int size() {
        return rows.size();
    }

    /** @return the text of a cell */
    public String cell(int row, int column) {
        return rows.get(row).get(column).text();
    }

    /** @return {@code value} with 3 decimals, or an en dash when absent or not finite */
    public static String number(Double value) {
        return value == null || !Double.isFinite(value) ? DASH : String.format(Locale.ROOT, "%.3f", value);
    }

    /** @return the number a cell starts with, or NaN */
    static double leadingNumber(String text) {
        Matcher m = LEADING_NUMBER.matcher(text.strip());
        if (!m.find()) {
            return Double.NaN;
        }
        double v = Double.parseDouble(m.group(1));
        char first = text.strip().charAt(0);
        return first == '-' || first == '\u2212' ? -v : v;
    }

    /** @return whether column {@code c} holds numbers (every cell but dashes starts with one, and one at least) */
    boolean numeric(int c) {
        boolean any = false;
        for (List<Cell> r : rows) {
            String text = r.get(c).text().strip();
            if (text.isEmpty() || text.equals(DASH)) {
                continue;
            }
            if (Double.isNaN(leadingNumber(text))) {
                return false;
            }
            any = true;
        }
        return any;
    }

    /** @return per row, whether its cell of column {@code c} holds the column's best value */
    boolean[] bestRows(int c) {
        boolean[] out = new boolean[rows.size()];
        if (best[c] == null) {
            return out;
        }
        double top = Double.NaN;
        for (List<Cell> r : rows) {
            double v = leadingNumber(r.get(c).text());
            if (!Double.isNaN(v) && (Double.isNaN(top) || (best[c] == Best.HIGHEST ? v > top : v < top))) {
                top = v;
            }
        }
        for (int i = 0; i < rows.size(); i++) {
            out[i] = !Double.isNaN(top) && leadingNumber(rows.get(i).get(c).text()) == top;
        }
        return out;
    }

    /** @return the table in GitHub Markdown (numbers right-aligned, best values in bold) */
    public String markdown() {
        StringBuilder b = new StringBuilder();
        b.append("| ").append(String.join(" | ", header.stream().map(Table::markdownCell).toList())).append(" |\n|");
        for (int c = 0; c < header.size(); c++) {
            b.append(numeric(c) ? "---:|" : "---|");
        }
        b.append('\n');
        boolean[][] marked = marks();
        for (int i = 0; i < rows.size(); i++) {
            List<String> cells = new ArrayList<>();
            for (int c = 0; c < header.size(); c++) {
                String text = markdownCell(rows.get(i).get(c).text());
                cells.add(marked[c][i] ? "**" + text + "**" : text);
            }
            b.append("| ").append(String.join(" | ", cells)).append(" |\n");
        }
        return b.toString();
    }

    private static String markdownCell(String text) {
        return text.replace("|", "\\|");
    }

    private boolean[][] marks() {
        boolean[][] marked = new boolean[header.size()][];
        for (int c = 0; c < header.size(); c++) {
            marked[c] = bestRows(c);
        }
        return marked;
    }

    /** @return the table as an HTML {@code <table>}, inside a {@code <details>} when it is long */
    public String html() {
        boolean[] numeric = new boolean[header.size()];
        for (int c = 0; c < header.size(); c++) {
            numeric[c] = numeric(c);
        }
        boolean[][] marked = marks();
        StringBuilder b = new StringBuilder();
        boolean fold = !open && rows.size() > COLLAPSE_ROWS;
        if (fold) {
            b.append("<details><summary>").append(escape(caption != null ? caption : header.get(0)))
                    .append(" (").append(rows.size()).append(" rows; click to show)</summary>\n");
        }
        b.append(id == null ? "<table>\n" : "<table id=\"" + id + "\">\n");
        if (!fold && caption != null) {
            b.append("<caption>").append(escape(caption)).append("</caption>\n");
        }
        b.append("<tr>");
        for (int c = 0; c < header.size(); c++) {
            b.append(numeric[c] ? "<th class=\"num\">" : "<th>").append(escape(header.get(c))).append("</th>");
        }
        b.append("</tr>\n");
        for (int i = 0; i < rows.size(); i++) {
            b.append("<tr>");
            for (int c = 0; c < header.size(); c++) {
                Cell cell = rows.get(i).get(c);
                List<String> classes = new ArrayList<>();
                if (numeric[c]) {
                    classes.add("num");
                }
                if (marked[c][i]) {
                    classes.add("best");
                }
                if (cell.tone() != Tone.PLAIN) {
                    classes.add(cell.tone() == Tone.GOOD ? "good" : "bad");
                }
                b.append(classes.isEmpty() ? "<td>" : "<td class=\"" + String.join(" ", classes) + "\">")
                        .append(escape(cell.text())).append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</table>\n");
        if (fold) {
            b.append("</details>\n");
        }
        return b.toString();
    }

    /** @return {@code text} with HTML's special characters escaped */
    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
