package latentatlas.text;

import java.util.concurrent.atomic.AtomicInteger;

/** Test helper: a real encoder that counts the sentences reaching it. */
final class CountingEncoder implements SentenceEncoder {
    private final SentenceEncoder inner;
    final AtomicInteger sentences = new AtomicInteger();

    CountingEncoder(SentenceEncoder inner) {
        this.inner = inner;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public int dimension() {
        return inner.dimension();
    }

    @Override
    public String fingerprint() {
        return inner.fingerprint();
    }

    @Override
    public float[] encode(String[] texts) {
        sentences.addAndGet(texts.length);
        return inner.encode(texts);
    }

    @Override
    public void close() {
        inner.close();
    }
}
