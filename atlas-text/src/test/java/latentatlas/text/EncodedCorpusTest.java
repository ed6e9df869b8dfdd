package latentatlas.text;

import latentatlas.InvalidInputException;
import latentatlas.dataset.Samples;
import latentatlas.space.LatentSpace;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The vector cache: a second run never calls the encoder; a changed key re-encodes. */
@Tag("real-data")
class EncodedCorpusTest {
    private static Samples samples() {
        int n = Sentences.PARAPHRASES.length * 2;
        long[] ids = new long[n];
        int[] labels = new int[n];
        String[] texts = new String[n];
        for (int i = 0; i < n; i++) {
            ids[i] = 100 + i;
            labels[i] = i / 2;
            texts[i] = Sentences.PARAPHRASES[i / 2][i % 2];
        }
        return Samples.texts(ids, labels, texts);
    }

    @Test
    void secondRunEncodesNothingAndLoadsTheSameVectors(@TempDir Path root) {
        Samples samples = samples();
        LatentSpace first;
        try (CountingEncoder encoder = new CountingEncoder(SentenceEncoders.byName("minilm"))) {
            EncodedSplit split = EncodedCorpus.in(root).encode("clinc150", "fp1", "train", samples, encoder);
            assertEquals(samples.size(), encoder.sentences.get());
            assertEquals(samples.size(), split.encodedSentences());
            assertEquals(root.resolve("clinc150-minilm/train"), split.folder());
            assertTrue(Files.isRegularFile(split.folder().resolve("vectors.npy")));
            assertTrue(Files.isRegularFile(split.folder().resolve("key.json")));
            first = split.space();
            assertArrayEquals(samples.ids(), first.ids());
            assertArrayEquals(samples.labels(), first.labels());
        }
        try (CountingEncoder encoder = new CountingEncoder(SentenceEncoders.byName("minilm"))) {
            AtomicInteger progress = new AtomicInteger();
            EncodedSplit again = new EncodedCorpus(root, (split, done, total) -> progress.incrementAndGet())
                    .encode("clinc150", "fp1", "train", samples, encoder);
            assertEquals(0, encoder.sentences.get(), "the encoder was called on a cache hit");
            assertEquals(0, progress.get());
            assertTrue(again.fromCache());
            assertArrayEquals(first.rawVectors(), again.space().rawVectors());
            assertArrayEquals(first.ids(), again.space().ids());
        }
    }

    @Test
    void aChangedKeyReencodes(@TempDir Path root) {
        Samples samples = samples();
        try (CountingEncoder encoder = new CountingEncoder(SentenceEncoders.byName("minilm"))) {
            EncodedCorpus cache = EncodedCorpus.in(root);
            cache.encode("clinc150", "fp1", "test", samples, encoder);
            cache.encode("clinc150", "fp2", "test", samples, encoder);
            assertEquals(2 * samples.size(), encoder.sentences.get(), "another dataset fingerprint must re-encode");
            String[] edited = samples.texts().clone();
            edited[3] = "what is my savings balance";
            cache.encode("clinc150", "fp2", "test", Samples.texts(samples.ids(), samples.labels(), edited), encoder);
            assertEquals(3 * samples.size(), encoder.sentences.get(), "another sentence must re-encode");
        }
        try (CountingEncoder other = new CountingEncoder(SentenceEncoders.byName("minilm", new EncoderOptions(1, 2)))) {
            EncodedCorpus.in(root).encode("clinc150", "fp2", "test", samples, other);
            assertEquals(samples.size(), other.sentences.get(), "another batch size gives other vectors: re-encode");
        }
    }

    @Test
    void aDatasetOpenedFromAFolderGetsAHashedFolderName(@TempDir Path root) throws Exception {
        String spec = "clinc150:/data/cut";
        String h8 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(spec.getBytes(StandardCharsets.UTF_8))).substring(0, 8);
        assertEquals(root.resolve("clinc150-" + h8 + "-minilm/train"), EncodedCorpus.in(root).folder(spec, "minilm", "train"));
        assertEquals(root.resolve("clinc150-minilm/test"), EncodedCorpus.in(root).folder("clinc150", "minilm", "test"));
        assertThrows(InvalidInputException.class, () -> EncodedCorpus.in(root).folder("../x:/data", "minilm", "train"));
    }
}
