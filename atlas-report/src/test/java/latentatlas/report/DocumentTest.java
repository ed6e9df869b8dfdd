package latentatlas.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Markdown and HTML of every kind of block, written out by hand. */
class DocumentTest {
    @TempDir
    Path dir;

    private Document sample() throws IOException {
        Files.createDirectories(dir.resolve("figures"));
        ImageIO.write(new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB), "png", dir.resolve("figures/pca.png").toFile());
        Table t = new Table("space", "probe");
        Document doc = new Document("R & D").add(new Document.Summary("Verdict", List.of("a > b", "c")))
                .heading(2, "Spaces <all>").note("single seed").paragraph("a \"quoted\" | text").table(t)
                .image("PCA", "figures/pca.png").heading(3, "End");
        t.row("atlas [oracle]", Table.number(0.8479));
        return doc;
    }

    @Test
    void markdown() throws IOException {
        assertEquals("# R & D\n\n## Verdict\n\n- a > b\n- c\n\n## Spaces <all>\n\n> single seed\n\n"
                + "a \"quoted\" | text\n\n| space | probe |\n|---|---:|\n"
                + "| atlas [oracle] | 0.848 |\n\n![PCA](figures/pca.png)\n\n### End\n\n", sample().markdown());
    }

    @Test
    void htmlEmbedsThePictureAndReferencesNoFile() throws IOException {
        String html = sample().html(dir);
        String head = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>R &amp; D</title>\n<style>"
                + Document.STYLE + "</style></head><body>\n<h1>R &amp; D</h1>\n";
        assertTrue(html.startsWith(head), html);
        assertTrue(html.contains("<section class=\"summary\" id=\"summary\">\n<h2>Verdict</h2>\n<ul>\n<li>a &gt; b</li>\n"
                + "<li>c</li>\n</ul>\n</section>\n<h2>Spaces &lt;all&gt;</h2>\n<p class=\"note\">single seed</p>\n"
                + "<p>a &quot;quoted&quot; | text</p>\n<table>\n<tr><th>space</th><th class=\"num\">probe</th></tr>\n"
                + "<tr><td>atlas [oracle]</td><td class=\"num\">0.848</td></tr>\n</table>\n<figure><img src=\"data:image/png;base64,"), html);
        Matcher m = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\" alt=\"PCA\"><figcaption>PCA</figcaption>"
                + "</figure>\n<h3>End</h3>\n</body></html>\n$").matcher(html);
        assertTrue(m.find(), html);
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(1))));
        assertNotNull(back);
        assertEquals(3, back.getWidth());
        assertEquals(List.of(), SelfContained.references(html), "no reference to another file");
    }

    @Test
    void aMissingPictureIsNamed() throws IOException {
        Document doc = sample().image("gone", "figures/missing.png");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> doc.html(dir));
        assertTrue(e.getMessage().contains("missing.png"), e.getMessage());
    }

    @Test
    void writeGivesBothFiles() throws IOException {
        sample().write(dir, "seeds");
        assertTrue(Files.readString(dir.resolve("seeds.md")).contains("](figures/pca.png)"));
        assertFalse(Files.readString(dir.resolve("seeds.html")).contains("figures/pca.png"));
    }

    @Test
    void numbersRightTextLeftBestMarkedVerdictsColoured() {
        Table t = new Table("space", "probe", "train s", "claim").best("probe", Table.Best.HIGHEST)
                .best("train s", Table.Best.LOWEST).id("claims-matrix");
        t.row(Table.Cell.of("a"), Table.Cell.of("0.900 (shared 0.95)"), Table.Cell.of("12"), Table.Cell.good("holds: 1 vs 0"));
        t.row(Table.Cell.of("b"), Table.Cell.of("0.968"), Table.Cell.of("–"), Table.Cell.bad("fails: 0 vs 1"));
        t.row(Table.Cell.of("c"), Table.Cell.of("0.968"), Table.Cell.of("-3"), Table.Cell.of("–"));
        assertEquals("| space | probe | train s | claim |\n|---|---:|---:|---|\n"
                + "| a | 0.900 (shared 0.95) | 12 | holds: 1 vs 0 |\n| b | **0.968** | – | fails: 0 vs 1 |\n"
                + "| c | **0.968** | **-3** | – |\n", t.markdown());
        assertEquals("<table id=\"claims-matrix\">\n<tr><th>space</th><th class=\"num\">probe</th><th class=\"num\">train s</th>"
                + "<th>claim</th></tr>\n<tr><td>a</td><td class=\"num\">0.900 (shared 0.95)</td><td class=\"num\">12</td>"
                + "<td class=\"good\">holds: 1 vs 0</td></tr>\n<tr><td>b</td><td class=\"num best\">0.968</td>"
                + "<td class=\"num\">–</td><td class=\"bad\">fails: 0 vs 1</td></tr>\n<tr><td>c</td>"
                + "<td class=\"num best\">0.968</td><td class=\"num best\">-3</td><td>–</td></tr>\n</table>\n", t.html());
    }

    @Test
    void longTablesFoldUnderTheirCaption() {
        Table t = new Table("space", "probe").caption("Every space");
        for (int i = 0; i <= Table.COLLAPSE_ROWS; i++) {
            t.row("s" + i, "0.5");
        }
        assertTrue(t.html().startsWith("<details><summary>Every space (13 rows; click to show)</summary>\n<table>\n"), t.html());
        assertTrue(t.html().endsWith("</table>\n</details>\n"));
        t.open();
        assertTrue(t.html().startsWith("<table>\n<caption>Every space</caption>\n"), "kept open: " + t.html());
        Table small = new Table("space").caption("Few").row("s");
        assertTrue(small.html().startsWith("<table>\n<caption>Few</caption>\n"), small.html());
    }

    @Test
    void outsideReferencesAreFound() {
        assertEquals(List.of("figures/a.png", "style.css", "https://x.org/y.js", "b.png", "font.woff"),
                SelfContained.references("<img src=\"figures/a.png\"><link rel=stylesheet href='style.css'>"
                        + "<script src=https://x.org/y.js></script><img src=\"data:image/png;base64,AAAA\">"
                        + "<a href=\"#summary\">s</a><style>div{background:url(b.png)}@import 'font.woff';</style>"
                        + "<p>text: src=x.png, url(y.png)</p>"));
    }

    @Test
    void leadingNumbers() {
        assertEquals(0.968, Table.leadingNumber("0.968 (shared 0.989)"), 0);
        assertEquals(-0.035, Table.leadingNumber("−0.035"), 0);
        assertEquals(0.012, Table.leadingNumber("+0.012 [-0.01, 0.03]"), 0);
        assertTrue(Double.isNaN(Table.leadingNumber("holds: 0.9")));
        assertTrue(Double.isNaN(Table.leadingNumber("–")));
    }

    @Test
    void blocksInOrder() throws IOException {
        List<Document.Block> blocks = sample().blocks();
        assertEquals(new Document.Heading(2, "Spaces <all>"), blocks.get(1));
        assertEquals(new Document.Paragraph("a \"quoted\" | text"), blocks.get(3));
        assertEquals(new Document.Figure("PCA", "figures/pca.png"), blocks.get(5));
        assertEquals(7, blocks.size());
    }
}
