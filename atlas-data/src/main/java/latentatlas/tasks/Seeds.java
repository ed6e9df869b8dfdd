package latentatlas.tasks;

import java.util.Random;

/**
 * Seeded randomness for plans. Every random choice draws from its own {@link Random} (whose algorithm
 * the Java specification fixes, so a seed gives the same plan on every JVM), seeded with
 * {@code splitmix64(seed + 0x9E3779B97F4A7C15 * label.hashCode())} ({@code String.hashCode} is also
 * specified); streams with different labels are independent, and adding a choice never shifts another.
 */
final class Seeds {
    private Seeds() {
    }

    /** @return the random stream named {@code label} of {@code seed} */
    static Random stream(long seed, String label) {
        long z = seed + 0x9E3779B97F4A7C15L * label.hashCode();
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return new Random(z ^ (z >>> 31));
    }
}
