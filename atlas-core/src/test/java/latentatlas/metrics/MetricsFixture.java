package latentatlas.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import latentatlas.io.Npy;
import latentatlas.space.LatentSpace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.stream.LongStream;

/** Reads the inputs and the reference values written by {@code fixtures/metrics/metrics.py}. */
final class MetricsFixture {
    private static final Path DIR;
    private static final JsonNode EXPECTED;

    static {
        try {
            DIR = Path.of(MetricsFixture.class.getResource("/fixtures/metrics/metrics.json").toURI()).getParent();
            EXPECTED = new ObjectMapper().readTree(DIR.resolve("metrics.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private MetricsFixture() {
    }

    /** @return the reference value {@code key} */
    static JsonNode expected(String key) {
        JsonNode node = EXPECTED.get(key);
        if (node == null) {
            throw new IllegalStateException("metrics.json has no " + key + ": rerun metrics.py");
        }
        return node;
    }

    static double number(String key) {
        return expected(key).asDouble();
    }

    static int[] ints(String key) {
        JsonNode node = expected(key);
        int[] out = new int[node.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = node.get(i).asInt();
        }
        return out;
    }

    static int[] labels(String name) {
        return Npy.readInts(DIR.resolve(name + ".npy"));
    }

    /** @return the matrix {@code name.npy} with ids 0..n-1 and, when given, the labels {@code labels.npy} */
    static LatentSpace space(String name, String labels) {
        Npy.Matrix m = Npy.readMatrix(DIR.resolve(name + ".npy"));
        return LatentSpace.of(name, LongStream.range(0, m.rows()).toArray(), m.data(), m.cols(),
                labels == null ? null : labels(labels));
    }

    /** @return the matrix {@code name.npy} with the ids {@code ids.npy} */
    static LatentSpace spaceWithIds(String name, String ids) {
        Npy.Matrix m = Npy.readMatrix(DIR.resolve(name + ".npy"));
        return LatentSpace.of(name, Npy.readLongs(DIR.resolve(ids + ".npy")), m.data(), m.cols(), null);
    }
}
