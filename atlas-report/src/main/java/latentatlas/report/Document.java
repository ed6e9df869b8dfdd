package latentatlas.report;

import latentatlas.io.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A report made of headings, paragraphs, summaries, notes, tables and pictures ({@link Block}s, in order),
 * written both as Markdown ({@code report.md}, pictures linked as files beside it) and as one
 * self-contained HTML page ({@code report.html}): its styles are in the page and its pictures are
 * embedded as {@code data:image/png;base64} URIs, so the page refers to no other file and opens the
 * same when moved or mailed.
 *
 * <pre>{@code
 * Document doc = new Document("latent-atlas: fashion-mnist")
 *         .add(new Document.Summary("What held", List.of("shared-classes, oracle: atlas 0.968 > end-to-end 0.900.")))
 *         .table(new Table("space", "probe").row("atlas", "0.968"))
 *         .image("2-D PCA", "figures/pca.png");
 * doc.write(Path.of("runs/paper"));   // report.md (links figures/pca.png) and report.html (embeds it)
 * }</pre>
 */
public final class Document {
    private final String title;
    private final List<Block> blocks = new ArrayList<>();

    /** One part of a document, rendered in Markdown and in HTML. */
    public sealed interface Block {
        /** @return the block in Markdown, with the blank line that ends it */
        String markdown();

        /**
         * @param base the folder the document is written to (pictures are read relative to it)
         * @return the block in HTML
         */
        String html(Path base);
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
        public String html(Path base) {
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
        public String html(Path base) {
            return "<p>" + Table.escape(text) + "</p>\n";
        }
    }

    /**
     * A framed note that stands out from the text (e.g. "single seed: no interval").
     *
     * @param text plain text
     */
    public record Note(String text) implements Block {
        @Override
        public String markdown() {
            return "> " + text + "\n\n";
        }

        @Override
        public String html(Path base) {
            return "<p class=\"note\">" + Table.escape(text) + "</p>\n";
        }
    }

    /**
     * The verdict at the top of a report: a framed box with a title and one sentence per item; HTML id
     * {@code summary}.
     *
     * @param title the box's title
     * @param items the sentences, in order
     */
    public record Summary(String title, List<String> items) implements Block {
        /** Copies the items. */
        public Summary {
            items = List.copyOf(items);
        }

        @Override
        public String markdown() {
            StringBuilder b = new StringBuilder("## ").append(title).append("\n\n");
            items.forEach(i -> b.append("- ").append(i).append('\n'));
            return b.append('\n').toString();
        }

        @Override
        public String html(Path base) {
            StringBuilder b = new StringBuilder("<section class=\"summary\" id=\"summary\">\n<h2>")
                    .append(Table.escape(title)).append("</h2>\n<ul>\n");
            items.forEach(i -> b.append("<li>").append(Table.escape(i)).append("</li>\n"));
            return b.append("</ul>\n</section>\n").toString();
        }
    }

    /** @param table a table, rendered as it stands when the document is rendered */
    public record TableBlock(Table table) implements Block {
        @Override
        public String markdown() {
            return table.markdown() + '\n';
        }

        @Override
        public String html(Path base) {
            return table.html();
        }
    }

    /**
     * A PNG picture: linked in Markdown, embedded in HTML as a {@code data:} URI (the file must exist
     * when the HTML is rendered).
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
        public String html(Path base) {
            Path file = base.resolve(relativePath);
            byte[] png;
            try {
                png = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot embed the picture " + file + " in the report: " + e.getMessage(), e);
            }
            return "<figure><img src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(png) + "\" alt=\""
                    + Table.escape(caption) + "\"><figcaption>" + Table.escape(caption) + "</figcaption></figure>\n";
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

    /** Adds a framed note. */
    public Document note(String text) {
        return add(new Note(text));
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

    /**
     * The page's style sheet: text left, numbers right (tabular figures), the best value of a column in
     * bold on a light yellow, claims that hold on green and that fail on red, the summary framed in blue.
     */
    static final String STYLE = "body{font-family:sans-serif;max-width:1400px;margin:2em auto;padding:0 1em;color:#222;"
            + "line-height:1.4;}table{border-collapse:collapse;margin:0.5em 0 1.5em;font-size:14px;}"
            + "td,th{border:1px solid #ccc;padding:3px 8px;text-align:left;vertical-align:top;}th{background:#f2f2f2;}"
            + ".num{text-align:right;font-variant-numeric:tabular-nums;}td.best{font-weight:bold;background:#fff4c2;}"
            + "td.good{background:#dff3dc;}td.bad{background:#fadcd9;}caption{text-align:left;font-style:italic;}"
            + ".summary{border:2px solid #3d6fb0;background:#f3f7fd;padding:0.2em 1.2em 0.6em;margin:1em 0 1.5em;}"
            + ".note{border-left:4px solid #d9a400;background:#fffaf0;padding:0.4em 0.8em;}"
            + "details{margin:0.5em 0 1.5em;}summary{cursor:pointer;color:#3d6fb0;}"
            + "figure{margin:1em 0;}img{max-width:100%;}";

    /**
     * @param base the folder the page is written to; pictures are read relative to it and embedded
     * @return the HTML page, referring to no other file (checked: {@link SelfContained})
     * @throws IllegalStateException if a block put a reference to another file in the page
     */
    public String html(Path base) {
        StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
                .append(Table.escape(title)).append("</title>\n<style>").append(STYLE).append("</style>"
                        + "</head><body>\n<h1>").append(Table.escape(title)).append("</h1>\n");
        blocks.forEach(block -> b.append(block.html(base)));
        String page = b.append("</body></html>\n").toString();
        List<String> outside = SelfContained.references(page);
        if (!outside.isEmpty()) {
            throw new IllegalStateException("the page '" + title + "' refers to files outside itself: " + outside);
        }
        return page;
    }

    /** Writes {@code dir/report.md} and {@code dir/report.html}, each atomically. */
    public void write(Path dir) {
        write(dir, "report");
    }

    /** Writes {@code dir/NAME.md} and {@code dir/NAME.html}, each atomically; pictures are read relative to {@code dir}. */
    public void write(Path dir, String name) {
        AtomicFiles.writeString(dir.resolve(name + ".md"), markdown());
        AtomicFiles.writeString(dir.resolve(name + ".html"), html(dir));
    }
}
