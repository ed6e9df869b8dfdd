package latentatlas.text;

import latentatlas.InvalidInputException;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The registry of sentence encoders by command-line name: {@code minilm}, {@code bge}, {@code e5}. */
public final class SentenceEncoders {
    private SentenceEncoders() {
    }

    /** @return the valid names, in registry order */
    public static List<String> names() {
        return Arrays.stream(PretrainedEncoder.values()).map(PretrainedEncoder::shortName).toList();
    }

    /**
     * @param name an encoder name (case-insensitive)
     * @return the pretrained model of that name
     * @throws InvalidInputException naming the valid names when there is none
     */
    public static PretrainedEncoder model(String name) {
        String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (PretrainedEncoder model : PretrainedEncoder.values()) {
            if (model.shortName().equals(wanted)) {
                return model;
            }
        }
        throw new InvalidInputException("encoder: expected one of " + String.join(", ", names()) + ", found '" + name
                + "'; pass one of those names");
    }

    /** @return the encoder of that name with {@link EncoderOptions#defaults()} (loaded on first use) */
    public static SentenceEncoder byName(String name) {
        return byName(name, EncoderOptions.defaults());
    }

    /** @return the encoder of that name (loaded on first use) */
    public static SentenceEncoder byName(String name, EncoderOptions options) {
        return new OnnxSentenceEncoder(model(name), options);
    }
}
