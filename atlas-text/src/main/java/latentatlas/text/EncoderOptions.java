package latentatlas.text;

/**
 * How an encoder runs.
 *
 * @param batchSize sentences per ONNX call; the sentences are sorted by length first, so a batch
 *     pads little; 1 gives each sentence a vector independent of the others (see
 *     {@link OnnxSentenceEncoder}), larger may be faster (1.0x to 1.6x at 64 on 2 shared cores, measured)
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

    /** @return one sentence per call (exact, batch-independent vectors), one call per available core */
    public static EncoderOptions defaults() {
        return new EncoderOptions(1, Runtime.getRuntime().availableProcessors());
    }
}
