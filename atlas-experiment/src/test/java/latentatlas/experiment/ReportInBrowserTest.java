package latentatlas.experiment;

import latentatlas.report.Document;
import latentatlas.report.Figures;
import latentatlas.report.SelfContained;
import latentatlas.report.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A report page in a real browser (headless Chromium, {@link HeadlessChromium}): every picture decodes,
 * the verdict and the claims matrix are laid out, the verdict on the first screen, also when the page is
 * long and has folded tables; and a damaged picture is seen as such. Skipped, with the reason, when no
 * browser is installed. The real report of a run is checked the same way in {@link ExperimentRunnerTest}.
 */
class ReportInBrowserTest {
    @TempDir
    Path dir;

    private Path page() {
        Map<String, Map<String, Double>> bars = new LinkedHashMap<>();
        bars.put("atlas [oracle]", new LinkedHashMap<>(Map.of("total", 0.968)));
        bars.put("end-to-end-abs", new LinkedHashMap<>(Map.of("total", 0.900)));
        Figures.bars(dir.resolve("figures/probe.png"), "Probe accuracy", bars, 1.0);
        Figures.barsWithErrors(dir.resolve("figures/seeds.png"), "Probe accuracy over seeds", bars,
                Map.of("atlas [oracle]", Map.of("total", 0.01)), 1.0);
        List<Claim> claims = List.of(
                new Claim("Setting 1: the atlas beats the end-to-end model", "0.729 vs 0.70", "oracle",
                        "atlas 0.968 vs end-to-end 0.900", true, 0.068, "atlas - end-to-end"),
                new Claim("Setting 1: the atlas beats the end-to-end model", "0.729 vs 0.70", "all",
                        "atlas 0.860 vs end-to-end 0.900", false, -0.040, "atlas - end-to-end"));
        Table spaces = new Table("space", "probe total").best("probe total", Table.Best.HIGHEST).caption("Every space");
        for (int i = 0; i < 40; i++) {
            spaces.row("space " + i, Table.number(0.5 + i / 100.0));
        }
        Document doc = new Document("latent-atlas: a report in the browser")
                .add(new Document.Summary("Verdict", List.of("shared-classes, oracle: atlas 0.968 vs end-to-end 0.900.")))
                .add(Verdicts.singleSeed(42))
                .heading(2, "The paper's claims").table(Verdicts.claimsMatrix(claims))
                .heading(2, "Spaces").table(spaces)
                .image("Probe accuracy", "figures/probe.png").image("Probe accuracy over seeds", "figures/seeds.png");
        doc.write(dir);
        return dir.resolve("report.html");
    }

    @Test
    void everyPictureDecodesAndTheVerdictIsOnTheFirstScreen() throws Exception {
        assumeTrue(HeadlessChromium.find().isPresent(), HeadlessChromium.missing());
        Path page = page();
        assertEquals(List.of(), SelfContained.references(Files.readString(page)));
        Path scratch = Files.createDirectory(dir.resolve("browser"));
        HeadlessChromium.Seen seen = HeadlessChromium.render(HeadlessChromium.find().get(), page, scratch);
        assertEquals(new HeadlessChromium.Seen(2, 2, true, true, true), seen);
    }

    @Test
    void aDamagedPictureIsSeen() throws Exception {
        assumeTrue(HeadlessChromium.find().isPresent(), HeadlessChromium.missing());
        Path page = page();
        String html = Files.readString(page);
        int at = html.indexOf("base64,") + "base64,".length();
        Files.writeString(page, html.substring(0, at) + "AAAA" + html.substring(at + 4)); // the PNG signature broken
        Path scratch = Files.createDirectory(dir.resolve("browser"));
        HeadlessChromium.Seen seen = HeadlessChromium.render(HeadlessChromium.find().get(), page, scratch);
        assertEquals(2, seen.images());
        assertEquals(1, seen.decoded(), "the damaged picture does not decode");
        assertTrue(seen.summaryShown() && seen.matrixShown());
    }
}
