package latentatlas.cli.badinput;

import latentatlas.cli.Main;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static latentatlas.cli.badinput.BadInputSuite.Case.of;

/**
 * Bad output names and output folders: names that would become paths outside {@code --out} (space
 * names with {@code ../}, absolute, separators, hidden, control characters, empty, too long), an
 * {@code --out} that is a file, lies under a file, is a user's folder, the root, {@code /proc} or named
 * like a temporary folder, plan and JSON files where a folder is or under a file, a read-only file
 * system and a full disk. Each is refused in one line and leaves the folder as it was.
 */
class OutputBadInputTest extends BadInputSuite {
    private static final String FILES = "={dir}/a.npy:{dir}/a.ids.npy";
    private static final String B = "b={dir}/b.npy:{dir}/b.ids.npy";
    private static final String ANCHORS = "{dir}/anchors.npy";
    private static final String NOT_A_FILE_NAME = "cannot be a file name: expected letters, digits and . _ + -";
    /**
     * Small file systems for the "disk full" and "read-only" cases, mounted once (as root) and left
     * mounted, so that scripts/bad-inputs can replay the cases through the launcher.
     */
    private static final Path FULL_DISK = Path.of(System.getProperty("java.io.tmpdir"), "latent-atlas-full-disk");
    private static final Path READ_ONLY = Path.of(System.getProperty("java.io.tmpdir"), "latent-atlas-read-only");

    private static Case name(String caseName, String spaceName, String shown) {
        return of(caseName, "--space: space name '" + shown + "' " + NOT_A_FILE_NAME, Inputs::twoSpaces,
                "merge", "--space", spaceName + FILES, "--space", B, "--anchors", ANCHORS, "--out", "{dir}/out");
    }

    private static String[] merge(String out) {
        return new String[] {"merge", "--space", "a" + FILES, "--space", B, "--anchors", ANCHORS, "--out", out};
    }

