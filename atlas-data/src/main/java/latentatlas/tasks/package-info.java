/**
 * Task plans: how one classification problem is divided into tasks, one chart per task (method.md §3
 * of Crisostomi et al. 2023): shared classes ({@code part_shared_part_novel}), shared classes with
 * disjoint samples ({@code same_classes_disj_samples}) and fully disjoint tasks
 * ({@code totally_disjoint}), plus task 0, the end-to-end task with every class and training sample.
 */
package latentatlas.tasks;
