package latentatlas;

import latentatlas.atlas.Aggregation;
import latentatlas.atlas.Atlas;
import latentatlas.atlas.AtlasModel;
import latentatlas.atlas.ChartSpace;
import latentatlas.atlas.Translation;
import latentatlas.io.Npy;
import latentatlas.metrics.LinearCka;
import latentatlas.relative.Normalization;
import latentatlas.relative.RelativeProjection;
import latentatlas.relative.RelativeSpace;
import latentatlas.relative.Similarity;
import latentatlas.space.LatentSpace;
import latentatlas.space.LatentSpaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's "Use it from Java" section does what it says: its numpy block is the script that made
 * the fixtures under {@code fixtures/readme} (so a user running it gets these files), its Java block
 * compiles against atlas-core and, run in a folder holding those files, prints exactly the block below
 * it; the printed numbers are recomputed here without {@code AtlasBuilder} (projection per chart on its
 * own anchor rows, {@link Atlas#merge}, {@link LinearCka}). The Maven versions it quotes are the
 * parent pom's.
 */
class ReadmeExampleTest {
    private static final String SECTION = "## Use it from Java";
    private static final List<String> INPUTS = List.of("a.npy", "a.ids.npy", "b.npy", "b.ids.npy", "anchors.npy");

    @TempDir
    Path dir;

    private static Path repo() {
        String repo = System.getProperty("atlas.repo");
        assertNotNull(repo, "surefire sets atlas.repo to the repository root");
        return Path.of(repo);
    }

    /** @return the fenced blocks of the README's Java section, each as [language, text] */
    private static List<String[]> blocks() throws IOException {
        String readme = Files.readString(repo().resolve("README.md"));
        int start = readme.indexOf("\n" + SECTION + "\n");
        assertTrue(start >= 0, "README.md has a section '" + SECTION + "'");
        int end = readme.indexOf("\n## ", start + SECTION.length() + 2);
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        Matcher m = Pattern.compile("(?s)\n```(\\w*)\n(.*?)\n```\n").matcher(section);
        List<String[]> out = new ArrayList<>();
        while (m.find()) {
            out.add(new String[] {m.group(1), m.group(2) + "\n"});
        }
        return out;
    }

    private static String block(String language) throws IOException {
        return blocks().stream().filter(b -> b[0].equals(language)).map(b -> b[1]).findFirst()
                .orElseThrow(() -> new AssertionError("no ```" + language + " block in " + SECTION));
    }

    @Test
    void theNumpyBlockIsTheFixturesScript() throws IOException {
        assertEquals(Files.readString(TestSpaces.fixture("readme/make_inputs.py")), block("python"));
    }

    @Test
    void theMavenVersionsAreTheParentPomOnes() throws IOException {
        String pom = Files.readString(repo().resolve("pom.xml"));
        String djl = property(pom, "djl.version");
        String pytorch = property(pom, "pytorch.version");
        String xml = block("xml");
        assertTrue(xml.contains("<artifactId>pytorch-engine</artifactId>\n  <version>" + djl + "</version>"), xml);
        assertTrue(xml.contains("<artifactId>pytorch-jni</artifactId>\n  <version>" + pytorch + "-" + djl
                + "</version>"), xml);
        assertTrue(xml.contains("<classifier>linux-x86_64</classifier>\n  <version>" + pytorch + "</version>"), xml);
        assertTrue(xml.contains("<version>" + property(pom, "version") + "</version>"), xml);
        assertTrue(xml.contains("<artifactId>slf4j-simple</artifactId>\n  <version>" + property(pom, "slf4j.version")
                + "</version>"), xml);
    }

    private static String property(String pom, String name) {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</" + Pattern.quote(name) + ">").matcher(pom);
        assertTrue(m.find(), "pom.xml has " + name);
        return m.group(1);
    }

    @Test
    void theJavaExamplePrintsWhatTheReadmeSays() throws Exception {
        for (String name : INPUTS) {
            Files.copy(TestSpaces.fixture("readme/" + name), dir.resolve(name));
        }
        String source = block("java");
        Matcher className = Pattern.compile("public class (\\w+)").matcher(source);
        assertTrue(className.find(), source);
        Path sources = Files.createDirectories(dir.resolve("src"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Path file = sources.resolve(className.group(1) + ".java");
        Files.writeString(file, source);
        String classpath = System.getProperty("java.class.path");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int compiled = javac.run(null, diagnostics, diagnostics, "-classpath", classpath, "-d", classes.toString(),
                file.toString());
        assertEquals(0, compiled, diagnostics.toString(StandardCharsets.UTF_8));

        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", classes + File.pathSeparator + classpath, className.group(1))
                .directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the example finishes");
        assertEquals(0, process.exitValue(), printed);

        String expected = block("text");
        assertEquals(expected, printed);
        assertEquals(recomputed(), expected);
    }

    /** The example's two lines, computed from the fixtures without the builder. */
    private String recomputed() {
        LatentSpace a = LatentSpaces.load(dir.resolve("a.npy"), dir.resolve("a.ids.npy"), null);
        LatentSpace b = LatentSpaces.load(dir.resolve("b.npy"), dir.resolve("b.ids.npy"), null);
        long[] anchors = Npy.readLongs(dir.resolve("anchors.npy"));
        RelativeSpace relA = RelativeProjection.fit(a.select("a anchors", anchors), Similarity.COSINE,
                Normalization.NONE).relative("a", a);
        RelativeSpace relB = RelativeProjection.fit(b.select("b anchors", anchors), Similarity.COSINE,
                Normalization.NONE).relative("b", b);
        Atlas atlas = Atlas.merge(List.of(relA, relB), Aggregation.MEAN);
        long[] common = Arrays.stream(a.ids()).filter(b::contains).toArray();
        // the model folder the example wrote, read back: its transform of a and b against the merge above
        AtlasModel model = AtlasModel.load(dir.resolve("model"));
        Atlas again = model.transform(List.of(new ChartSpace("a", a), new ChartSpace("b", b)));
        LatentSpace bInA = Translation.procrustes(b.select("b anchors", anchors), a.select("a anchors", anchors))
                .apply(b).select("b in a", common);
        float[] x = bInA.rawVectors();
        float[] y = a.select("a", common).rawVectors();
        double sq = 0;
        for (int i = 0; i < x.length; i++) {
            sq += Math.pow(x[i] - y[i], 2);
        }
        return String.format(Locale.ROOT, "atlas: %d ids x %d anchors%n", atlas.space().size(), atlas.space().dim())
                + String.format(Locale.ROOT, "linear CKA of a and b on their %d common ids: absolute %.6f,"
                + " relative %.6f%n", common.length, LinearCka.of(a.select("a", common), b.select("b", common)),
                LinearCka.of(relA.space().select("a", common), relB.space().select("b", common)))
                + String.format(Locale.ROOT, "model: %d charts x %d anchors; transform(a, b) is the merge: %b; b alone:"
                + " %d x %d%n", model.charts().size(), model.anchorIds().length,
                Arrays.equals(again.space().rawVectors(), atlas.space().rawVectors()), relB.space().size(),
                relB.space().dim())
                + String.format(Locale.ROOT, "procrustes atlas: %d ids x %d columns; b mapped onto a, RMS error %.6f%n",
                atlas.space().size(), x.length / common.length, Math.sqrt(sq / x.length));
    }
}
