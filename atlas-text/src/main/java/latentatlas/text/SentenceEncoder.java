package latentatlas.text;

/**
 * A frozen sentence encoder: sentences in, one {@link #dimension()}-d vector per sentence out.
 * Deterministic: the same sentences give the same vectors, call after call.
 */
public interface SentenceEncoder extends AutoCloseable {
    /** @return the short name the command line uses, e.g. {@code minilm} */
    String name();

    /** @return the length {@code d} of every vector */
    int dimension();

    /**
     * @return a string that changes whenever the vectors could change (model artifact and version,
     *     pooling, prefix, token limit); the cache is keyed on it
     */
    String fingerprint();

    /**
     * @param texts {@code n} sentences, none blank
     * @return the vectors, row-major {@code n x d} float32
     */
    float[] encode(String[] texts);

    /** Releases native resources; the encoder cannot be used afterwards. */
    @Override
    void close();
}
