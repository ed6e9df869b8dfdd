/**
 * Task plans: how one classification problem is divided into tasks, one chart per task (docs/method.md §3
 * of Crisostomi et al. 2023): shared classes ({@code part_shared_part_novel},
 * {@link latentatlas.tasks.SharedClassesPlanner}), shared classes with disjoint samples
 * ({@code same_classes_disj_samples}, {@link latentatlas.tasks.DisjointSamplesPlanner}) and fully
 * disjoint tasks ({@code totally_disjoint}, {@link latentatlas.tasks.DisjointPlanner}), plus task 0, the
 * end-to-end task with every class and training sample, which depends only on the dataset and the seed.
 *
 * <p>Every random choice uses its own seeded {@link java.util.Random} stream ({@code classes},
 * {@code anchors}, {@code validation-<task>}, {@code mixture-train}, {@code mixture-test}), so a seed
 * gives the same plan, byte for byte, on every JVM. {@link latentatlas.tasks.PlanChecks} verifies every
 * plan, made by a planner or read from disk; {@link latentatlas.tasks.TaskPlanJson} saves it and reads it
 * back, checked against the dataset it divides.
 */
package latentatlas.tasks;
