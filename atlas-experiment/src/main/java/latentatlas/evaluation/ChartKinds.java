package latentatlas.evaluation;

import latentatlas.InvalidInputException;
import latentatlas.charts.MlpHead;
import latentatlas.charts.ChartArchitectures;
import latentatlas.charts.SmallCnn;
import latentatlas.dataset.Dataset;
import latentatlas.text.EncodedCorpus;
import latentatlas.text.EncodedDataset;
import latentatlas.text.EncodingListener;
import latentatlas.text.SentenceEncoder;
import latentatlas.text.SentenceEncoders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The chart kinds of a dataset by name: images have three architectures trained from scratch,
 * {@code small-cnn} ({@link SmallCnn}, the reference's and the default), {@code resnet}
 * ({@link latentatlas.charts.ResidualCnn}) and {@code mlp} ({@link latentatlas.charts.PixelMlp}); texts
 * have one per frozen sentence encoder ({@link SentenceEncoders#names()}: {@code minilm}, {@code bge},
 * {@code e5}), an {@link MlpHead} trained on the encoder's vectors, which are encoded once into a
 * cache folder and read from it afterwards (docs/method.md §4).
 *
 * <pre>{@code
 * List<ChartKind> kinds = ChartKinds.named(dataset, List.of("minilm", "bge"), Path.of("runs/encoders"),
 *         EncodingListener.SILENT);
 * }</pre>
 */
public final class ChartKinds {
    /** The chart kind of image datasets. */
    public static final String SMALL_CNN = SmallCnn.NAME;
    /** The encoder of text charts when none is named. */
    public static final String DEFAULT_ENCODER = "minilm";

    private static final Logger LOG = LoggerFactory.getLogger(ChartKinds.class);

    private ChartKinds() {
    }

    /** @return the kind a dataset's charts get when none is named: {@code small-cnn} or {@code minilm} */
    public static String defaultName(Dataset dataset) {
        return dataset.isImages() ? SMALL_CNN : DEFAULT_ENCODER;
    }

    /**
     * Resolves chart kind names; a name given twice resolves to the same kind, so each encoder encodes
     * the dataset once. Logs one line per encoder (sentences encoded, or all from the cache).
     *
     * @param dataset the dataset
     * @param names kind names, e.g. {@code [small-cnn]} or {@code [minilm, bge, minilm]}
     * @param encoderCache the sentence-vector cache folder (texts only)
     * @param progress hears the encoding progress
     * @return one kind per name, in order
     * @throws InvalidInputException for a name that is not a kind of this dataset
     */
    public static List<ChartKind> named(Dataset dataset, List<String> names, Path encoderCache,
                                        EncodingListener progress) {
        Map<String, ChartKind> byName = new LinkedHashMap<>();
        List<ChartKind> kinds = new ArrayList<>();
        for (String name : names) {
            kinds.add(byName.computeIfAbsent(name, n -> kind(dataset, n, encoderCache, progress)));
        }
        return kinds;
    }

    private static ChartKind kind(Dataset dataset, String name, Path cache, EncodingListener progress) {
        if (dataset.isImages()) {
            if (!ChartArchitectures.IMAGE_NAMES.contains(name)) {
                throw new InvalidInputException(List.of("charts", "endToEndChart"), "chart kind '" + name
                        + "': image datasets take the architectures " + String.join(", ", ChartArchitectures.IMAGE_NAMES)
                        + "; encoders (" + String.join(", ", SentenceEncoders.names()) + ") are for texts");
            }
            return new ChartKind(name, dataset, ChartArchitectures.imageFactory(name));
        }
        if (!dataset.isTexts()) {
            throw new InvalidInputException(List.of("dataset"), "dataset " + dataset.name() + " holds neither images nor texts");
        }
        if (!SentenceEncoders.names().contains(name)) {
            throw new InvalidInputException(List.of("charts", "endToEndChart"), "chart kind '" + name
                    + "' is not an encoder; expected one of " + String.join(", ", SentenceEncoders.names()));
        }
        try (SentenceEncoder frozen = SentenceEncoders.byName(name)) {
            EncodedDataset encoded = EncodedDataset.of(dataset, frozen, new EncodedCorpus(cache, progress));
            LOG.info(encoded.summary(cache));
            return new ChartKind(name + "+" + MlpHead.NAME, encoded.dataset(),
                    MlpHead.factory(encoded.encoder(), encoded.dimension()));
        }
    }
}
