package latentatlas.cli.badinput;

import com.fasterxml.jackson.databind.node.ObjectNode;
import latentatlas.tasks.DisjointPlanner;

import java.util.List;

import static latentatlas.cli.badinput.BadInputSuite.Case.of;

/**
 * Bad inputs of the anchor choice: {@code --anchor-selection} of {@code tasks}, {@code merge --select-anchors}
 * (with {@code --strategy}, {@code --reference}), {@code sweep anchors} and a plan's {@code anchorSelection}.
 */
class AnchorsBadInputTest extends BadInputSuite {
    private static final String A = "a={dir}/a.npy:{dir}/a.ids.npy";
    private static final String B = "b={dir}/b.npy:{dir}/b.ids.npy";

    private static Case merge(String name, String expected, String... extra) {
        String[] args = new String[6 + extra.length];
        System.arraycopy(new String[] {"merge", "--space", A, "--space", B, "--out"}, 0, args, 0, 6);
        String[] all = new String[args.length + 1];
        System.arraycopy(args, 0, all, 0, 6);
        all[6] = "{dir}/out";
        System.arraycopy(extra, 0, all, 7, extra.length);
        return of(name, expected, Inputs::twoSpaces, java.util.Arrays.copyOf(all, 7 + extra.length));
    }

    @Override
    protected List<Case> cases() {
        return List.of(
                of("tasks-anchor-selection-unknown", "--anchor-selection: anchor selection 'best' is unknown; expected"
                        + " one of random, stratified, kmeans, farthest", TinyDatasets::mnist, "tasks", "--dataset",
                        TinyDatasets.MNIST, "--setting", "disjoint", "--anchors", "5", "--anchor-selection", "best"),
                of("tasks-anchor-selection-stratified-too-many", "--anchors: anchors (60) leave none of the 60",
                        TinyDatasets::mnist, "tasks", "--dataset", TinyDatasets.MNIST, "--setting", "disjoint",
                        "--anchors", "60", "--anchor-selection", "stratified"),
                of("plan-anchor-selection-unknown", "the parameter 'anchorSelection' is best, expected one of"
                        + " [stratified, kmeans, farthest]", dir -> TinyDatasets.spoiled(dir, new DisjointPlanner(2, 5),
                                r -> ((ObjectNode) r.get("parameters")).put("anchorSelection", "best")),
                        "train", "--plan", "{dir}/plan.json", "--out", "{dir}/run", "--dataset", TinyDatasets.MNIST),
                of("plan-anchor-selection-not-text", "the parameter 'anchorSelection' is 3", dir -> TinyDatasets.spoiled(
                                dir, new DisjointPlanner(2, 5), r -> ((ObjectNode) r.get("parameters")).put("anchorSelection", 3)),
                        "train", "--plan", "{dir}/plan.json", "--out", "{dir}/run", "--dataset", TinyDatasets.MNIST),
                merge("merge-anchors-and-select", "--anchors and --select-anchors both give the anchors; keep one",
                        "--anchors", "{dir}/anchors.npy", "--select-anchors", "5"),
                merge("merge-no-anchors", "the anchors are missing: give --anchors ANCHOR_IDS.npy or --select-anchors K"),
                merge("merge-select-too-many", "--select-anchors: anchors to select must be from 1 to the 100 ids common"
                        + " to every space, found 500", "--select-anchors", "500"),
                merge("merge-select-zero", "--select-anchors: anchors to select must be from 1", "--select-anchors", "0"),
                merge("merge-select-not-a-number", "--select-anchors: expected an integer, found 'many'",
                        "--select-anchors", "many"),
                merge("merge-strategy-unknown", "--strategy: anchor selection 'best' is unknown", "--select-anchors", "5",
                        "--strategy", "best"),
                merge("merge-strategy-stratified-unlabelled", "--strategy: anchor strategy stratified needs labels, and the"
                        + " reference space has none", "--select-anchors", "5", "--strategy", "stratified"),
                merge("merge-reference-unknown", "--reference: reference space 'c' is not a --space; expected one of a, b",
                        "--select-anchors", "5", "--reference", "c"),
                merge("merge-strategy-without-select", "--strategy applies to --select-anchors K, which is missing",
                        "--anchors", "{dir}/anchors.npy", "--strategy", "kmeans"),
                merge("merge-reference-without-select", "--reference applies to --select-anchors K or --aggregation procrustes|lstsq, and neither is given",
                        "--anchors", "{dir}/anchors.npy", "--reference", "a"),
                of("sweep-count-zero", "--counts: anchor count 0: expected at least 1", TinyDatasets::mnist,
                        "sweep", "anchors", "--dataset", TinyDatasets.MNIST, "--shared", "2", "--novel", "4",
                        "--counts", "4,0", "--out", "{dir}/sweep"),
                of("sweep-count-twice", "--counts: anchor count 4 is given twice", TinyDatasets::mnist,
                        "sweep", "anchors", "--dataset", TinyDatasets.MNIST, "--shared", "2", "--novel", "4",
                        "--counts", "4,4", "--out", "{dir}/sweep"),
                of("sweep-strategy-unknown", "--strategies: anchor selection 'best' is unknown", TinyDatasets::mnist,
                        "sweep", "anchors", "--dataset", TinyDatasets.MNIST, "--shared", "2", "--novel", "4",
                        "--strategies", "random,best", "--out", "{dir}/sweep"),
                of("sweep-count-beyond-pool", "--counts: anchor count 16 exceeds the 12 training samples of the 2 shared"
                        + " classes", TinyDatasets::mnist, "sweep", "anchors", "--dataset", TinyDatasets.MNIST,
                        "--shared", "2", "--novel", "4", "--counts", "4,16", "--out", "{dir}/sweep"),
                of("sweep-counts-not-integers", "--counts: expected an integer, found 'x'", TinyDatasets::mnist,
                        "sweep", "anchors", "--dataset", TinyDatasets.MNIST, "--shared", "2", "--novel", "4",
                        "--counts", "4,x", "--out", "{dir}/sweep"));
    }
}
