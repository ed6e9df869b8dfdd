package latentatlas.tasks;

import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/** Labels of made-up datasets for planner property tests: C classes with random class sizes. */
final class SyntheticLabels {
    private SyntheticLabels() {
    }

    /**
     * @return C classes; class c has between {@code minTrain} and {@code 2 * minTrain} training samples
     *     and between 1 and 10 test samples; train ids come first, labels shuffled over the ids
     */
    static DatasetLabels random(int classCount, int minTrain, long seed) {
        Random rng = new Random(seed);
        int[] trainSizes = new int[classCount];
        int[] testSizes = new int[classCount];
        int nTrain = 0;
        int nTest = 0;
        for (int c = 0; c < classCount; c++) {
            trainSizes[c] = minTrain + rng.nextInt(minTrain + 1);
            testSizes[c] = 1 + rng.nextInt(10);
            nTrain += trainSizes[c];
            nTest += testSizes[c];
        }
        int[] trainLabels = expand(trainSizes, nTrain, rng);
        int[] testLabels = expand(testSizes, nTest, rng);
        long[] trainIds = new long[nTrain];
        long[] testIds = new long[nTest];
        for (int i = 0; i < nTrain; i++) {
            trainIds[i] = i;
        }
        for (int i = 0; i < nTest; i++) {
            testIds[i] = nTrain + i;
        }
        List<String> names = IntStream.range(0, classCount).mapToObj(c -> "class " + c).toList();
        return new DatasetLabels("synthetic-" + classCount, "f" + seed, names, trainIds, trainLabels, testIds, testLabels);
    }

    private static int[] expand(int[] sizes, int n, Random rng) {
        int[] labels = new int[n];
        int at = 0;
        for (int c = 0; c < sizes.length; c++) {
            for (int k = 0; k < sizes[c]; k++) {
                labels[at++] = c;
            }
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = labels[i];
            labels[i] = labels[j];
            labels[j] = t;
        }
        return labels;
    }
}
