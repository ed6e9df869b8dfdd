package latentatlas.cli;

import latentatlas.InvalidInputException;
import latentatlas.tasks.DisjointPlanner;
import latentatlas.tasks.DisjointSamplesPlanner;
import latentatlas.tasks.Setting;
import latentatlas.tasks.SharedClassesPlanner;
import latentatlas.tasks.TaskPlanner;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Arrays;
import java.util.List;

/**
 * The options that choose a task setting and its parameters (docs/method.md §3), shared by
 * {@code atlas tasks} and {@code atlas run}.
 */
public final class PlanOptions {
    @Option(names = "--setting", required = true, paramLabel = "X",
            description = "shared-classes, disjoint-samples or disjoint")
    private String setting;

    @Option(names = "--shared", paramLabel = "S", description = "shared-classes: classes shared by every task (required)")
    private Integer shared;

    @Option(names = "--novel", paramLabel = "N", description = "shared-classes: novel classes per task (required)")
    private Integer novel;

    @Option(names = "--anchors", paramLabel = "K",
            description = "anchors; default 128 (shared-classes, drawn from shared classes), 256 otherwise (held out)")
    private Integer anchors;

    @Mixin
    private AnchorSelectionOption anchorSelection;

    @Option(names = "--partitions", paramLabel = "P",
            description = "disjoint, disjoint-samples: class partitions (default 2)")
    private Integer partitions;

    @Option(names = "--mixture", paramLabel = "F1,F2,...",
            description = "disjoint-samples: one per task, the fraction it takes of each partition;"
                    + " default for P=2: --mixture 0.8,0.2 --mixture 0.2,0.8")
    private List<String> mixture;

    /**
     * @return the planner these options describe
     * @throws InvalidInputException for an unknown setting (the library names the setting, this adds the flag)
     *                               or a parameter that does not apply to it
     */
    public TaskPlanner planner() {
        Setting parsed;
        try {
            parsed = Setting.parse(setting);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("--" + e.getMessage(), e);
        }
        return forSetting(parsed).withAnchorSelection(anchorSelection.strategy());
    }

    private TaskPlanner forSetting(Setting parsed) {
        return switch (parsed) {
            case SHARED_CLASSES -> {
                forbid("--partitions", partitions);
                forbid("--mixture", mixture);
                if (shared == null || novel == null) {
                    throw new InvalidInputException("--setting shared-classes needs --shared S and --novel N"
                            + " (e.g. --shared 4 --novel 2 on fashion-mnist)");
                }
                yield new SharedClassesPlanner(shared, novel, anchors == null ? SharedClassesPlanner.DEFAULT_ANCHORS : anchors);
            }
            case DISJOINT_SAMPLES -> {
                forbidSharedNovel();
                int k = anchors == null ? DisjointPlanner.DEFAULT_ANCHORS : anchors;
                int p = partitions == null ? DisjointPlanner.DEFAULT_PARTITIONS : partitions;
                yield mixture == null ? DisjointSamplesPlanner.withDefaultMixture(k, p)
                        : new DisjointSamplesPlanner(k, p, parseMixture());
            }
            case DISJOINT -> {
                forbidSharedNovel();
                forbid("--mixture", mixture);
                yield new DisjointPlanner(partitions == null ? DisjointPlanner.DEFAULT_PARTITIONS : partitions,
                        anchors == null ? DisjointPlanner.DEFAULT_ANCHORS : anchors);
            }
        };
    }

    private void forbidSharedNovel() {
        forbid("--shared", shared);
        forbid("--novel", novel);
    }

    private void forbid(String option, Object value) {
        if (value != null) {
            throw new InvalidInputException(option + " does not apply to --setting " + setting + "; remove it");
        }
    }

    private double[][] parseMixture() {
        double[][] rows = new double[mixture.size()][];
        for (int t = 0; t < rows.length; t++) {
            try {
                rows[t] = Arrays.stream(mixture.get(t).split(",")).map(String::strip).mapToDouble(Double::parseDouble).toArray();
            } catch (NumberFormatException e) {
                throw new InvalidInputException("--mixture '" + mixture.get(t)
                        + "' is not a comma-separated list of fractions (e.g. 0.8,0.2)", e);
            }
        }
        return rows;
    }

}
