package latentatlas.cli.badinput;

import latentatlas.charts.Chart;
import latentatlas.charts.ChartManifest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static latentatlas.cli.badinput.BadInputSuite.Case.of;

/**
 * Bad command lines (issue 15 §8): an unknown option or command, a missing option, parameter or value, a
 * value that is not of the option's type (enum, integer, boolean), an option given twice: one line naming
 * the option and what it takes, "see atlas CMD --help", instead of the usage. And damaged chart folders of
 * a run: one line naming the folder to delete.
 */
class OptionsBadInputTest extends BadInputSuite {
    private static final String A = "a={dir}/a.npy:{dir}/a.ids.npy";
    private static final String B = "b={dir}/b.npy:{dir}/b.ids.npy";
    private static final String CHART = "run/charts/task-0";

    @Override
    protected List<Case> cases() {
        return List.of(
                of("train-unknown-option", "atlas train: unknown option '--bogus'; expected one of --plan, --out",
                        Setup.NONE, "train", "--plan", "{dir}/plan.json", "--out", "{dir}/run", "--bogus"),
                of("merge-option-typo", "unknown option '--outt' (did you mean --out?); see atlas merge --help",
                        Inputs::twoSpaces, "merge", "--space", A, "--space", B, "--anchors", "{dir}/anchors.npy",
                        "--outt", "{dir}/out"),
                of("run-option-of-another-command", "unknown option '--max-epochs'", Setup.NONE,
                        "run", "--setting", "disjoint", "--out", "{dir}/run", "--max-epochs", "3"),
                of("spark-merge-unknown-option", "atlas spark merge: unknown option '--bogus'", Setup.NONE,
                        "spark", "merge", "--bogus"),
                of("unknown-command-typo", "atlas rnu: unknown command (did you mean run?); see atlas --help",
                        Setup.NONE, "rnu", "--out", "{dir}/run"),
                of("spark-unknown-command", "atlas spark frob: unknown command; expected one of export, merge, compare,"
                        + " import; see atlas spark --help", Setup.NONE, "spark", "frob"),
                of("help-unknown-command", "atlas frob: unknown command; expected one of help, datasets, tasks",
                        Setup.NONE, "help", "frob"),
                of("merge-bad-similarity", "--similarity: expected one of cosine, angular, euclidean, l1, found 'x';"
                        + " see atlas merge --help", Inputs::twoSpaces, "merge", "--space", A, "--space", B,
                        "--anchors", "{dir}/anchors.npy", "--out", "{dir}/out", "--similarity", "x"),
                of("merge-bad-aggregation", "--aggregation: expected one of mean, first, shifted-mean, procrustes, lstsq, found 'median'",
                        Inputs::twoSpaces, "merge", "--space", A, "--space", B, "--anchors", "{dir}/anchors.npy",
                        "--out", "{dir}/out", "--aggregation", "median"),
                of("run-bad-aggregation", "--aggregation: expected one of mean, first, shifted-mean,"
                        + " procrustes, lstsq, found 'median'", TinyDatasets::mnist, "run", "--dataset", TinyDatasets.MNIST, "--setting",
                        "disjoint", "--partitions", "2", "--anchors", "4", "--out", "{dir}/run", "--aggregation", "median"),
                of("run-aggregation-first", "--aggregation: expected one that averages under membership weights (mean,"
                        + " shifted-mean, procrustes, lstsq), found 'first'", TinyDatasets::mnist, "run", "--dataset",
                        TinyDatasets.MNIST, "--setting", "disjoint", "--partitions", "2", "--anchors", "4", "--out",
                        "{dir}/run", "--aggregation", "first"),
                of("paper-aggregation-twice", "--aggregation: aggregation 'lstsq' is given twice: give each once",
                        TinyDatasets::mnist, "paper", "--dataset", TinyDatasets.MNIST, "--out", "{dir}/paper",
                        "--aggregation", "lstsq,procrustes,lstsq"),
                of("train-seed-not-a-number", "atlas train: --seed: expected an integer, found 'abc'; see atlas train --help",
                        Setup.NONE, "train", "--plan", "{dir}/plan.json", "--out", "{dir}/run", "--seed", "abc"),
                of("tasks-seed-empty", "--seed: expected an integer, found ''", Setup.NONE,
                        "tasks", "--dataset", "fashion-mnist", "--setting", "disjoint", "--seed="),
                of("tasks-seed-terminal-escape", "--seed: expected an integer, found '\\x1b[31mred'", Setup.NONE,
                        "tasks", "--dataset", "fashion-mnist", "--setting", "disjoint", "--seed", "\u001b[31mred"),
                of("compare-k-overflows-int", "--k: expected an integer from -2147483648 to 2147483647, found"
                        + " '99999999999'", Inputs::twoSpaces, "compare", "{dir}/a.npy", "{dir}/b.npy", "--k", "99999999999"),
                of("compare-k-negative", "--k: ", Inputs::twoSpaces, "compare", "{dir}/a.npy", "{dir}/b.npy", "--k", "-1"),
                of("train-tasks-not-integers", "--tasks: expected an integer, found 'x'", Setup.NONE,
                        "train", "--plan", "{dir}/plan.json", "--out", "{dir}/run", "--tasks", "1,x"),
                of("paper-seeds-not-integers", "--seeds: expected an integer, found '2x'", Setup.NONE,
                        "paper", "--out", "{dir}/paper", "--seeds", "1,2x"),
                of("train-deterministic-not-boolean", "--deterministic: expected true or false, found 'maybe'",
                        Setup.NONE, "train", "--plan", "{dir}/plan.json", "--out", "{dir}/run", "--deterministic=maybe"),
                of("train-missing-required-options", "atlas train: missing the required options --plan=PLAN.json,"
                        + " --out=RUN; see atlas train --help", Setup.NONE, "train"),
                of("merge-missing-out", "missing the required option --out=DIR", Inputs::twoSpaces,
                        "merge", "--space", A, "--space", B, "--anchors", "{dir}/anchors.npy"),
                of("merge-out-without-value", "--out: expected a value (DIR), found none", Inputs::twoSpaces,
                        "merge", "--space", A, "--space", B, "--anchors", "{dir}/anchors.npy", "--out"),
                of("train-value-is-an-option", "--plan: expected a value (PLAN.json), found the option '--out'",
                        Setup.NONE, "train", "--plan", "--out", "{dir}/run"),
                of("compare-missing-argument", "atlas compare: missing the argument B.npy", Inputs::twoSpaces,
                        "compare", "{dir}/a.npy"),
                of("compare-extra-argument", "unexpected argument '{dir}/a.ids.npy'; expected only A.npy B.npy".replace(
                        "{dir}/", ""), Inputs::twoSpaces, "compare", "{dir}/a.npy", "{dir}/b.npy", "a.ids.npy"),
                of("train-out-twice", "--out: expected once, found it given twice", Setup.NONE,
                        "train", "--plan", "{dir}/plan.json", "--out", "{dir}/run", "--out", "{dir}/other"),
                of("embed-weights-truncated", CHART + " is damaged (weights.params: ends early (truncated)): delete the"
                        + " folder and train the chart again", dir -> spoil(dir, Chart.WEIGHTS, Spoil.TRUNCATE),
                        "embed", "--run", "{dir}/run"),
                of("embed-weights-garbage", CHART + " is damaged (weights.params: ", dir -> spoil(dir, Chart.WEIGHTS,
                        Spoil.GARBAGE), "embed", "--run", "{dir}/run"),
                of("embed-weights-empty", CHART + " is damaged (weights.params: ends early", dir -> spoil(dir,
                        Chart.WEIGHTS, Spoil.EMPTY), "embed", "--run", "{dir}/run"),
                of("embed-weights-missing", CHART + " is damaged (weights.params: missing)", dir -> spoil(dir,
                        Chart.WEIGHTS, Spoil.DELETE), "embed", "--run", "{dir}/run"),
                of("embed-manifest-garbage", CHART + " is damaged (chart.json: ", dir -> spoil(dir, ChartManifest.FILE,
                        Spoil.GARBAGE), "embed", "--run", "{dir}/run"),
                of("embed-manifest-truncated", CHART + " is damaged (chart.json: ", dir -> spoil(dir, ChartManifest.FILE,
                        Spoil.TRUNCATE), "embed", "--run", "{dir}/run"),
                of("embed-manifest-not-a-chart", CHART + " is damaged (chart.json: format 'null', expected 'latent-atlas"
                        + " chart 1')", dir -> {
                            TrainedRun.copyTo(dir);
                            Files.writeString(dir.resolve(CHART).resolve(ChartManifest.FILE), "{}");
                        }, "embed", "--run", "{dir}/run"));
    }

    /** How a case damages a file of the trained chart. */
    private enum Spoil { TRUNCATE, GARBAGE, EMPTY, DELETE }

    /** Copies the trained run into {@code dir/run} and damages {@code file} of its task-0 chart. */
    private static void spoil(Path dir, String file, Spoil how) throws IOException {
        Path target = TrainedRun.copyTo(dir).resolve("charts/task-0").resolve(file);
        byte[] bytes = Files.readAllBytes(target);
        switch (how) {
            case TRUNCATE -> Files.write(target, java.util.Arrays.copyOf(bytes, bytes.length / 2));
            case GARBAGE -> {
                byte[] garbage = new byte[bytes.length];
                new java.util.SplittableRandom(7).nextBytes(garbage);
                Files.write(target, garbage);
            }
            case EMPTY -> Files.write(target, new byte[0]);
            case DELETE -> Files.delete(target);
        }
    }
}
