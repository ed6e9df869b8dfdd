package latentatlas.cli.badinput;

import latentatlas.cli.Main;
import latentatlas.io.Npy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static latentatlas.cli.badinput.BadInputSuite.Case.of;

/**
 * Bad inputs of {@code atlas fit} and {@code atlas transform}: missing or conflicting sources, a run folder
 * without chart spaces, translations that cannot be fitted, and damaged or hostile model folders (JSON,
 * missing or altered files, shapes, chart names that would leave the folder), unknown charts and widths.
 */
class FitTransformBadInputTest extends BadInputSuite {
    private static final String A = "a={dir}/a.npy:{dir}/a.ids.npy";
    private static final String B = "b={dir}/b.npy:{dir}/b.ids.npy";

    /** Two spaces a and b (100 x 8, 10 anchors) and a model fitted on them in {@code dir/model}. */
    private static void model(Path dir) throws IOException {
        Inputs.twoSpaces(dir);
        StringWriter sink = new StringWriter();
        int status = Main.run(new PrintWriter(sink, true), new PrintWriter(sink, true), "fit",
                "--space", A.replace("{dir}", dir.toString()), "--space", B.replace("{dir}", dir.toString()),
                "--anchors", dir.resolve("anchors.npy").toString(), "--out", dir.resolve("model").toString());
        if (status != 0) {
            throw new IllegalStateException("the setup's fit failed: " + sink);
        }
    }

    /** The model, then {@code edit} applied to its model.json. */
    private static Setup json(java.util.function.UnaryOperator<String> edit) {
        return dir -> {
            model(dir);
            Path json = dir.resolve("model/model.json");
            Files.writeString(json, edit.apply(Files.readString(json)));
        };
    }

    private static String[] transform(String... spaces) {
        List<String> args = new java.util.ArrayList<>(List.of("transform", "--model", "{dir}/model"));
        for (String s : spaces) {
            args.add("--space");
            args.add(s);
        }
        args.addAll(List.of("--out", "{dir}/out"));
        return args.toArray(String[]::new);
    }

