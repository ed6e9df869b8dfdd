package latentatlas.tasks;

import java.util.Arrays;

/**
 * One task of a plan: its global classes (the local label of {@code classes[i]} is {@code i}) and the
 * ids of its training, validation and test samples.
 *
 * @param index 0 for the end-to-end task, 1.. for the charts' tasks
 * @param classes global class ids, in local-label order
 * @param trainIds training sample ids (validation excluded)
 * @param validationIds validation sample ids (10% of the task's training samples, seeded)
 * @param testIds test sample ids
 */
public record Task(int index, int[] classes, long[] trainIds, long[] validationIds, long[] testIds) {
    /** @return the number of classes of the task */
    public int classCount() {
        return classes.length;
    }

    /** @return the local label of global class {@code global}, or -1 when the task lacks it */
    public int localLabel(int global) {
        for (int i = 0; i < classes.length; i++) {
            if (classes[i] == global) {
                return i;
            }
        }
        return -1;
    }

    /** @return the global class of local label {@code local} */
    public int globalLabel(int local) {
        return classes[local];
    }

    /** @return whether the task has global class {@code global} */
    public boolean hasClass(int global) {
        return localLabel(global) >= 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Task t && index == t.index && Arrays.equals(classes, t.classes)
                && Arrays.equals(trainIds, t.trainIds) && Arrays.equals(validationIds, t.validationIds)
                && Arrays.equals(testIds, t.testIds);
    }

    @Override
    public int hashCode() {
        return 31 * index + Arrays.hashCode(classes) + 7 * Arrays.hashCode(trainIds);
    }

    @Override
    public String toString() {
        return "Task[" + index + ", classes=" + Arrays.toString(classes) + ", train=" + trainIds.length
                + ", validation=" + validationIds.length + ", test=" + testIds.length + "]";
    }
}
