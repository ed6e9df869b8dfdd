package latentatlas.text;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.EnumMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The three real encoders: shape, unit norm, determinism, agreement with langchain4j, semantics. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("real-data")
class SentenceEncoderTest {
    private final Map<PretrainedEncoder, OnnxSentenceEncoder> batched = new EnumMap<>(PretrainedEncoder.class);
    private final Map<PretrainedEncoder, OnnxSentenceEncoder> single = new EnumMap<>(PretrainedEncoder.class);

    @BeforeAll
    void open() {
        for (PretrainedEncoder model : PretrainedEncoder.values()) {
            batched.put(model, new OnnxSentenceEncoder(model, new EncoderOptions(64, 2)));
            single.put(model, new OnnxSentenceEncoder(model, new EncoderOptions(1, 2)));
        }
    }

    @AfterAll
    void close() {
        batched.values().forEach(OnnxSentenceEncoder::close);
        single.values().forEach(OnnxSentenceEncoder::close);
    }

    private static String[] flat() {
        String[] texts = new String[Sentences.PARAPHRASES.length * 2];
        for (int k = 0; k < Sentences.PARAPHRASES.length; k++) {
            texts[2 * k] = Sentences.PARAPHRASES[k][0];
            texts[2 * k + 1] = Sentences.PARAPHRASES[k][1];
        }
        return texts;
    }

    @ParameterizedTest
    @EnumSource(PretrainedEncoder.class)
    void unitVectorsOf384AndDeterministic(PretrainedEncoder model) {
        String[] texts = flat();
        SentenceEncoder encoder = batched.get(model);
        float[] first = encoder.encode(texts);
        assertEquals(texts.length * 384, first.length);
        for (int i = 0; i < texts.length; i++) {
            assertEquals(1.0, Sentences.cosine(first, i, first, i, 384) * norm(first, i), 1e-5, "norm of row " + i);
        }
        assertArrayEquals(first, encoder.encode(texts), "same sentences, same vectors");
    }

    /** Batch size 1 must reproduce langchain4j's own model (one ONNX call per sentence, no padding). */
    @ParameterizedTest
    @EnumSource(PretrainedEncoder.class)
    void batchOfOneMatchesLangchain4j(PretrainedEncoder model) {
        String[] texts = flat();
        float[] ours = single.get(model).encode(texts);
        var reference = model.langchain4jModel();
        for (int i = 0; i < texts.length; i++) {
            float[] expected = reference.embed(model.prefix() + texts[i]).content().vector();
            float[] row = java.util.Arrays.copyOfRange(ours, i * 384, (i + 1) * 384);
            assertArrayEquals(expected, row, 1e-5f, model + " row " + i);
        }
    }

    /** Larger batches share int8 activation scales: close to, not equal to, the single-sentence vectors. */
    @ParameterizedTest
    @EnumSource(PretrainedEncoder.class)
    void batchedStaysCloseToSingle(PretrainedEncoder model) {
        String[] texts = flat();
        float[] many = batched.get(model).encode(texts);
        float[] one = single.get(model).encode(texts);
        for (int i = 0; i < texts.length; i++) {
            double cos = Sentences.cosine(many, i, one, i, 384);
            assertTrue(cos > 0.97, model + " row " + i + ": cosine batched vs single " + cos);
        }
    }

    /**
     * Each sentence is closer to its paraphrase than to any sentence of another intent, by a margin:
     * {@code cos(a, a') - max_{x unrelated} cos(a, x) > margin}.
     */
    @ParameterizedTest
    @EnumSource(PretrainedEncoder.class)
    void paraphrasesBeatUnrelatedSentences(PretrainedEncoder model) {
        String[] texts = flat();
        float[] v = batched.get(model).encode(texts);
        double worst = Double.POSITIVE_INFINITY;
        for (int i = 0; i < texts.length; i++) {
            int mate = i ^ 1;
            double paraphrase = Sentences.cosine(v, i, v, mate, 384);
            double unrelated = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < texts.length; j++) {
                if (j / 2 != i / 2) {
                    unrelated = Math.max(unrelated, Sentences.cosine(v, i, v, j, 384));
                }
            }
            worst = Math.min(worst, paraphrase - unrelated);
        }
        System.out.printf("%s worst margin %.3f%n", model, worst);
        assertTrue(worst > margin(model), model + ": worst margin " + worst);
    }

    /**
     * Margins at about 60% of the worst ones measured (minilm 0.426, bge 0.188, e5 0.092): E5's
     * cosines crowd into [0.75, 1], BGE's into [0.5, 1], MiniLM's spread over [0, 1].
     */
    private static double margin(PretrainedEncoder model) {
        return switch (model) {
            case MINILM -> 0.25;
            case BGE -> 0.11;
            case E5 -> 0.05;
        };
    }

    private static double norm(float[] v, int row) {
        double s = 0;
        for (int j = 0; j < 384; j++) {
            s += (double) v[row * 384 + j] * v[row * 384 + j];
        }
        return Math.sqrt(s);
    }
}
