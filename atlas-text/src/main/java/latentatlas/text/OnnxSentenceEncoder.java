package latentatlas.text;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * A {@link PretrainedEncoder} run by ONNX Runtime in batches: the sentences (with the model's prefix)
 * are sorted by length, cut into batches of {@link EncoderOptions#batchSize()}, tokenised and padded
 * to the longest of the batch, run through the transformer in one call, pooled under the attention
 * mask and L2-normalised: {@code e_i = p(H_i, m_i) / ||p(H_i, m_i)||}.
 *
 * <p>With batch size 1 the vectors equal those of langchain4j's one-sentence-per-call model (to
 * float rounding), except that inputs over {@link PretrainedEncoder#MAX_TOKENS} tokens are truncated
 * instead of split and averaged. With larger batches they differ slightly: the quantised models
 * scale their int8 activations per tensor, so a sentence's vector depends a little on its batch
 * (cosine to the single-sentence vector 0.98 to 0.999 measured on CLINC150-like sentences). Batches
 * are formed deterministically (stable sort by length), so the same input gives the same output.
 * Batches run concurrently on {@link EncoderOptions#threads()} workers, one ONNX thread each.
 * The model is loaded on the first {@link #encode} call, so a cache hit never loads it.
 */
public final class OnnxSentenceEncoder implements SentenceEncoder {
    private final PretrainedEncoder model;
    private final EncoderOptions options;
    private OrtSession session;
    private HuggingFaceTokenizer tokenizer;
    private boolean tokenTypes;
    private boolean closed;

    /**
     * @param model the weights, pooling and prefix
     * @param options batch size and threads
     */
    public OnnxSentenceEncoder(PretrainedEncoder model, EncoderOptions options) {
        this.model = model;
        this.options = options;
    }

    @Override
    public String name() {
        return model.shortName();
    }

    @Override
    public int dimension() {
        return PretrainedEncoder.DIMENSION;
    }

    /** @return the model's fingerprint plus the batch size (int8 activation scales span a batch) */
    @Override
    public String fingerprint() {
        return model.fingerprint() + "|batch=" + options.batchSize();
    }

    /** @return the model behind this encoder */
    public PretrainedEncoder model() {
        return model;
    }

    @Override
    public synchronized float[] encode(String[] texts) {
        load();
        int dim = dimension();
        float[] out = new float[Math.multiplyExact(texts.length, dim)];
        String[] prefixed = new String[texts.length];
        for (int i = 0; i < texts.length; i++) {
            if (texts[i] == null) {
                throw new IllegalArgumentException("sentence " + i + " is null");
            }
            prefixed[i] = model.prefix() + texts[i];
        }
        Integer[] order = new Integer[texts.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingInt(i -> prefixed[i].length()));
        int batches = (order.length + options.batchSize() - 1) / options.batchSize();
        IntStream range = IntStream.range(0, batches);
        ForkJoinPool pool = new ForkJoinPool(options.threads());
        try {
            pool.submit(() -> range.parallel().forEach(k -> {
                int start = k * options.batchSize();
                int end = Math.min(order.length, start + options.batchSize());
                String[] batch = new String[end - start];
                for (int i = start; i < end; i++) {
                    batch[i - start] = prefixed[order[i]];
                }
                encodeBatch(batch, Arrays.copyOfRange(order, start, end), out);
            })).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while encoding", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdown();
        }
        return out;
    }

    private void encodeBatch(String[] batch, Integer[] rows, float[] out) {
        Encoding[] encodings = tokenizer.batchEncode(batch);
        int b = encodings.length;
        int length = encodings[0].getIds().length;
        long[] ids = new long[b * length];
        long[] mask = new long[b * length];
        long[] types = new long[b * length];
        for (int i = 0; i < b; i++) {
            System.arraycopy(encodings[i].getIds(), 0, ids, i * length, length);
            System.arraycopy(encodings[i].getAttentionMask(), 0, mask, i * length, length);
            System.arraycopy(encodings[i].getTypeIds(), 0, types, i * length, length);
        }
        long[] shape = {b, length};
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
            inputs.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
            if (tokenTypes) {
                inputs.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(types), shape));
            }
            try (OrtSession.Result result = session.run(inputs)) {
                OnnxTensor hidden = (OnnxTensor) result.get(0);
                long[] hiddenShape = hidden.getInfo().getShape();
                int dim = dimension();
                if (hiddenShape.length != 3 || hiddenShape[0] != b || hiddenShape[1] != length || hiddenShape[2] != dim) {
                    throw new IllegalStateException(model.modelResource() + " returned shape " + Arrays.toString(hiddenShape)
                            + ", expected [" + b + ", " + length + ", " + dim + "]");
                }
                FloatBuffer buffer = hidden.getFloatBuffer();
                float[] states = new float[buffer.remaining()];
                buffer.get(states);
                for (int i = 0; i < b; i++) {
                    long[] rowMask = Arrays.copyOfRange(mask, i * length, (i + 1) * length);
                    model.pooling().poolNormalised(states, i * length * dim, rowMask, dim, out, rows[i] * dim);
                }
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on " + model.modelResource() + ": " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private void load() {
        if (closed) {
            throw new IllegalStateException("encoder " + name() + " is closed");
        }
        if (session != null) {
            return;
        }
        try {
            Map<String, String> tokenizerOptions = Map.of(
                    "addSpecialTokens", "true",
                    "padding", "true",
                    "truncation", "true",
                    "maxLength", Integer.toString(PretrainedEncoder.MAX_TOKENS));
            try (InputStream in = resource(model.tokenizerResource())) {
                tokenizer = HuggingFaceTokenizer.newInstance(in, tokenizerOptions);
            }
            byte[] weights;
            try (InputStream in = resource(model.modelResource())) {
                weights = in.readAllBytes();
            }
            try (OrtSession.SessionOptions sessionOptions = new OrtSession.SessionOptions()) {
                sessionOptions.setIntraOpNumThreads(1);
                sessionOptions.setInterOpNumThreads(1);
                sessionOptions.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
                sessionOptions.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
                session = OrtEnvironment.getEnvironment().createSession(weights, sessionOptions);
            }
            tokenTypes = session.getInputNames().contains("token_type_ids");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the " + name() + " encoder: " + e.getMessage(), e);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime cannot load " + model.modelResource() + ": " + e.getMessage(), e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = OnnxSentenceEncoder.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is not on the classpath: the langchain4j embeddings artifact is missing");
        }
        return in;
    }

    @Override
    public synchronized void close() {
        closed = true;
        try {
            if (session != null) {
                session.close();
            }
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close the " + name() + " session: " + e.getMessage(), e);
        } finally {
            if (tokenizer != null) {
                tokenizer.close();
            }
            session = null;
            tokenizer = null;
        }
    }

    @Override
    public String toString() {
        return name() + " (" + fingerprint() + ", " + options + ")";
    }
}
