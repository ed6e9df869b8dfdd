package latentatlas.text;

import latentatlas.space.LatentSpace;

import java.nio.file.Path;

/**
 * The encoder's vectors for one dataset split, and how they were obtained.
 *
 * @param space the vectors ({@code n x d}, unit rows), with the split's ids and global labels
 * @param folder the cache folder holding them
 * @param encodedSentences sentences that went through the encoder for this call: 0 on a cache hit
 * @param seconds wall time of the encoding (0 on a cache hit)
 */
public record EncodedSplit(LatentSpace space, Path folder, int encodedSentences, double seconds) {
    /** @return whether the vectors came from the cache */
    public boolean fromCache() {
        return encodedSentences == 0;
    }

    /** @return throughput, {@code encodedSentences / seconds}, or NaN on a cache hit */
    public double sentencesPerSecond() {
        return encodedSentences == 0 ? Double.NaN : encodedSentences / seconds;
    }
}
