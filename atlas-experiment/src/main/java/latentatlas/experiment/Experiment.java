package latentatlas.experiment;

import latentatlas.InvalidInputException;
import latentatlas.atlas.Aggregation;
import latentatlas.charts.ProgressListener;
import latentatlas.dataset.Dataset;
import latentatlas.evaluation.ChartKind;
import latentatlas.evaluation.ChartKinds;
import latentatlas.evaluation.ChartRequest;
import latentatlas.evaluation.Membership;
import latentatlas.io.OutputNames;
import latentatlas.io.RunLock;
import latentatlas.tasks.TaskPlanner;
import latentatlas.text.EncodingListener;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One experiment of the paper end to end, the library's entry point (docs/method.md §3-§7): the task
 * plan of a setting, one chart per task plus the end-to-end chart, every chart's latent space, the
 * relative spaces and the atlas of every membership mode, their analyses, {@code results.json} and the
 * report, all in one run folder. Every stage is saved there and reused on a rerun, so a killed run
 * resumes and gives the same numbers.
 *
 * <pre>{@code
 * Dataset data = Datasets.open("fashion-mnist");
 * RunResults results = Experiment.builder()
 *         .setDataset(data)
 *         .setSetting(new SharedClassesPlanner(4, 2, SharedClassesPlanner.DEFAULT_ANCHORS))
 *         .optSeed(42)
 *         .optProfile(Profile.QUICK)
 *         .optDeterministic(true)
 *         .build()
 *         .run(Path.of("runs/shared-classes"));
 * double probe = results.space("atlas [oracle]").probe().total();
 * }</pre>
 *
 * <p>Progress: stage lines, per-chart and per-space lines go to the SLF4J logger {@code latentatlas}
 * at INFO; training progress goes to the {@link ProgressListener} ({@link Builder#optListener}).
 * {@link PaperRunner} runs the paper's three settings through this class.
 */
public final class Experiment {
    /** The seed unless another is given. */
    public static final long DEFAULT_SEED = 42;

    private final Dataset dataset;
    private final TaskPlanner setting;
    private final long seed;
    private final Profile profile;
    private final boolean deterministic;
    private final List<Membership> memberships;
    private final List<Aggregation> aggregations;
    private final ChartKind endToEndKind;
    private final List<ChartKind> taskKinds;
    private final Path endToEndStore;
    private final ProgressListener listener;

    private Experiment(Builder b) {
        this.dataset = b.dataset;
        this.setting = b.setting;
        this.seed = b.seed;
        this.profile = b.profile;
        this.deterministic = b.deterministic;
        this.memberships = b.memberships;
        this.aggregations = b.aggregations;
        this.endToEndKind = b.endToEndKind;
        this.taskKinds = b.taskKinds;
        this.endToEndStore = b.endToEndStore;
        this.listener = b.listener;
    }

    /** @return a builder with the defaults: seed 42, quick profile, the default membership modes */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs the experiment into {@code dir}, reusing whatever an earlier run of the same configuration
     * left there. Without chart kinds, the dataset's default kind is used ({@link ChartKinds#defaultName}:
     * small-cnn for images; minilm for texts, its vectors cached in {@code DIR/../encoders}). Without
     * an end-to-end store, the end-to-end chart is kept in
     * {@code DIR/../end-to-end/DATASET-KIND-seedSEED-PROFILE}, where runs of other settings find it.
     *
     * @param dir the run folder (created if absent), locked while the experiment runs ({@link RunLock})
     * @return the results, also written to {@code DIR/results.json}
     * @throws InvalidInputException when another run holds the folder
     */
    public RunResults run(Path dir) {
        Kinds kinds = kinds(dir);
        try (RunLock lock = RunLock.acquire(dir)) {
            return new ExperimentRunner(config(dir, kinds), listener).run(dataset, kinds.endToEnd(), kinds.tasks());
        }
    }

    /**
     * The charts that {@link #run} into {@code dir} trains (or reuses): the end-to-end chart first, then
     * the chart tasks', so that a caller can train the charts of several experiments on one schedule
     * ({@link PaperRunner}) before running them.
     *
     * @param dir the run folder
     * @return the chart requests
     */
    List<ChartRequest> chartRequests(Path dir) {
        Kinds kinds = kinds(dir);
        ExperimentConfig config = config(dir, kinds);
        return ExperimentRunner.chartRequests(config, ExperimentRunner.plan(config, dataset, kinds.endToEnd()),
                kinds.endToEnd(), kinds.tasks());
    }

    /** The end-to-end chart's kind and the task charts' kinds of a run into a folder. */
    private record Kinds(ChartKind endToEnd, List<ChartKind> tasks) {
    }

    private Kinds kinds(Path dir) {
        if (endToEndKind != null) {
            return new Kinds(endToEndKind, taskKinds);
        }
        ChartKind kind = defaultKind(dataset, dir.toAbsolutePath().getParent().resolve("encoders"));
        return new Kinds(kind, List.of(kind));
    }

    private ExperimentConfig config(Path dir, Kinds kinds) {
        return new ExperimentConfig(setting, seed, profile, deterministic, memberships, aggregations, dir,
                store(dir.toAbsolutePath().getParent(), kinds.endToEnd()));
    }

    /**
     * Sweeps the anchors (docs/method.md §10): the charts of the shared-classes setting trained once (or
     * reused from {@code dir}), then for every (strategy, count) of {@code sweep} the atlas under the first
     * membership mode, its probe accuracy (total, shared, novel) and its linear CKA with the end-to-end
     * relative space; a table and line plots in {@code dir/report.html}.
     *
     * <pre>{@code
     * AnchorSweepResults r = Experiment.builder().setDataset(Datasets.open("fashion-mnist"))
     *         .setSetting(new SharedClassesPlanner(4, 2, 128)).build()
     *         .sweepAnchors(AnchorSweep.defaults(), Path.of("runs/sweep"));
     * }</pre>
     *
     * @param sweep the counts and strategies
     * @param dir the sweep folder, locked while the sweep runs
     * @return the results (also {@code dir/results.json})
     * @throws InvalidInputException when the setting is not shared-classes, a count exceeds the shared
     *     classes' training samples, or another run holds the folder
     */
    public AnchorSweepResults sweepAnchors(AnchorSweep sweep, Path dir) {
        Kinds kinds = kinds(dir);
        ExperimentConfig config = new ExperimentConfig(setting, seed, profile, deterministic, memberships,
                List.of(Aggregation.MEAN), dir, store(dir.toAbsolutePath().getParent(), kinds.endToEnd()));
        try (RunLock lock = RunLock.acquire(dir)) {
            return new AnchorSweepRunner(config, listener).run(dataset, kinds.endToEnd(), kinds.tasks(), sweep);
        }
    }

    private Path store(Path parent, ChartKind endToEnd) {
        return endToEndStore != null ? endToEndStore : parent.resolve("end-to-end").resolve(OutputNames.slug(
                dataset.name() + "-" + endToEnd.name() + "-seed" + seed + "-" + profile.label()));
    }

    /** @return the dataset */
    public Dataset dataset() {
        return dataset;
    }

    /** @return what hears the training progress */
    ProgressListener listener() {
        return listener;
    }

    /** @return the membership modes evaluated */
    public List<Membership> memberships() {
        return memberships;
    }

    private static ChartKind defaultKind(Dataset dataset, Path encoderCache) {
        return ChartKinds.named(dataset, List.of(ChartKinds.defaultName(dataset)), encoderCache, EncodingListener.SILENT)
                .get(0);
    }

    /**
     * Builds an {@link Experiment}: {@code setX} for the required values (dataset, setting), {@code optX}
     * for the optional ones. A builder may be reused: {@link #build()} copies what it holds.
     */
    public static final class Builder {
        private Dataset dataset;
        private TaskPlanner setting;
        private long seed = DEFAULT_SEED;
        private Profile profile = Profile.QUICK;
        private boolean deterministic;
        private List<Membership> memberships = Membership.DEFAULT;
        private List<Aggregation> aggregations = List.of(Aggregation.MEAN);
        private ChartKind endToEndKind;
        private List<ChartKind> taskKinds;
        private Path endToEndStore;
        private ProgressListener listener = ProgressListener.NONE;

        private Builder() {
        }

        /** @param dataset the dataset (required); its fingerprint is recorded in the results */
        public Builder setDataset(Dataset dataset) {
            this.dataset = Objects.requireNonNull(dataset, "dataset");
            return this;
        }

        /**
         * @param setting the task setting and its parameters (required), e.g.
         *                {@code new SharedClassesPlanner(4, 2, 128)} (docs/method.md §3)
         */
        public Builder setSetting(TaskPlanner setting) {
            this.setting = Objects.requireNonNull(setting, "setting");
            return this;
        }

        /** @param seed seeds the plan, the training and the analyses (default 42) */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** @param profile the epoch limits (default {@link Profile#QUICK}) */
        public Builder optProfile(Profile profile) {
            this.profile = Objects.requireNonNull(profile, "profile");
            return this;
        }

        /** @param deterministic one PyTorch thread, so reruns repeat bit for bit on any machine (default false) */
        public Builder optDeterministic(boolean deterministic) {
            this.deterministic = deterministic;
            return this;
        }

        /**
         * @param memberships the membership modes of the atlas and naive spaces (default
         *                    {@link Membership#DEFAULT}; from names with {@link Membership#parse})
         */
        public Builder optMemberships(List<Membership> memberships) {
            Set<String> names = new HashSet<>();
            for (Membership m : memberships) {
                if (!names.add(m.name())) {
                    throw new InvalidInputException(List.of("membership"), "membership mode '" + m.name()
                            + "' is given twice (names that parse to the same mode count as one): give each mode once");
                }
            }
            this.memberships = List.copyOf(memberships);
            return this;
        }

        /**
         * @param aggregations the aggregations whose atlas is built and analysed under every membership mode
         *     (docs/method.md §9): {@link Aggregation#MEAN} (the paper's, always built: the claims and figures
         *     use it), {@link Aggregation#SHIFTED_MEAN}, {@link Aggregation#PROCRUSTES}, {@link Aggregation#LSTSQ}
         *     (default: mean alone)
         * @throws InvalidInputException naming {@code aggregation} for {@link Aggregation#FIRST} (it has no
         *     membership weights) or an aggregation given twice
         */
        public Builder optAggregations(List<Aggregation> aggregations) {
            List<Aggregation> out = new ArrayList<>(List.of(Aggregation.MEAN));
            Set<Aggregation> seen = new HashSet<>();
            for (Aggregation a : aggregations) {
                if (!a.averages()) {
                    throw new InvalidInputException(List.of("aggregation"), "expected one that averages"
                            + " under membership weights (mean, shifted-mean, procrustes, lstsq), found '" + a + "'");
                }
                if (!seen.add(a)) {
                    throw new InvalidInputException(List.of("aggregation"), "aggregation '" + a
                            + "' is given twice: give each once");
                }
                if (a != Aggregation.MEAN) {
                    out.add(a);
                }
            }
            this.aggregations = List.copyOf(out);
            return this;
        }

        /**
         * @param endToEnd the end-to-end chart's kind
         * @param tasks the task charts' kinds, cycled over the tasks (at least one); see {@link ChartKinds}
         *              (default: the dataset's default kind for both)
         */
        public Builder optChartKinds(ChartKind endToEnd, List<ChartKind> tasks) {
            if (tasks.isEmpty()) {
                throw new InvalidInputException(List.of("charts"), "task chart kinds: expected at least one, found none");
            }
            this.endToEndKind = Objects.requireNonNull(endToEnd, "endToEnd");
            this.taskKinds = List.copyOf(tasks);
            return this;
        }

        /**
         * @param store the folder whose {@code charts/task-0} and {@code spaces/task-0} hold the end-to-end
         *              chart, shared between the settings of one dataset, seed and profile (default: see
         *              {@link Experiment#run})
         */
        public Builder optEndToEndStore(Path store) {
            this.endToEndStore = Objects.requireNonNull(store, "store");
            return this;
        }

        /** @param listener hears the training progress of charts and probes (default: none) */
        public Builder optListener(ProgressListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * @return the experiment
         * @throws InvalidInputException when the dataset or the setting is missing
         */
        public Experiment build() {
            requireDataset();
            if (setting == null) {
                throw new InvalidInputException(List.of("setting"),
                        "experiment: the task setting is missing; expected one set with setSetting, found none");
            }
            return new Experiment(this);
        }

        /** @return the dataset */
        Dataset requireDataset() {
            if (dataset == null) {
                throw new InvalidInputException(List.of("dataset"),
                        "experiment: the dataset is missing; expected one set with setDataset, found none");
            }
            return dataset;
        }

        /** @return a copy whose chart kinds are resolved, the default ones with their vectors cached in {@code encoderCache} */
        Builder withChartKinds(Path encoderCache) {
            Builder b = new Builder();
            b.dataset = dataset;
            b.setting = setting;
            b.seed = seed;
            b.profile = profile;
            b.deterministic = deterministic;
            b.memberships = memberships;
            b.aggregations = aggregations;
            b.endToEndKind = endToEndKind;
            b.taskKinds = taskKinds;
            b.endToEndStore = endToEndStore;
            b.listener = listener;
            if (b.endToEndKind == null) {
                b.endToEndKind = defaultKind(requireDataset(), encoderCache);
                b.taskKinds = List.of(b.endToEndKind);
            }
            return b;
        }
    }
}
