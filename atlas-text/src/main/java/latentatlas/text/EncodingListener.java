package latentatlas.text;

/** Hears how far the encoding of a split has come (a progress bar, a log line, a test counter). */
@FunctionalInterface
public interface EncodingListener {
    /** A listener that does nothing. */
    EncodingListener SILENT = (split, done, total) -> { };

    /**
     * Called after each chunk of sentences has gone through the encoder.
     *
     * @param split the split's name
     * @param done sentences encoded so far in this split
     * @param total sentences in this split
     */
    void encoded(String split, int done, int total);
}
