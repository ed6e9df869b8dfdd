package latentatlas.tasks;

import latentatlas.InvalidInputException;
import latentatlas.dataset.Dataset;

import java.util.ArrayList;
import java.util.List;

/**
 * What a planner needs of a dataset: its name, fingerprint, class count, and the ids and labels of
 * the training and test splits (no pixels, no sentences).
 *
 * @param name dataset name (named in error messages and recorded in the plan)
 * @param fingerprint the dataset fingerprint
 * @param classes the class names (class {@code c} is {@code classes.get(c)}); their number is C, and
 *     labels lie in {@code 0..C-1}
 * @param trainIds ids of the training split
 * @param trainLabels global labels of the training split
 * @param testIds ids of the test split
 * @param testLabels global labels of the test split
 */
public record DatasetLabels(String name, String fingerprint, List<String> classes, long[] trainIds, int[] trainLabels,
                            long[] testIds, int[] testLabels) {
    /**
     * Validates lengths and labels, and that every class has a training sample (a planner would
     * otherwise give a task a class it cannot learn). Ids (non-negative, none in both splits) are checked
     * by the plan checks.
     *
     * @throws InvalidInputException naming the first class without a training sample
     */
    public DatasetLabels {
        classes = List.copyOf(classes);
        if (trainIds.length != trainLabels.length || testIds.length != testLabels.length) {
            throw new IllegalArgumentException("ids and labels differ in length");
        }
        int[] trainCount = new int[classes.size()];
        for (int[] labels : new int[][] {trainLabels, testLabels}) {
            for (int l : labels) {
                if (l < 0 || l >= classes.size()) {
                    throw new IllegalArgumentException("label " + l + " outside 0.." + (classes.size() - 1));
                }
            }
        }
        for (int l : trainLabels) {
            trainCount[l]++;
        }
        for (int c = 0; c < trainCount.length; c++) {
            if (trainCount[c] == 0) {
                throw new InvalidInputException(name + ": class '" + classes.get(c) + "' (" + c + " of " + classes.size()
                        + ") has no training sample; every class needs one to be divided into tasks (remove the"
                        + " class or add its samples)");
            }
        }
    }

    /** @return the number of classes C */
    public int classCount() {
        return classes.size();
    }

    /** @return the labels of {@code dataset}'s training and test splits */
    public static DatasetLabels of(Dataset dataset) {
        return new DatasetLabels(dataset.name(), dataset.fingerprint(), dataset.classes(), dataset.train().ids(),
                dataset.train().labels(), dataset.test().ids(), dataset.test().labels());
    }

    /** @return the training ids of each class, each list in split order */
    public long[][] trainIdsByClass() {
        return byClass(trainIds, trainLabels);
    }

    /** @return the test ids of each class, each list in split order */
    public long[][] testIdsByClass() {
        return byClass(testIds, testLabels);
    }

    private long[][] byClass(long[] ids, int[] labels) {
        List<List<Long>> lists = new ArrayList<>();
        for (int c = 0; c < classCount(); c++) {
            lists.add(new ArrayList<>());
        }
        for (int i = 0; i < ids.length; i++) {
            lists.get(labels[i]).add(ids[i]);
        }
        long[][] out = new long[classCount()][];
        for (int c = 0; c < classCount(); c++) {
            out[c] = lists.get(c).stream().mapToLong(Long::longValue).toArray();
        }
        return out;
    }
}