    @Override
    protected List<Case> cases() {
        List<Case> cases = new ArrayList<>(List.of(
                name("out-name-parent", "../evil", "../evil"),
                name("out-name-dotdot", "..", ".."),
                name("out-name-absolute", "/tmp/evil", "/tmp/evil"),
                name("out-name-separator", "sub/evil", "sub/evil"),
                name("out-name-backslash", "sub\\evil", "sub\\evil"),
                name("out-name-hidden", ".bashrc", ".bashrc"),
                name("out-name-escape", "\u001b[31mred", "\\x1b[31mred"),
                name("out-name-bidi", "txt\u202eexe", "txt\\u202eexe"),
                name("out-name-space-and-star", "my *", "my *"),
                name("out-name-too-long", "a".repeat(129), "a".repeat(80) + "... (129 characters)"),
                of("out-name-empty", "--space: expected NAME=VECTORS.npy", Inputs::twoSpaces,
                        "merge", "--space", FILES, "--space", B, "--anchors", ANCHORS, "--out", "{dir}/out"),
                of("out-is-a-file", "a.npy is a file, expected a folder", Inputs::twoSpaces, merge("{dir}/a.npy")),
                of("out-under-a-file", "a.npy is a file, not a folder", Inputs::twoSpaces, merge("{dir}/a.npy/out")),
                of("out-is-a-users-folder", "holds 2 entries that no latent-atlas command wrote, e.g. 'notes.txt'", dir -> {
                    Inputs.twoSpaces(dir);
                    Files.createDirectories(dir.resolve("home/photos"));
                    Files.writeString(dir.resolve("home/notes.txt"), "mine");
                }, merge("{dir}/home")),
                of("out-users-folder-with-our-names", "holds 'notes.txt', which no latent-atlas command wrote", dir -> {
                    Inputs.twoSpaces(dir);
                    Files.createDirectories(dir.resolve("home"));
                    Files.writeString(dir.resolve("home/atlas.npy"), "not an atlas, a user's file");
                    Files.writeString(dir.resolve("home/notes.txt"), "mine");
                }, merge("{dir}/home")),
                of("out-our-name-is-a-folder", "holds 'summary.json', which no latent-atlas command wrote", dir -> {
                    Inputs.twoSpaces(dir);
                    Files.createDirectories(dir.resolve("home/summary.json/inside"));
                }, merge("{dir}/home")),
                of("out-link-to-a-users-folder", "link holds 'notes.txt'", dir -> {
                    Inputs.twoSpaces(dir);
                    Files.createDirectories(dir.resolve("home"));
                    Files.writeString(dir.resolve("home/notes.txt"), "mine");
                    Files.createSymbolicLink(dir.resolve("link"), dir.resolve("home"));
                }, merge("{dir}/link")),
                of("out-named-like-a-temporary", "are kept for the temporary folders of outputs", Inputs::twoSpaces,
                        merge("{dir}/.atlas.tmp-1-2")),
                of("out-is-the-root", "expected a folder below the root", Inputs::twoSpaces, merge("/")),
                of("out-in-proc", "cannot write the output folder /proc/latent-atlas-out: /proc accepts no new files", Inputs::twoSpaces,
                        merge("/proc/latent-atlas-out")),
                of("plan-under-a-file", "a.npy is a file, not a folder", OutputBadInputTest::images,
                        "tasks", "--dataset", "images:{dir}/images", "--setting", "disjoint", "--anchors", "4",
                        "--out", "{dir}/a.npy/plan.json"),
                of("plan-is-a-folder", "it is a folder, expected a file", dir -> {
                    images(dir);
                    Files.createDirectories(dir.resolve("plan.json"));
                }, "tasks", "--dataset", "images:{dir}/images", "--setting", "disjoint", "--anchors", "4",
                        "--out", "{dir}/plan.json"),
                of("run-under-a-file", "a.npy is a file, not a folder", dir -> {
                    images(dir);
                    int status = Main.run(new PrintWriter(Writer.nullWriter()), new PrintWriter(Writer.nullWriter()), "tasks", "--dataset",
                            "images:" + dir.resolve("images"), "--setting", "disjoint", "--anchors", "4",
                            "--out", dir.resolve("plan.json").toString());
                    if (status != 0) {
                        throw new IOException("atlas tasks failed in the setup");
                    }
                }, "train", "--plan", "{dir}/plan.json", "--out", "{dir}/a.npy/run", "--max-epochs", "1"),
                of("json-under-a-file", "a.npy is a file, not a folder", Inputs::twoSpaces,
                        "compare", "{dir}/a.npy", "{dir}/b.npy", "--json", "{dir}/a.npy/metrics.json"),
                of("json-is-a-folder", "it is a folder, expected a file", dir -> {
                    Inputs.twoSpaces(dir);
                    Files.createDirectories(dir.resolve("metrics.json"));
                }, "compare", "{dir}/a.npy", "{dir}/b.npy", "--json", "{dir}/metrics.json"),
                of("json-in-proc", "cannot write /proc/latent-atlas/metrics.json: /proc accepts no new files", Inputs::twoSpaces,
                        "compare", "{dir}/a.npy", "{dir}/b.npy", "--json", "/proc/latent-atlas/metrics.json")));
        if (mounted(READ_ONLY, "ro,size=16k")) {
            cases.add(of("out-read-only", "/ro/out: read-only file system",
                    dir -> {
                        Inputs.twoSpaces(dir);
                        Files.createSymbolicLink(dir.resolve("ro"), READ_ONLY);
                    }, merge("{dir}/ro/out")));
            cases.add(of("json-read-only", "ro/metrics.json: read-only file system", dir -> {
                Inputs.twoSpaces(dir);
                Files.createSymbolicLink(dir.resolve("ro"), READ_ONLY);
            }, "compare", "{dir}/a.npy", "{dir}/b.npy", "--json", "{dir}/ro/metrics.json"));
        }
        if (mounted(FULL_DISK, "size=64k")) {
            // the atlas (2000 x 10 float32, 80 kB) does not fit the 64 kB disk
            cases.add(of("out-disk-full", "disk full (no space left on device)", dir -> {
                Inputs.space(dir, "a", 2000, 8, 1);
                Inputs.space(dir, "b", 2000, 8, 2);
                Inputs.anchors(dir, 10);
                Files.createSymbolicLink(dir.resolve("full"), FULL_DISK);
            }, merge("{dir}/full/out")));
        }
        return cases;
    }

    /** Two spaces (see {@link Inputs#twoSpaces}) and {@code images/}: 2 classes of 4 x 4 grey PNGs, 12 train and 4 test each. */
    private static void images(Path dir) throws IOException {
        Inputs.twoSpaces(dir);
        SplittableRandom random = new SplittableRandom(7);
        for (String split : List.of("train", "test")) {
            for (String c : List.of("cat", "dog")) {
                Path folder = Files.createDirectories(dir.resolve("images").resolve(split).resolve(c));
                for (int i = 0; i < (split.equals("train") ? 12 : 4); i++) {
                    BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY);
                    for (int x = 0; x < 4; x++) {
                        for (int y = 0; y < 4; y++) {
                            image.getRaster().setSample(x, y, 0, random.nextInt(256));
                        }
                    }
                    ImageIO.write(image, "png", folder.resolve(i + ".png").toFile());
                }
            }
        }
    }

    /**
     * @param at where the tmpfs is (or is mounted now)
     * @param options its mount options
     * @return whether an empty tmpfs is mounted there (mounting needs root; else the case is left out)
     */
    private static boolean mounted(Path at, String options) {
        try {
            if (!Files.readString(Path.of("/proc/mounts")).contains(" " + at + " tmpfs ")) {
                Files.createDirectories(at);
                Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", options, "tmpfs", at.toString())
                        .redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor() != 0) {
                    System.err.println("OutputBadInputTest: cannot mount a tmpfs at " + at + " (needs root): its cases are left out");
                    return false;
                }
            }
            try (Stream<Path> walk = Files.walk(at)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(at)).toList()) {
                    Files.delete(p); // only a leftover of an interrupted test: every case leaves it empty
                }
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
