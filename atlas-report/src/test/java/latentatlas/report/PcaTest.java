package latentatlas.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Against fixtures/pca/pca.py (np.linalg.eigh of the covariance, float64). Projections are compared
 * first up to sign (the eigendecomposition), then with sign (the convention: the largest-magnitude
 * loading of each axis is positive), to 1e-9 of the largest coordinate.
 */
class PcaTest {
    private static final double TOLERANCE = 1e-9;

    @ParameterizedTest
    @ValueSource(strings = {"tall", "wide"})
    void matchesNumpy(String name) throws IOException {
        JsonNode c = fixture().get(name);
        int n = c.get("n").asInt();
        int d = c.get("d").asInt();
        float[] data = new float[n * d];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) c.get("data").get(i).asDouble();
        }
        Pca.Projection ours = Pca.project2(data, n, d);
        double scale = 0;
        for (JsonNode v : c.get("projection")) {
            scale = Math.max(scale, Math.abs(v.asDouble()));
        }
        for (int k = 0; k < 2; k++) {
            double[] ref = new double[n];
            double[] got = new double[n];
            for (int i = 0; i < n; i++) {
                ref[i] = c.get("projection").get(2 * i + k).asDouble();
                got[i] = ours.xy()[2 * i + k];
            }
            double sign = Math.signum(dot(ref, got));
            for (int i = 0; i < n; i++) {
                assertEquals(ref[i], sign * got[i], TOLERANCE * scale, name + " component " + (k + 1) + " row " + i + " (up to sign)");
            }
            assertEquals(1.0, sign, name + " component " + (k + 1) + ": the sign convention (largest loading positive)");
            double[] axis = new double[d];
            for (int j = 0; j < d; j++) {
                axis[j] = c.get("axes").get(k).get(j).asDouble();
            }
            assertArrayEquals(axis, ours.axes()[k], 1e-9, name + " axis " + (k + 1));
            assertEquals(c.get("explained").get(k).asDouble(), ours.explained()[k], 1e-12, name + " explained " + (k + 1));
        }
    }

    @Test
    void constantDataProjectsToTheOrigin() {
        float[] data = {2, 3, 2, 3, 2, 3};
        Pca.Projection p = Pca.project2(data, 3, 2);
        assertArrayEquals(new double[6], p.xy(), 0);
        assertArrayEquals(new double[2], p.explained(), 0);
    }

    @Test
    void oneColumnHasOneComponent() {
        Pca.Projection p = Pca.project2(new float[] {1, 2, 4}, 3, 1);
        // centred (-4/3, -1/3, 5/3) on axis (+1); no second direction
        assertArrayEquals(new double[] {-4.0 / 3, 0, -1.0 / 3, 0, 5.0 / 3, 0}, p.xy(), 1e-12);
        assertTrue(p.explained()[0] > 0.999999);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static JsonNode fixture() throws IOException {
        try (InputStream in = PcaTest.class.getResourceAsStream("/fixtures/pca/pca.json")) {
            return new ObjectMapper().readTree(in);
        }
    }
}
