package latentatlas.spark;

import java.io.Serializable;

/**
 * Called by a job at the start of every partition task, on the executor (progress reporting, fault
 * injection in tests). It is serialized with the task, so it must not hold driver-only state.
 */
@FunctionalInterface
public interface PartitionHook extends Serializable {
    /** A hook that does nothing. */
    PartitionHook NONE = (partition, attempt) -> { };

    /**
     * @param partition the partition index
     * @param attempt the task attempt number (0 on the first try, higher when Spark retries)
     */
    void start(int partition, int attempt);
}
