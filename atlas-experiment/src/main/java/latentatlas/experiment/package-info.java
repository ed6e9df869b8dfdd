/**
 * The experiment runner: dataset → task plan → charts → latent spaces → relative spaces → atlas (one
 * per membership rule) → analyses → results and report, every stage saved in the run folder and
 * reused on a rerun, so that a killed run resumes (the protocol of Crisostomi et al. 2023, docs/method.md
 * §3-§7, with the label-free memberships of §8). The entry point is {@link latentatlas.experiment.Experiment}
 * (one run); {@link latentatlas.experiment.PaperRunner} runs the paper's settings through it.
 */
package latentatlas.experiment;
