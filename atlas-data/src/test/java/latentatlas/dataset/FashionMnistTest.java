package latentatlas.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The Debian Fashion-MNIST files, against fashion_mnist_reference.json (numpy). */
@Tag("real-data")
class FashionMnistTest {
    @Test
    void matchesTheNumpyReference() throws IOException {
        DatasetStatus status = Datasets.status("fashion-mnist");
        assumeTrue(status.found(), status.reason());
        JsonNode ref;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/fashion_mnist_reference.json")) {
            ref = new ObjectMapper().readTree(in);
        }
        Dataset d = Datasets.open("fashion-mnist");
        assertEquals("fashion-mnist", d.name());
        assertEquals(ref.get("fingerprint").asText(), d.fingerprint());
        assertEquals("Ankle boot", d.classes().get(9));
        check(ref.get("train"), d.train());
        check(ref.get("test"), d.test());
        assertEquals(60000, d.test().ids()[0]);
    }

    private static void check(JsonNode ref, Samples s) {
        int n = ref.get("count").asInt();
        assertEquals(n, s.size());
        assertEquals(new ImageShape(1, 28, 28), s.shape());
        int[] counts = new int[10];
        Arrays.stream(s.labels()).forEach(l -> counts[l]++);
        for (int c = 0; c < 10; c++) {
            assertEquals(ref.get("classCounts").get(c).asInt(), counts[c]);
        }
        for (int i = 0; i < 10; i++) {
            assertEquals(ref.get("firstLabels").get(i).asInt(), s.labels()[i]);
        }
        assertEquals(ref.get("pixelSumFirst").asLong(), sum(s.pixels(), 0, 784));
        assertEquals(ref.get("pixelSumLast").asLong(), sum(s.pixels(), (n - 1) * 784, n * 784));
        assertEquals(ref.get("pixelSumAll").asLong(), sum(s.pixels(), 0, n * 784));
    }

    private static long sum(byte[] p, int from, int to) {
        long s = 0;
        for (int i = from; i < to; i++) {
            s += p[i] & 0xff;
        }
        return s;
    }
}
