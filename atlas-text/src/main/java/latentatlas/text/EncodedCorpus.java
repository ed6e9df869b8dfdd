package latentatlas.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import latentatlas.InvalidInputException;
import latentatlas.dataset.Dataset;
import latentatlas.dataset.Samples;
import latentatlas.io.AtomicFiles;
import latentatlas.io.OutputFolder;
import latentatlas.io.OutputNames;
import latentatlas.space.LatentSpace;
import latentatlas.space.LatentSpaces;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Encodes dataset splits with a frozen {@link SentenceEncoder} once and caches the vectors:
 * {@code ROOT/DATASET-ENCODER/SPLIT/vectors.npy} (+ {@code .ids.npy}, {@code .labels.npy}) and
 * {@code key.json}. The key holds the dataset fingerprint, a SHA-256 of the split's ids, labels and
 * sentences, and the encoder's fingerprint (artifact, version, pooling, prefix, batch size); a later
 * call with the same key loads the vectors and never calls the encoder.
 *
 * <p>Writes are safe against a kill: a split's folder is built beside it and swapped in whole
 * ({@link OutputFolder}), so a folder with a matching key always holds complete vectors. The dataset,
 * encoder and split names must be safe file names ({@link OutputNames#check}).
 */
public final class EncodedCorpus {
    private static final String VECTORS = "vectors";
    private static final String KEY = "key.json";
    /** The files of a split's folder. */
    private static final Set<String> FILES = Set.of(KEY, VECTORS + ".npy", VECTORS + ".ids.npy", VECTORS + ".labels.npy");
    private static final int CHUNK = 4096;

    private final Path root;
    private final EncodingListener listener;

    /**
     * @param root the cache folder, e.g. {@code RUN_ROOT/encoders}
     * @param listener told about progress while encoding
     */
    public EncodedCorpus(Path root, EncodingListener listener) {
        this.root = root;
        this.listener = listener;
    }

    /** @return a cache under {@code root} that reports no progress */
    public static EncodedCorpus in(Path root) {
        return new EncodedCorpus(root, EncodingListener.SILENT);
    }

    /**
     * @return the folder of one split's vectors: {@code root/DATASET-ENCODER/SPLIT}; a dataset opened
     *     from a folder ({@code clinc150:DIR}) is written {@code clinc150-H8}, with {@code H8} the first
     *     8 hex digits of the SHA-256 of its full name
     */
    public Path folder(String dataset, String encoder, String split) {
        return root.resolve(folderName(dataset) + "-" + OutputNames.check("encoder", encoder)).resolve(OutputNames.check("split", split));
    }

    private static String folderName(String dataset) {
        int colon = dataset == null ? -1 : dataset.indexOf(':');
        if (colon < 0) {
            return OutputNames.check("dataset", dataset);
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(dataset.getBytes(StandardCharsets.UTF_8));
            return OutputNames.check("dataset", dataset.substring(0, colon)) + "-" + HexFormat.of().formatHex(hash, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Encodes every split of a text dataset (train, test, then the extra splits in their order).
     *
     * @return split name to vectors, in that order
     */
    public Map<String, EncodedSplit> encode(Dataset dataset, SentenceEncoder encoder) {
        if (!dataset.isTexts()) {
            throw new InvalidInputException("dataset: expected sentences for a sentence encoder, found the "
                    + dataset.train().kind() + " of " + dataset.name() + "; pick a text dataset such as clinc150 or banking77");
        }
        Map<String, EncodedSplit> out = new LinkedHashMap<>();
        out.put("train", encode(dataset.name(), dataset.fingerprint(), "train", dataset.train(), encoder));
        out.put("test", encode(dataset.name(), dataset.fingerprint(), "test", dataset.test(), encoder));
        dataset.extraSplits().forEach((name, samples) ->
                out.put(name, encode(dataset.name(), dataset.fingerprint(), name, samples, encoder)));
        return out;
    }

    /**
     * Returns the cached vectors of one split, encoding it first when the cache lacks them or holds
     * them under another key.
     *
     * @param dataset the dataset's name
     * @param datasetFingerprint its fingerprint (see {@link Dataset#fingerprint()})
     * @param split the split's name
     * @param samples the split's sentences
     * @param encoder the frozen encoder
     * @return the vectors, labelled with the samples' global labels
     */
    public EncodedSplit encode(String dataset, String datasetFingerprint, String split, Samples samples,
                               SentenceEncoder encoder) {
        if (!samples.isTexts()) {
            throw new InvalidInputException("split " + split + " of " + dataset + ": expected sentences, found "
                    + samples.kind() + "; pick a text dataset such as clinc150 or banking77");
        }
        Path folder = folder(dataset, encoder.name(), split);
        String key = key(dataset, datasetFingerprint, split, samples, encoder);
        LatentSpace cached = cached(folder, key, samples);
        if (cached != null) {
            return new EncodedSplit(cached, folder, 0, 0);
        }
        long start = System.nanoTime();
        String[] texts = samples.texts();
        float[] vectors = new float[Math.multiplyExact(texts.length, encoder.dimension())];
        for (int from = 0; from < texts.length; from += CHUNK) {
            int to = Math.min(texts.length, from + CHUNK);
            float[] chunk = encoder.encode(Arrays.copyOfRange(texts, from, to));
            if (chunk.length != (to - from) * encoder.dimension()) {
                throw new IllegalStateException(encoder.name() + " returned " + chunk.length + " values for " + (to - from)
                        + " sentences of dimension " + encoder.dimension());
            }
            System.arraycopy(chunk, 0, vectors, from * encoder.dimension(), chunk.length);
            listener.encoded(split, to, texts.length);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        LatentSpace space = LatentSpace.of(dataset + "-" + encoder.name() + "/" + split, samples.ids().clone(), vectors,
                encoder.dimension(), samples.labels().clone());
        OutputFolder.write(folder, FILES, dir -> {
            LatentSpaces.save(space, dir, VECTORS);
            AtomicFiles.writeString(dir.resolve(KEY), key);
        });
        return new EncodedSplit(space, folder, texts.length, seconds);
    }

    private static LatentSpace cached(Path folder, String key, Samples samples) {
        Path keyFile = folder.resolve(KEY);
        try {
            if (!Files.isRegularFile(keyFile) || !Files.readString(keyFile).equals(key) || !LatentSpaces.exists(folder, VECTORS)) {
                return null;
            }
        } catch (IOException e) {
            return null;
        }
        LatentSpace space = LatentSpaces.load(folder, VECTORS);
        return Arrays.equals(space.ids(), samples.ids()) ? space : null;
    }

    private static String key(String dataset, String datasetFingerprint, String split, Samples samples,
                              SentenceEncoder encoder) {
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("dataset", dataset);
        key.put("datasetFingerprint", datasetFingerprint);
        key.put("split", split);
        key.put("sentences", samples.size());
        key.put("contentSha256", contentHash(samples));
        key.put("encoder", encoder.name());
        key.put("encoderFingerprint", encoder.fingerprint());
        key.put("dimension", encoder.dimension());
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(key) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SHA-256 over (id, label, UTF-8 length, UTF-8 bytes) of every sample, in order. */
    private static String contentHash(Samples samples) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            ByteBuffer header = ByteBuffer.allocate(16);
            for (int i = 0; i < samples.size(); i++) {
                byte[] text = samples.texts()[i].getBytes(StandardCharsets.UTF_8);
                header.clear();
                header.putLong(samples.ids()[i]).putInt(samples.labels()[i]).putInt(text.length);
                digest.update(header.array());
                digest.update(text);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
