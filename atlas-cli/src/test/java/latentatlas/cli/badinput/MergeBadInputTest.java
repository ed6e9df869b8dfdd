package latentatlas.cli.badinput;

import java.util.List;

import static latentatlas.cli.badinput.BadInputSuite.Case.of;

/** Bad inputs of {@code atlas merge} (and of {@code compare --block-rows}): anchors and spaces that do not fit together. */
class MergeBadInputTest extends BadInputSuite {
    private static final String A = "a={dir}/a.npy:{dir}/a.ids.npy";
    private static final String B = "b={dir}/b.npy:{dir}/b.ids.npy";

    @Override
    protected List<Case> cases() {
        return List.of(
                of("merge-anchors-missing-file", "anchors.npy", Inputs::twoSpaces,
                        "merge", "--space", A, "--space", B, "--anchors", "{dir}/none/anchors.npy", "--out", "{dir}/out"),
                of("merge-anchor-twice", "appears twice", dir -> {
                    Inputs.twoSpaces(dir);
                    latentatlas.io.Npy.writeLongs(dir.resolve("anchors.npy"), new long[] {1, 2, 1});
                }, "merge", "--space", A, "--space", B, "--anchors", "{dir}/anchors.npy", "--out", "{dir}/out"),
                of("merge-anchor-not-embedded", "not among its", dir -> {
                    Inputs.twoSpaces(dir);
                    latentatlas.io.Npy.writeLongs(dir.resolve("anchors.npy"), new long[] {1, 2, 500});
                }, "merge", "--space", A, "--space", B, "--anchors", "{dir}/anchors.npy", "--out", "{dir}/out"),
                of("merge-space-name-twice", "twice", Inputs::twoSpaces,
                        "merge", "--space", A, "--space", A, "--anchors", "{dir}/anchors.npy", "--out", "{dir}/out"),
                of("merge-space-grammar", "--space", Inputs::twoSpaces,
                        "merge", "--space", "a{dir}/a.npy", "--anchors", "{dir}/anchors.npy", "--out", "{dir}/out"),
                of("merge-block-rows-negative", "--block-rows: block rows: expected 1 to 16777216, found -4",
                        Inputs::twoSpaces, "merge", "--space", A, "--space", B, "--anchors", "{dir}/anchors.npy",
                        "--block-rows", "-4", "--out", "{dir}/out"),
                of("merge-block-rows-anchor-not-embedded", "not among its", dir -> {
                    Inputs.twoSpaces(dir);
                    latentatlas.io.Npy.writeLongs(dir.resolve("anchors.npy"), new long[] {1, 2, 500});
                }, "merge", "--space", A, "--space", B, "--anchors", "{dir}/anchors.npy", "--block-rows", "2",
                        "--out", "{dir}/out"),
                of("merge-block-rows-ids-mismatch", "the ids file does not match the vectors", dir -> {
                    Inputs.twoSpaces(dir);
                    latentatlas.io.Npy.writeLongs(dir.resolve("b.ids.npy"), new long[] {1, 2});
                }, "merge", "--space", A, "--space", B, "--anchors", "{dir}/anchors.npy", "--block-rows", "2",
                        "--out", "{dir}/out"),
                of("compare-block-rows-negative", "--block-rows: expected 0 (in memory) or at least 1, found -1",
                        Inputs::twoSpaces, "compare", "{dir}/a.npy", "{dir}/b.npy", "--block-rows", "-1"),
                of("compare-block-rows-disjoint", "share 0 ids", dir -> {
                    Inputs.twoSpaces(dir);
                    latentatlas.io.Npy.writeLongs(dir.resolve("b.ids.npy"), java.util.stream.LongStream.range(-100, 0).toArray());
                }, "compare", "{dir}/a.npy", "{dir}/b.npy", "--ids-a", "{dir}/a.ids.npy", "--ids-b", "{dir}/b.ids.npy",
                        "--block-rows", "2"));
    }
}
