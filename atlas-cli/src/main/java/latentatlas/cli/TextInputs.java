package latentatlas.cli;

import latentatlas.dataset.Dataset;
import latentatlas.evaluation.ChartKinds;
import latentatlas.text.EncodedCorpus;
import latentatlas.text.EncodedDataset;
import latentatlas.text.SentenceEncoder;
import latentatlas.text.SentenceEncoders;

import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * The inputs of text charts: a text dataset through a frozen sentence encoder, its vectors read from
 * (or written to) the cache {@code RUN/encoders} unless another folder is given, with a line saying
 * how many sentences were encoded and at what rate.
 */
final class TextInputs {
    /** The encoder of text charts when none is named. */
    static final String DEFAULT_ENCODER = ChartKinds.DEFAULT_ENCODER;

    private TextInputs() {
    }

    /** @return the cache folder: {@code cache}, or {@code RUN/encoders} when it is null */
    static Path cache(Path run, Path cache) {
        return cache != null ? cache : run.resolve("encoders");
    }

    /**
     * @param text a text dataset
     * @param encoder the encoder's name ({@link SentenceEncoders})
     * @param cache the vector cache folder
     * @param out receives one line: sentences encoded and sentences/s, or that all came from the cache
     * @param err receives the encoding progress
     * @return the dataset of encoder vectors
     */
    static EncodedDataset encode(Dataset text, String encoder, Path cache, PrintWriter out, PrintWriter err) {
        try (SentenceEncoder frozen = SentenceEncoders.byName(encoder)) {
            EncodedDataset encoded = EncodedDataset.of(text, frozen, new EncodedCorpus(cache, EncodingProgress.to(err)));
            out.println(encoded.summary(cache));
            out.flush();
            return encoded;
        }
    }
}
