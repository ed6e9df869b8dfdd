package latentatlas.tasks;

import latentatlas.InvalidInputException;
import latentatlas.anchors.AnchorFeatures;
import latentatlas.anchors.AnchorPool;
import latentatlas.anchors.AnchorSelection;
import latentatlas.anchors.AnchorStrategy;
import latentatlas.compute.Shuffles;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;

/** The steps the planners share: task 0, the validation split, anchors, class partitions. */
final class PlanParts {
    /** Share of each task's training samples kept for validation (docs/method.md §3). */
    static final double VALIDATION_FRACTION = 0.1;

    private PlanParts() {
    }

    /**
     * Builds a task from its pool of training ids: {@code ceil(n / 10)} of them, drawn with the stream
     * {@code validation-<index>}, become validation ids. All id lists are sorted ascending.
     */
    static Task task(int index, int[] classes, long[] pool, long[] testIds, long seed, String dataset) {
        long[] shuffled = pool.clone();
        Arrays.sort(shuffled);
        Shuffles.shuffle(shuffled, Seeds.stream(seed, "validation-" + index));
        int validation = (shuffled.length + 9) / 10;
        if (shuffled.length - validation < 1) {
            throw new InvalidInputException("task " + index + " of " + dataset + " has " + pool.length
                    + " training samples, too few to keep one for training after the 10% validation split;"
                    + " use fewer tasks or fewer anchors");
        }
        long[] val = Arrays.copyOfRange(shuffled, 0, validation);
        long[] train = Arrays.copyOfRange(shuffled, validation, shuffled.length);
        long[] test = testIds.clone();
        Arrays.sort(val);
        Arrays.sort(train);
        Arrays.sort(test);
        return new Task(index, classes.clone(), train, val, test);
    }

    /**
     * Task 0, the end-to-end task: every class in order, every training sample (anchors included) and
     * every test sample. It depends only on the dataset and the seed, so it is the same in every setting.
     */
    static Task endToEnd(DatasetLabels data, long seed) {
        int[] all = new int[data.classCount()];
        Arrays.setAll(all, c -> c);
        return task(0, all, data.trainIds(), data.testIds(), seed, data.name());
    }

    /**
     * Chooses {@code k} anchors from {@code pool} with {@code strategy} ({@link AnchorSelection}, random
     * stream {@code anchors}), sorted ascending (the anchor order is the order of the relative
     * coordinates). The random strategy is the first k of a shuffle of the sorted pool, as before
     * strategies existed, so its plans keep their bytes.
     *
     * @param features the pool's input features (k-means, farthest), or {@code null} when the caller has none
     * @param poolName the pool as error messages name it
     */
    static long[] chooseAnchors(AnchorStrategy strategy, long[] pool, DatasetLabels data, AnchorFeatures features,
                                int k, long seed, String poolName) {
        int[] labelOf = trainLabelsById(data);
        int[] labels = new int[pool.length];
        for (int i = 0; i < pool.length; i++) {
            labels[i] = labelOf[Math.toIntExact(pool[i])];
        }
        return AnchorSelection.select(strategy, new AnchorPool(pool, labels, features, poolName), k,
                Seeds.stream(seed, "anchors"));
    }

    /** Records a strategy other than random in a plan's parameters (random plans keep their bytes). */
    static void recordStrategy(Map<String, Object> parameters, AnchorStrategy strategy) {
        if (strategy != AnchorStrategy.RANDOM) {
            parameters.put(TaskPlan.ANCHOR_SELECTION, strategy.externalName());
        }
    }

    private static int[] trainLabelsById(DatasetLabels data) {
        long max = LongStream.of(data.trainIds()).max().orElse(-1);
        int[] labelOf = new int[Math.toIntExact(max + 1)];
        for (int i = 0; i < data.trainIds().length; i++) {
            labelOf[Math.toIntExact(data.trainIds()[i])] = data.trainLabels()[i];
        }
        return labelOf;
    }

    /** @return the classes {@code 0..C-1} in a random order (stream {@code classes}) */
    static int[] shuffledClasses(int classCount, long seed) {
        int[] order = new int[classCount];
        Arrays.setAll(order, c -> c);
        Shuffles.shuffle(order, Seeds.stream(seed, "classes"));
        return order;
    }

    /**
     * Cuts {@code order} into {@code parts} consecutive groups of near-equal size: with
     * {@code C = q * parts + r}, the first r groups get q + 1 classes, the others q. Each group is
     * sorted ascending.
     */
    static int[][] partition(int[] order, int parts) {
        int q = order.length / parts;
        int r = order.length % parts;
        int[][] groups = new int[parts][];
        int at = 0;
        for (int p = 0; p < parts; p++) {
            int size = q + (p < r ? 1 : 0);
            groups[p] = Arrays.copyOfRange(order, at, at + size);
            Arrays.sort(groups[p]);
            at += size;
        }
        return groups;
    }

    /** @return the ids of the given classes, without those in {@code exclude}, sorted ascending */
    static long[] idsOf(long[][] idsByClass, int[] classes, BitSet exclude) {
        return Arrays.stream(classes).mapToObj(c -> Arrays.stream(idsByClass[c]))
                .flatMapToLong(s -> s).filter(id -> !exclude.get(Math.toIntExact(id))).sorted().toArray();
    }

    /** @return a set holding {@code ids} */
    static BitSet setOf(long[] ids) {
        BitSet set = new BitSet();
        for (long id : ids) {
            set.set(Math.toIntExact(id));
        }
        return set;
    }

    /** @return every training id, sorted */
    static long[] allTrain(DatasetLabels data) {
        return LongStream.of(data.trainIds()).sorted().toArray();
    }

    /**
     * Splits {@code ids} (sorted, then shuffled with {@code rng}) into consecutive chunks by cumulative
     * fractions: chunk t ends at {@code round(n * (f_1 + ... + f_t))}, the last at n.
     */
    static long[][] cut(long[] ids, double[] fractions, Random rng) {
        long[] shuffled = ids.clone();
        Arrays.sort(shuffled);
        Shuffles.shuffle(shuffled, rng);
        long[][] chunks = new long[fractions.length][];
        double cumulative = 0;
        int start = 0;
        for (int t = 0; t < fractions.length; t++) {
            cumulative += fractions[t];
            int end = t == fractions.length - 1 ? shuffled.length
                    : (int) Math.min(shuffled.length, Math.round(shuffled.length * cumulative));
            end = Math.max(end, start);
            chunks[t] = Arrays.copyOfRange(shuffled, start, end);
            start = end;
        }
        return chunks;
    }
}
