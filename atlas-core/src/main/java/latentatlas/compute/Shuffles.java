package latentatlas.compute;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Seeded Fisher-Yates shuffles, the one implementation behind every random order and subsample of the
 * project (plans, training batches, probe splits, subsamples of analyses). A generator whose algorithm is
 * fixed ({@link java.util.Random}, {@link java.util.SplittableRandom}) gives the same result on every JVM.
 *
 * <p>Full shuffle (Durstenfeld): for {@code i = n-1 .. 1}, swap {@code a[i]} with {@code a[j]},
 * {@code j = nextInt(i + 1)}. Subsample of {@code m}: for {@code i = 0 .. m-1}, swap {@code a[i]} with
 * {@code a[i + nextInt(n - i)]} and keep the first {@code m} (a uniform sample without replacement).
 */
public final class Shuffles {
    private Shuffles() {
    }

    /** Shuffles {@code a} in place. */
    public static void shuffle(int[] a, RandomGenerator random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** Shuffles {@code a} in place, drawing as {@link #shuffle(int[], RandomGenerator)}. */
    public static void shuffle(long[] a, RandomGenerator random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            long t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** @return a random permutation of {@code 0..n-1} */
    public static int[] permutation(int n, RandomGenerator random) {
        int[] p = identity(n);
        shuffle(p, random);
        return p;
    }

    /**
     * @param n the population {@code 0..n-1}
     * @param max the most rows to keep
     * @return all of {@code 0..n-1} when {@code n <= max}, else {@code max} distinct rows drawn uniformly;
     *         ascending either way
     */
    public static int[] sample(int n, int max, RandomGenerator random) {
        int[] p = identity(n);
        if (n <= max) {
            return p;
        }
        for (int i = 0; i < max; i++) {
            int j = i + random.nextInt(n - i);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        int[] chosen = Arrays.copyOf(p, max);
        Arrays.sort(chosen);
        return chosen;
    }

    private static int[] identity(int n) {
        int[] p = new int[n];
        Arrays.setAll(p, i -> i);
        return p;
    }
}
