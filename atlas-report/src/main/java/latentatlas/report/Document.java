package latentatlas.report;

import latentatlas.io.AtomicFiles;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A report made of headings, paragraphs, tables and pictures ({@link Block}s, in order), written both as
 * Markdown ({@code report.md}) and as a self-contained HTML page ({@code report.html}) that shows the same
 * tables and links the same PNG files.
 */
public final class Document {
    private final String title;
    private final List<Block> blocks = new ArrayList<>();

    /** One part of a document, rendered in Markdown and in HTML. */
    public sealed interface Block {
        /** @return the block in Markdown, with the blank line that ends it */
        String markdown();

        /** @return the block in HTML */
        String html();
    }

    /**
     * A section heading.
     *
     * @param level 2 or 3
     * @param text the heading
     */
    public record Heading(int level, String text) implements Block {
        @Override
        public String markdown() {
            return "#".repeat(level) + ' ' + text + "\n\n";
        }

        @Override
        public String html() {
            return "<h" + level + '>' + Table.escape(text) + "</h" + level + ">\n";
        }
    }

    /** @param text plain text */
    public record Paragraph(String text) implements Block {
        @Override
        public String markdown() {
            return text + "\n\n";
        }

        @Override
        public String html() {
            return "<p>" + Table.escape(text) + "</p>\n";
        }
    }

    /** @param table a table, rendered as it stands when the document is rendered */
    public record TableBlock(Table table) implements Block {
        @Override
        public String markdown() {
            return table.markdown() + '\n';
        }

        @Override
        public String html() {
            return table.html();
        }
    }

    /**
     * A picture.
     *
     * @param caption the caption (also the alternative text)
     * @param relativePath the picture's path relative to the report
     */
    public record Figure(String caption, String relativePath) implements Block {
        @Override
        public String markdown() {
            return "![" + caption + "](" + relativePath + ")\n\n";
        }

        @Override
        public String html() {
            return "<figure><img src=\"" + Table.escape(relativePath) + "\" alt=\"" + Table.escape(caption)
                    + "\"><figcaption>" + Table.escape(caption) + "</figcaption></figure>\n";
        }
    }

    /** @param title the page title */
    public Document(String title) {
        this.title = title;
    }

    /** Adds a block. */
    public Document add(Block block) {
        blocks.add(block);
        return this;
    }

    /** Adds a section heading (level 2 or 3). */
    public Document heading(int level, String text) {
        return add(new Heading(level, text));
    }

    /** Adds a paragraph of plain text. */
    public Document paragraph(String text) {
        return add(new Paragraph(text));
    }

    /** Adds a table. */
    public Document table(Table table) {
        return add(new TableBlock(table));
    }

    /** Adds a picture, by its path relative to the report. */
    public Document image(String caption, String relativePath) {
        return add(new Figure(caption, relativePath));
    }

    /** @return the blocks, in order */
    public List<Block> blocks() {
        return List.copyOf(blocks);
    }

    /** @return the Markdown text */
    public String markdown() {
        StringBuilder b = new StringBuilder("# ").append(title).append("\n\n");
        blocks.forEach(block -> b.append(block.markdown()));
        return b.toString();
    }

    /** @return the HTML page */
    public String html() {
        StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
                .append(Table.escape(title)).append("</title>\n<style>body{font-family:sans-serif;max-width:1400px;margin:2em auto;}"
                        + "table{border-collapse:collapse;margin:1em 0;}td,th{border:1px solid #ccc;padding:3px 8px;"
                        + "text-align:right;}td:first-child,th:first-child{text-align:left;}img{max-width:100%;}</style>"
                        + "</head><body>\n<h1>").append(Table.escape(title)).append("</h1>\n");
        blocks.forEach(block -> b.append(block.html()));
        return b.append("</body></html>\n").toString();
    }

    /** Writes {@code dir/report.md} and {@code dir/report.html}, each atomically. */
    public void write(Path dir) {
        AtomicFiles.writeString(dir.resolve("report.md"), markdown());
        AtomicFiles.writeString(dir.resolve("report.html"), html());
    }
}
