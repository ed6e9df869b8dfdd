package latentatlas.report;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The Markdown and HTML of every kind of block, written out by hand. */
class DocumentTest {
    private static Document sample() {
        Table t = new Table("space", "probe");
        Document doc = new Document("R & D").heading(2, "Spaces <all>").paragraph("a \"quoted\" | text").table(t)
                .image("PCA", "figures/pca.png").heading(3, "End");
        t.row("atlas [oracle]", Table.number(0.8479));
        return doc;
    }

    @Test
    void markdown() {
        assertEquals("# R & D\n\n## Spaces <all>\n\na \"quoted\" | text\n\n| space | probe |\n|---|---|\n"
                + "| atlas [oracle] | 0.848 |\n\n![PCA](figures/pca.png)\n\n### End\n\n", sample().markdown());
    }

    @Test
    void html() {
        String head = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>R &amp; D</title>\n<style>"
                + "body{font-family:sans-serif;max-width:1400px;margin:2em auto;}table{border-collapse:collapse;margin:1em 0;}"
                + "td,th{border:1px solid #ccc;padding:3px 8px;text-align:right;}td:first-child,th:first-child"
                + "{text-align:left;}img{max-width:100%;}</style></head><body>\n<h1>R &amp; D</h1>\n";
        assertEquals(head + "<h2>Spaces &lt;all&gt;</h2>\n<p>a &quot;quoted&quot; | text</p>\n<table>\n"
                + "<tr><th>space</th><th>probe</th></tr>\n<tr><td>atlas [oracle]</td><td>0.848</td></tr>\n</table>\n"
                + "<figure><img src=\"figures/pca.png\" alt=\"PCA\"><figcaption>PCA</figcaption></figure>\n"
                + "<h3>End</h3>\n</body></html>\n", sample().html());
    }

    @Test
    void blocksInOrder() {
        List<Document.Block> blocks = sample().blocks();
        assertEquals(new Document.Heading(2, "Spaces <all>"), blocks.get(0));
        assertEquals(new Document.Paragraph("a \"quoted\" | text"), blocks.get(1));
        assertEquals(new Document.Figure("PCA", "figures/pca.png"), blocks.get(3));
        assertEquals(5, blocks.size());
    }
}
