package latentatlas.experiment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a report page in headless Chromium (Debian's {@code chromium}; {@code scripts/ensure-deps --dev}
 * installs it) and reports what a reader would see: how many pictures the page has and how many decoded
 * ({@code complete && naturalWidth > 0}), and whether the summary ({@code #summary}) and the claims matrix
 * ({@code #claims-matrix}) are laid out (not hidden, not folded away), the summary inside the first
 * screen. The page is copied into a scratch folder with a small script appended that writes these facts
 * into the DOM, which {@code --dump-dom} prints; the browser runs with a new empty profile and {@code HOME}
 * in that folder, without network features, so it writes nothing elsewhere.
 */
final class HeadlessChromium {
    private static final Pattern CHECK = Pattern.compile(
            "<pre id=\"atlas-check\">images (\\d+) decoded (\\d+) summary (true|false) first-screen (true|false) matrix (true|false)</pre>");
    private static final String SCRIPT = "<script>window.addEventListener('load',function(){"
            + "var imgs=Array.prototype.slice.call(document.images);"
            + "var ok=imgs.filter(function(i){return i.complete&&i.naturalWidth>0;}).length;"
            + "function shown(id){var e=document.getElementById(id);if(!e)return false;var r=e.getBoundingClientRect();"
            + "var s=getComputedStyle(e);return e.offsetParent!==null&&r.width>0&&r.height>0&&s.visibility!=='hidden';}"
            + "var sum=document.getElementById('summary');"
            + "var first=!!sum&&sum.getBoundingClientRect().top<window.innerHeight;"
            + "var pre=document.createElement('pre');pre.id='atlas-check';"
            + "pre.textContent='images '+imgs.length+' decoded '+ok+' summary '+shown('summary')+' first-screen '+first"
            + "+' matrix '+shown('claims-matrix');document.body.appendChild(pre);});</script>";

    /**
     * @param images the pictures of the page
     * @param decoded those that decoded
     * @param summaryShown whether {@code #summary} is laid out
     * @param summaryOnFirstScreen whether it starts inside the first 1400 x 1000 screen
     * @param matrixShown whether {@code #claims-matrix} is laid out
     */
    record Seen(int images, int decoded, boolean summaryShown, boolean summaryOnFirstScreen, boolean matrixShown) {
    }

    private HeadlessChromium() {
    }

    /** @return the browser, or empty with nothing found */
    static Optional<Path> find() {
        for (String name : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
            if (Files.isExecutable(Path.of(name))) {
                return Optional.of(Path.of(name));
            }
        }
        return Optional.empty();
    }

    /** @return why the browser tests are skipped */
    static String missing() {
        return "no headless browser (/usr/bin/chromium): install Debian's chromium (scripts/ensure-deps --dev)";
    }

    /**
     * @param browser the browser
     * @param page the report page
     * @param scratch an empty scratch folder (the copy, the profile, HOME)
     * @return what the browser laid out
     */
    static Seen render(Path browser, Path page, Path scratch) throws IOException, InterruptedException {
        String html = Files.readString(page, StandardCharsets.UTF_8);
        int end = html.lastIndexOf("</body>");
        Path copy = scratch.resolve("page.html");
        Files.writeString(copy, html.substring(0, end) + SCRIPT + html.substring(end), StandardCharsets.UTF_8);
        List<String> command = new ArrayList<>(List.of(browser.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + Files.createDirectory(scratch.resolve("profile")),
                "--window-size=1400,1000", "--virtual-time-budget=10000", "--dump-dom", copy.toUri().toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(scratch.resolve("stderr.txt").toFile());
        pb.environment().put("HOME", scratch.toString());
        Process p = pb.start();
        byte[] dom = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("chromium did not finish in 120 s");
        }
        Matcher m = CHECK.matcher(new String(dom, StandardCharsets.UTF_8));
        if (!m.find()) {
            throw new IllegalStateException("chromium (exit " + p.exitValue() + ") printed no check line; stderr: "
                    + Files.readString(scratch.resolve("stderr.txt")));
        }
        return new Seen(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Boolean.parseBoolean(m.group(3)),
                Boolean.parseBoolean(m.group(4)), Boolean.parseBoolean(m.group(5)));
    }
}
