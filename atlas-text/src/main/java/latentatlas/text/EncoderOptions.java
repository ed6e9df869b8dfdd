package latentatlas.text;

/**
 * How an encoder runs.
 *
 * @param batchSize sentences per ONNX call; the sentences are sorted by length first, so a batch
 *     pads little; 1 gives each sentence a vector independent of the others (see
 *     {@link OnnxSentenceEncoder}), larger is faster (about 1.5x at 64 on 2 cores)
 * @param threads concurrent ONNX calls, each on one intra-op thread (one shared session)
 */
public record EncoderOptions(int batchSize, int threads) {
    /** Validates the options. */
    public EncoderOptions {
        if (batchSize < 1 || batchSize > 4096) {
            throw new IllegalArgumentException("batch size must be in 1..4096, found " + batchSize);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, found " + threads);
        }
    }

    /** @return batches of 64 on every available core */
    public static EncoderOptions defaults() {
        return new EncoderOptions(64, Runtime.getRuntime().availableProcessors());
    }
}
