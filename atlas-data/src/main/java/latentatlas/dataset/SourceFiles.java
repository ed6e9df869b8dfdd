package latentatlas.dataset;

import latentatlas.InvalidInputException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;

/**
 * The files a reader reads, and the dataset fingerprint they give.
 *
 * <p>Fingerprint: {@code SHA-256( for each file in read order: UTF-8(name relative to the dataset
 * folder) || 0x00 || SHA-256(file bytes) )}, in hex. The bytes hashed are the bytes on disk (for a
 * {@code .gz} file, the compressed bytes), so the fingerprint changes exactly when a file read changes.
 */
final class SourceFiles {
    private final Path root;
    private final MessageDigest digest = sha256();

    /** @param root the dataset folder; file names in the fingerprint are relative to it */
    SourceFiles(Path root) {
        this.root = root;
    }

    /**
     * Reads a whole file, adds it to the fingerprint and gunzips it when its name ends in {@code .gz}.
     *
     * @return the (decompressed) bytes
     */
    byte[] read(Path file) {
        byte[] raw = readRaw(file);
        add(file, hash(raw));
        return file.getFileName().toString().endsWith(".gz") ? gunzip(file, raw) : raw;
    }

    /**
     * Reads a whole file without adding it to the fingerprint yet (for readers that read files in
     * parallel and then {@link #add} them in a fixed order).
     *
     * @return the raw bytes and their SHA-256
     */
    static Raw readUnrecorded(Path file) {
        byte[] raw = readRaw(file);
        return new Raw(file, raw, hash(raw));
    }

    /** A file's bytes on disk and their SHA-256. */
    record Raw(Path file, byte[] bytes, byte[] sha256) {
        /** @return a stream of the content, gunzipped when the name ends in {@code .gz} */
        InputStream open() {
            InputStream in = new ByteArrayInputStream(bytes);
            if (!file.getFileName().toString().endsWith(".gz")) {
                return in;
            }
            try {
                return new GZIPInputStream(in, 1 << 16);
            } catch (IOException e) {
                throw new InvalidInputException(file + ": not a gzip file (" + e.getMessage() + ")", e);
            }
        }
    }

    /** Reads a file as UTF-8 text and adds it to the fingerprint. */
    String readText(Path file) {
        return new String(read(file), StandardCharsets.UTF_8);
    }

    /** Adds a file whose SHA-256 was computed elsewhere (e.g. in parallel) to the fingerprint. */
    synchronized void add(Path file, byte[] fileSha256) {
        digest.update(root.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(fileSha256);
    }

    /** @return the fingerprint of the files added so far, in hex */
    synchronized String fingerprint() {
        try {
            return HexFormat.of().formatHex(((MessageDigest) digest.clone()).digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digest cannot be cloned", e);
        }
    }

    /** Reads a file, with a one-line error naming it when it cannot be read. */
    static byte[] readRaw(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /** @return SHA-256 of {@code bytes} */
    static byte[] hash(byte[] bytes) {
        return sha256().digest(bytes);
    }

    private static byte[] gunzip(Path file, byte[] raw) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(raw), 1 << 16)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new InvalidInputException(file + ": not a complete gzip file (" + e.getMessage()
                    + "); download it again", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
    }
}
