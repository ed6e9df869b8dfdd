package latentatlas.text;

import latentatlas.InvalidInputException;
import latentatlas.dataset.Dataset;
import latentatlas.dataset.ImageShape;
import latentatlas.dataset.Samples;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A text dataset through a frozen encoder: same ids, labels and splits, the encoder's vectors, encoded once. */
@Tag("real-data")
class EncodedDatasetTest {
    /** Train: the first wording of each paraphrase pair (ids 0..7); test: the second (8..15); validation: 2 more. */
    private static Dataset text() {
        int k = Sentences.PARAPHRASES.length;
        long[] trainIds = new long[k];
        long[] testIds = new long[k];
        int[] labels = new int[k];
        String[] first = new String[k];
        String[] second = new String[k];
        for (int i = 0; i < k; i++) {
            trainIds[i] = i;
            testIds[i] = k + i;
            labels[i] = i;
            first[i] = Sentences.PARAPHRASES[i][0];
            second[i] = Sentences.PARAPHRASES[i][1];
        }
        Samples validation = Samples.texts(new long[] {2L * k, 2L * k + 1}, new int[] {3, 5},
                new String[] {"is it going to rain in boston tomorrow", "play a jazz track"});
        List<String> classes = List.of("translate", "balance", "alarm", "weather", "card-lost", "music", "calories", "booking");
        return new Dataset("paraphrases", classes, Samples.texts(trainIds, labels, first),
                Samples.texts(testIds, labels.clone(), second), Map.of("validation", validation), "text-fp",
                Map.of("source", "Sentences.PARAPHRASES"));
    }

    @Test
    void keepsIdsLabelsAndSplitsAndEncodesOnce(@TempDir Path root) throws Exception {
        Dataset text = text();
        float[] direct;
        EncodedDataset first;
        try (CountingEncoder encoder = new CountingEncoder(SentenceEncoders.byName("minilm"))) {
            first = EncodedDataset.of(text, encoder, EncodedCorpus.in(root));
            assertEquals(18, encoder.sentences.get());
            direct = encoder.encode(text.test().texts());
        }
        Dataset d = first.dataset();
        assertEquals(18, first.encodedSentences());
        assertTrue(first.sentencesPerSecond() > 0);
        assertEquals("minilm", first.encoder());
        assertEquals(384, first.dimension());
        assertEquals("paraphrases", d.name());
        assertEquals(text.classes(), d.classes());
        assertTrue(d.isVectors());
        for (String split : List.of("train", "test", "validation")) {
            Samples before = split.equals("train") ? text.train() : split.equals("test") ? text.test() : text.extraSplits().get(split);
            Samples after = split.equals("train") ? d.train() : split.equals("test") ? d.test() : d.extraSplits().get(split);
            assertArrayEquals(before.ids(), after.ids(), split);
            assertArrayEquals(before.labels(), after.labels(), split);
            assertEquals(384, after.dim());
            assertEquals(before.size() * 384, after.vectors().length);
        }
        assertArrayEquals(direct, d.test().vectors(), 1e-5f, "the vectors are the encoder's");
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(("text-fp|minilm|" + first.encoderFingerprint()).getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, d.fingerprint());
        assertEquals("minilm", d.metadata().get(EncodedDataset.ENCODER));
        assertEquals("text-fp", d.metadata().get(EncodedDataset.TEXT_FINGERPRINT));
        assertEquals("Sentences.PARAPHRASES", d.metadata().get("source"));

        try (CountingEncoder encoder = new CountingEncoder(SentenceEncoders.byName("minilm"))) {
            EncodedDataset again = EncodedDataset.of(text, encoder, EncodedCorpus.in(root));
            assertEquals(0, encoder.sentences.get(), "the encoder was called although every split was cached");
            assertEquals(0, again.encodedSentences());
            assertTrue(Double.isNaN(again.sentencesPerSecond()));
            assertArrayEquals(d.train().vectors(), again.dataset().train().vectors(), 0f);
            assertEquals(d.fingerprint(), again.dataset().fingerprint());
        }
    }

    @Test
    void refusesImagesAndVectors(@TempDir Path root) {
        Samples images = Samples.images(new long[] {0}, new int[] {0}, new ImageShape(1, 2, 2), new byte[4]);
        Dataset imageData = new Dataset("tiny", List.of("a", "b"), images, images, Map.of(), "fp", Map.of());
        try (CountingEncoder encoder = new CountingEncoder(SentenceEncoders.byName("minilm"))) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> EncodedDataset.of(imageData, encoder, EncodedCorpus.in(root)));
            assertEquals("dataset: expected sentences for the encoder minilm, found the 1x2x2 images of tiny;"
                    + " pick a text dataset such as clinc150 or banking77", e.getMessage());
            assertEquals(0, encoder.sentences.get());
        }
    }
}
