package latentatlas.experiment;

import latentatlas.atlas.Aggregation;
import latentatlas.evaluation.Membership;
import latentatlas.tasks.TaskPlanner;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link ExperimentRunner} runs.
 *
 * @param planner the task setting and its parameters
 * @param seed seeds the plan, the training and the analyses
 * @param profile epoch limits
 * @param deterministic one PyTorch thread, so reruns repeat bit for bit on any machine
 * @param memberships the membership modes to evaluate, parsed (see {@link Membership#parse})
 * @param aggregations the atlas aggregations to evaluate under every mode, {@link Aggregation#MEAN} first
 * @param out the run folder
 * @param endToEndStore the folder whose {@code charts/task-0} and {@code spaces/task-0} hold the
 *                      end-to-end chart, shared between the settings of one dataset, seed and profile
 */
record ExperimentConfig(TaskPlanner planner, long seed, Profile profile, boolean deterministic,
                               List<Membership> memberships, List<Aggregation> aggregations, Path out,
                               Path endToEndStore) {
    /** Copies the lists. */
    ExperimentConfig {
        memberships = List.copyOf(memberships);
        aggregations = List.copyOf(aggregations);
    }

    /**
     * @param sharedClasses whether the setting is shared-classes (the paper's probe protocol is added there)
     * @return how the analyses run under this configuration's profile and seed
     */
    latentatlas.analyses.SpaceAnalyses.AnalysisConfig analysis(boolean sharedClasses) {
        // deterministic whatever the experiment says: the runner analyses the spaces on a TrainingSchedule,
        // one PyTorch thread each, so that is how the probes train
        return new latentatlas.analyses.SpaceAnalyses.AnalysisConfig(profile.probe(seed, true), sharedClasses,
                profile.kmeansInit(), profile.silhouetteRows(), profile.knnReferenceRows(), seed);
    }
}