    @Override
    protected List<Case> cases() {
        return List.of(
                of("fit-no-source", "--space: expected a source: --run RUN, or --space with --anchors (or"
                        + " --select-anchors); found neither", Inputs::twoSpaces, "fit", "--out", "{dir}/model"),
                of("fit-no-anchors", "the anchors are missing: give --anchors ANCHOR_IDS.npy or --select-anchors K", Inputs::twoSpaces,
                        "fit", "--space", A, "--out", "{dir}/model"),
                of("fit-run-and-spaces", "--run: expected either a run folder or --space with --anchors (or --select-anchors), found both",
                        Inputs::twoSpaces, "fit", "--run", "{dir}", "--space", A, "--anchors", "{dir}/anchors.npy",
                        "--out", "{dir}/model"),
                of("fit-run-missing", "--run: run folder", Setup.NONE, "fit", "--run", "{dir}/none", "--out", "{dir}/model"),
                of("fit-run-without-chart-spaces", "chart task-1 has no embeddings", TrainedRun::copyTo,
                        "fit", "--run", "{dir}/run", "--out", "{dir}/model"),
                of("fit-bad-aggregation", "--aggregation: expected one of mean, first, shifted-mean, procrustes, lstsq,"
                        + " found 'median'", Inputs::twoSpaces, "fit", "--space", A, "--space", B, "--anchors",
                        "{dir}/anchors.npy", "--aggregation", "median", "--out", "{dir}/model"),
                of("fit-unknown-reference", "--reference: reference chart 'z': expected one of the charts [a, b]",
                        Inputs::twoSpaces, "fit", "--space", A, "--space", B, "--anchors", "{dir}/anchors.npy",
                        "--aggregation", "procrustes", "--reference", "z", "--out", "{dir}/model"),
                of("fit-procrustes-widths", "an orthogonal map needs equal widths; use lstsq", dir -> {
                    Inputs.twoSpaces(dir);
                    Inputs.space(dir, "b", 100, 6, 2);
                }, "fit", "--space", A, "--space", B, "--anchors", "{dir}/anchors.npy", "--aggregation", "procrustes",
                        "--out", "{dir}/model"),
                of("fit-space-grammar", "--space: expected NAME=VECTORS.npy:IDS.npy[:LABELS.npy], found", Inputs::twoSpaces,
                        "fit", "--space", "a={dir}/a.npy", "--anchors", "{dir}/anchors.npy", "--out", "{dir}/model"),
                of("transform-model-missing", "--model: model ", Inputs::twoSpaces,
                        "transform", "--model", "{dir}/none", "--space", "a={dir}/a.npy", "--out", "{dir}/out"),
                of("transform-model-not-json", "model.json is not valid JSON", json(j -> j.substring(0, j.length() / 2)),
                        transform("a={dir}/a.npy")),
                of("transform-model-other-format", "format: expected 'latent-atlas model', found 'x'",
                        json(j -> j.replace("\"latent-atlas model\"", "\"x\"")), transform("a={dir}/a.npy")),
                of("transform-model-escaping-chart", "chart name '../a' cannot be a file name",
                        json(j -> j.replace("\"name\" : \"a\"", "\"name\" : \"../a\"")), transform("a={dir}/a.npy")),
                of("transform-model-bad-aggregation", "configuration.aggregation: expected one of mean, first,",
                        json(j -> j.replace("\"aggregation\" : \"mean\"", "\"aggregation\" : \"median\"")),
                        transform("a={dir}/a.npy")),
                of("transform-model-aggregation-not-text", "configuration.aggregation: expected a string, found number",
                        json(j -> j.replace("\"aggregation\" : \"mean\"", "\"aggregation\" : 7")), transform("a={dir}/a.npy")),
                of("transform-model-npy-missing", "a.anchors.npy is missing", dir -> {
                    model(dir);
                    Files.delete(dir.resolve("model/a.anchors.npy"));
                }, transform("a={dir}/a.npy")),
                of("transform-model-npy-altered", "a.anchors.npy does not match its SHA-256 in model.json", dir -> {
                    model(dir);
                    byte[] b = Files.readAllBytes(dir.resolve("model/a.anchors.npy"));
                    Files.write(dir.resolve("model/a.anchors.npy"), Arrays.copyOf(b, b.length - 8));
                }, transform("a={dir}/a.npy")),
                of("transform-model-wrong-shape", "a.anchors.npy: expected shape (10, 8)", dir -> {
                    model(dir);
                    Path file = dir.resolve("model/a.anchors.npy");
                    Npy.writeMatrix(file, new float[10 * 7], 10, 7);
                    String sha = sha(Files.readAllBytes(file));
                    Path json = dir.resolve("model/model.json");
                    Files.writeString(json, Files.readString(json).replaceAll(
                            "(\"file\" : \"a\\.anchors\\.npy\",\\s*\"sha256\" : \")[0-9a-f]+", "$1" + sha));
                }, transform("a={dir}/a.npy")),
                of("transform-unknown-chart", "--space: chart 'z': expected one of [a, b], found no chart of that name",
                        FitTransformBadInputTest::model, transform("z={dir}/a.npy")),
                of("transform-wrong-width", "--space: chart a: expected vectors of width 8", dir -> {
                    model(dir);
                    Inputs.space(dir, "narrow", 5, 3, 9);
                }, transform("a={dir}/narrow.npy")),
                of("transform-chart-twice", "chart 'a' is given twice", FitTransformBadInputTest::model,
                        transform("a={dir}/a.npy", "a={dir}/b.npy")),
                of("transform-space-grammar", "--space: expected NAME=VECTORS.npy[:IDS.npy], found 'a'",
                        FitTransformBadInputTest::model, transform("a")),
                of("transform-ids-mismatch", "ids for the 100 rows", dir -> {
                    model(dir);
                    Npy.writeLongs(dir.resolve("few.ids.npy"), new long[] {1, 2, 3});
                }, transform("a={dir}/a.npy:{dir}/few.ids.npy")));
    }

    private static String sha(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
