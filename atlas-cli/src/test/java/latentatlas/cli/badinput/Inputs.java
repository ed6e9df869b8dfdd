package latentatlas.cli.badinput;

import latentatlas.io.Npy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

/** Setups for the bad-input suite: small valid inputs that a case then spoils. */
final class Inputs {
    private Inputs() {
    }

    /**
     * Writes a valid {@code NAME.npy} ({@code rows x width} seeded Gaussian float32) and {@code NAME.ids.npy}
     * (ids {@code 0..rows-1}) into {@code dir}.
     */
    static void space(Path dir, String name, int rows, int width, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] v = new float[rows * width];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (random.nextGaussian());
        }
        Npy.writeMatrix(dir.resolve(name + ".npy"), v, rows, width);
        Npy.writeLongs(dir.resolve(name + ".ids.npy"), LongStream.range(0, rows).toArray());
    }

    /** Writes {@code anchors.npy} with the ids {@code 0..count-1}. */
    static void anchors(Path dir, int count) {
        Npy.writeLongs(dir.resolve("anchors.npy"), LongStream.range(0, count).toArray());
    }

    /** Two valid spaces a and b (100 x 8) and 10 anchors: a merge of them succeeds. */
    static void twoSpaces(Path dir) {
        space(dir, "a", 100, 8, 1);
        space(dir, "b", 100, 8, 2);
        anchors(dir, 10);
    }

    /** Writes {@code bytes} to {@code dir/name}. */
    static void bytes(Path dir, String name, byte[] bytes) throws IOException {
        Files.write(dir.resolve(name), bytes);
    }
}
