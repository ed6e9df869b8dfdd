package latentatlas.report;

import latentatlas.space.LatentSpace;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Seeded subsamples that pick the same samples in every space holding them: each row gets the
 * priority {@code h(id, seed)} (SplitMix64 of the id mixed with the seed) and the {@code max} rows of
 * smallest priority are kept (bottom-k sampling, a uniform sample without replacement). Because the
 * priority depends on the id and not on the row, panels of the same samples in different spaces show
 * the same samples, whatever the row order of each file.
 */
final class Subsample {
    private Subsample() {
    }

    /**
     * @return at most {@code max} rows of {@code space}, in the order of their priority (a seeded
     *         shuffle, used as the drawing order)
     */
    static int[] rows(LatentSpace space, int max, long seed) {
        int n = space.size();
        long salt = mix(seed);
        long[] priority = new long[n];
        for (int i = 0; i < n; i++) {
            priority[i] = mix(space.id(i) ^ salt);
        }
        // the mix is a bijection and ids are unique, so priorities are distinct: a threshold selects exactly
        long threshold = Long.MAX_VALUE;
        if (n > max) {
            long[] sorted = priority.clone();
            Arrays.sort(sorted);
            threshold = sorted[max - 1];
        }
        long limit = threshold;
        return IntStream.range(0, n).filter(i -> priority[i] <= limit).boxed()
                .sorted(Comparator.comparingLong(i -> priority[i]))
                .mapToInt(Integer::intValue).toArray();
    }

    /** @return {@code rows} sorted by class label, then by id (the order of a similarity matrix) */
    static int[] byLabel(LatentSpace space, int[] rows) {
        return Arrays.stream(rows).boxed()
                .sorted(Comparator.<Integer>comparingInt(space::label).thenComparingLong(space::id))
                .mapToInt(Integer::intValue).toArray();
    }

    /** SplitMix64's finaliser: a bijective 64-bit mix. */
    private static long mix(long z) {
        z += 0x9e3779b97f4a7c15L;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
