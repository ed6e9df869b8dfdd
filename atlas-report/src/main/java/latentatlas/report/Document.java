package latentatlas.report;

import latentatlas.io.AtomicFiles;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A report made of headings, paragraphs, tables and pictures, written both as Markdown
 * ({@code report.md}) and as a self-contained HTML page ({@code report.html}) that shows the same
 * tables and links the same PNG files.
 */
public final class Document {
    private final String title;
    private final List<String[]> blocks = new ArrayList<>();
    private final List<Table> tables = new ArrayList<>();

    /** @param title the page title */
    public Document(String title) {
        this.title = title;
    }

    /** Adds a section heading (level 2 or 3). */
    public Document heading(int level, String text) {
        blocks.add(new String[] {"h", String.valueOf(level), text});
        return this;
    }

    /** Adds a paragraph of plain text. */
    public Document paragraph(String text) {
        blocks.add(new String[] {"p", text});
        return this;
    }

    /** Adds a table. */
    public Document table(Table table) {
        blocks.add(new String[] {"t", String.valueOf(tables.size())});
        tables.add(table);
        return this;
    }

    /** Adds a picture, by its path relative to the report. */
    public Document image(String caption, String relativePath) {
        blocks.add(new String[] {"i", caption, relativePath});
        return this;
    }

    /** @return the Markdown text */
    public String markdown() {
        StringBuilder b = new StringBuilder("# ").append(title).append("\n\n");
        for (String[] block : blocks) {
            switch (block[0]) {
                case "h" -> b.append("#".repeat(Integer.parseInt(block[1]))).append(' ').append(block[2]).append("\n\n");
                case "p" -> b.append(block[1]).append("\n\n");
                case "t" -> b.append(tables.get(Integer.parseInt(block[1])).markdown()).append('\n');
                default -> b.append("![").append(block[1]).append("](").append(block[2]).append(")\n\n");
            }
        }
        return b.toString();
    }

    /** @return the HTML page */
    public String html() {
        StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
                .append(Table.escape(title)).append("</title>\n<style>body{font-family:sans-serif;max-width:1400px;margin:2em auto;}"
                        + "table{border-collapse:collapse;margin:1em 0;}td,th{border:1px solid #ccc;padding:3px 8px;"
                        + "text-align:right;}td:first-child,th:first-child{text-align:left;}img{max-width:100%;}</style>"
                        + "</head><body>\n<h1>").append(Table.escape(title)).append("</h1>\n");
        for (String[] block : blocks) {
            switch (block[0]) {
                case "h" -> b.append("<h").append(block[1]).append('>').append(Table.escape(block[2])).append("</h")
                        .append(block[1]).append(">\n");
                case "p" -> b.append("<p>").append(Table.escape(block[1])).append("</p>\n");
                case "t" -> b.append(tables.get(Integer.parseInt(block[1])).html());
                default -> b.append("<figure><img src=\"").append(Table.escape(block[2])).append("\" alt=\"")
                        .append(Table.escape(block[1])).append("\"><figcaption>").append(Table.escape(block[1]))
                        .append("</figcaption></figure>\n");
            }
        }
        return b.append("</body></html>\n").toString();
    }

    /** Writes {@code dir/report.md} and {@code dir/report.html}, each atomically. */
    public void write(Path dir) {
        AtomicFiles.writeString(dir.resolve("report.md"), markdown());
        AtomicFiles.writeString(dir.resolve("report.html"), html());
    }
}
