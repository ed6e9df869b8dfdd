package latentatlas.text;

import latentatlas.InvalidInputException;
import latentatlas.dataset.Dataset;
import latentatlas.dataset.Samples;
import latentatlas.space.LatentSpace;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A text dataset seen through a frozen sentence encoder: the same name, classes, ids, labels and
 * splits, with every sentence replaced by its encoder vector {@code e(x) in R^d} (a
 * {@link Samples#vectors vector} sample). A text chart trains its head on these vectors, so the
 * encoder runs once per dataset and encoder ({@link EncodedCorpus} caches the vectors) however many
 * tasks and settings use them.
 *
 * <p>The fingerprint is {@code SHA-256(textFingerprint | encoder name | encoder fingerprint)}: a
 * result traced to it names both the sentences and the model that encoded them.
 *
 * @param dataset the vector dataset
 * @param encoder the encoder's command-line name, e.g. {@code minilm}
 * @param encoderFingerprint the encoder's fingerprint ({@link SentenceEncoder#fingerprint()})
 * @param splits how each split was obtained (cache hit, or sentences encoded and seconds)
 */
public record EncodedDataset(Dataset dataset, String encoder, String encoderFingerprint, Map<String, EncodedSplit> splits) {
    /** Metadata key of the encoder's name. */
    public static final String ENCODER = "encoder";
    /** Metadata key of the encoder's fingerprint. */
    public static final String ENCODER_FINGERPRINT = "encoderFingerprint";
    /** Metadata key of the text dataset's own fingerprint. */
    public static final String TEXT_FINGERPRINT = "textFingerprint";

    /**
     * Encodes every split of a text dataset (or loads the cached vectors).
     *
     * @param text a text dataset (e.g. {@code Datasets.open("clinc150")}, or a subset of one)
     * @param encoder the frozen encoder
     * @param cache the vector cache
     * @return the vector dataset and how each split was obtained
     */
    public static EncodedDataset of(Dataset text, SentenceEncoder encoder, EncodedCorpus cache) {
        if (!text.isTexts()) {
            throw new InvalidInputException("dataset: expected sentences for the encoder " + encoder.name() + ", found the "
                    + text.train().kind() + " of " + text.name() + "; pick a text dataset such as clinc150 or banking77");
        }
        Map<String, EncodedSplit> splits = cache.encode(text, encoder);
        Map<String, Samples> extra = new LinkedHashMap<>();
        text.extraSplits().forEach((name, samples) -> extra.put(name, vectors(samples, splits.get(name))));
        Map<String, Object> metadata = new LinkedHashMap<>(text.metadata());
        metadata.put(ENCODER, encoder.name());
        metadata.put(ENCODER_FINGERPRINT, encoder.fingerprint());
        metadata.put(TEXT_FINGERPRINT, text.fingerprint());
        Dataset vectors = new Dataset(text.name(), text.classes(), vectors(text.train(), splits.get("train")),
                vectors(text.test(), splits.get("test")), extra, fingerprint(text.fingerprint(), encoder), metadata);
        return new EncodedDataset(vectors, encoder.name(), encoder.fingerprint(), splits);
    }

    /** @return the vector width {@code d} */
    public int dimension() {
        return dataset.train().dim();
    }

    /** @return sentences that went through the encoder in this call, over all splits: 0 when all came from the cache */
    public int encodedSentences() {
        return splits.values().stream().mapToInt(EncodedSplit::encodedSentences).sum();
    }

    /** @return wall seconds spent encoding in this call */
    public double encodingSeconds() {
        return splits.values().stream().mapToDouble(EncodedSplit::seconds).sum();
    }

    /** @return {@code encodedSentences / encodingSeconds}, or NaN when everything came from the cache */
    public double sentencesPerSecond() {
        int n = encodedSentences();
        return n == 0 ? Double.NaN : n / encodingSeconds();
    }

    /**
     * @param cache the vector cache folder the splits came from
     * @return one line: the sentences encoded and their rate, or that every split came from the cache
     */
    public String summary(Path cache) {
        if (encodedSentences() == 0) {
            return String.format(Locale.ROOT, "encoder %s: all %d splits from the cache %s, 0 sentences encoded",
                    encoder, splits.size(), cache);
        }
        return String.format(Locale.ROOT, "encoder %s: %d sentences encoded in %.1f s (%.0f sentences/s), cached in %s",
                encoder, encodedSentences(), encodingSeconds(), sentencesPerSecond(), cache);
    }

    private static Samples vectors(Samples text, EncodedSplit split) {
        LatentSpace space = split.space();
        return Samples.vectors(text.ids(), text.labels(), space.dim(), space.rawVectors());
    }

    /** @return {@code SHA-256(textFingerprint | name | encoderFingerprint)} in hex */
    static String fingerprint(String textFingerprint, SentenceEncoder encoder) {
        String text = textFingerprint + "|" + encoder.name() + "|" + encoder.fingerprint();
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
