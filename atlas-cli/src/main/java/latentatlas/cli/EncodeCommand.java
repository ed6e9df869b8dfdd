package latentatlas.cli;

import latentatlas.InvalidInputException;
import latentatlas.dataset.Dataset;
import latentatlas.dataset.Datasets;
import latentatlas.text.EncodedCorpus;
import latentatlas.text.EncodedSplit;
import latentatlas.text.EncoderOptions;
import latentatlas.text.SentenceEncoder;
import latentatlas.text.SentenceEncoders;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** {@code atlas encode}: fills the sentence-vector cache of a text dataset and reports sentences/s. */
@Command(name = "encode", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Encode every split of a text dataset with frozen pretrained sentence encoders and cache the"
                + " vectors (.npy + ids) in DIR/DATASET-ENCODER/SPLIT; a second call reads the cache and encodes"
                + " nothing. Prints sentences/s.")
public final class EncodeCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Option(names = "--dataset", required = true, description = "a text dataset: clinc150 or banking77")
    private String dataset;

    @Option(names = "--encoder", split = ",", description = "encoders, comma-separated: minilm, bge, e5")
    private List<String> encoders = List.of("minilm");

    @Option(names = "--cache", paramLabel = "DIR", description = "the cache folder")
    private Path cache = Path.of("runs", "encoders");

    @Option(names = "--batch", description = "sentences per ONNX call (1: each vector independent of its batch)")
    private int batch = EncoderOptions.defaults().batchSize();

    @Option(names = "--threads", description = "concurrent ONNX calls, one thread each")
    private int threads = EncoderOptions.defaults().threads();

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (batch < 1 || threads < 1) {
            throw new InvalidInputException("--batch and --threads: expected at least 1, found " + batch + " and "
                    + threads + "; pass positive numbers");
        }
        encoders.forEach(SentenceEncoders::model);
        Dataset data = Datasets.open(dataset);
        if (data.isImages()) {
            throw new InvalidInputException("--dataset: expected a text dataset (clinc150, banking77), found the images of "
                    + data.name() + "; pick a text dataset");
        }
        EncodedCorpus corpus = new EncodedCorpus(cache, EncodingProgress.to(err));
        for (String name : encoders) {
            try (SentenceEncoder encoder = SentenceEncoders.byName(name, new EncoderOptions(batch, threads))) {
                out.printf("%s with %s (%s)%n", data.name(), encoder.name(), encoder.fingerprint());
                out.flush();
                int encoded = 0;
                double seconds = 0;
                for (Map.Entry<String, EncodedSplit> e : corpus.encode(data, encoder).entrySet()) {
                    EncodedSplit s = e.getValue();
                    if (s.fromCache()) {
                        out.printf("  %-10s %6d sentences from the cache %s%n", e.getKey(), s.space().size(), s.folder());
                    } else {
                        out.printf("  %-10s %6d sentences encoded in %.1f s (%.0f sentences/s) -> %s%n", e.getKey(),
                                s.encodedSentences(), s.seconds(), s.sentencesPerSecond(), s.folder());
                    }
                    encoded += s.encodedSentences();
                    seconds += s.seconds();
                }
                if (encoded == 0) {
                    out.printf("  all splits from the cache: 0 sentences encoded%n");
                } else {
                    out.printf("  total %d sentences in %.1f s: %.0f sentences/s (batch %d, %d threads)%n",
                            encoded, seconds, encoded / seconds, batch, threads);
                }
                out.flush();
            }
        }
    }
}
