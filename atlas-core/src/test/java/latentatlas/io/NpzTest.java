package latentatlas.io;

import latentatlas.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reads archives written by numpy itself (fixtures/npz/make_npz.py): stored, deflated, zip64. */
class NpzTest {
    /** fixtures/npz/make_npz.py's matrix: arange(12).reshape(3, 4) * 0.25 - 1, exact in binary. */
    private static final float[] EXPECTED = new float[12];

    static {
        for (int i = 0; i < 12; i++) {
            EXPECTED[i] = i * 0.25f - 1f;
        }
    }

    private static Path fixture(String name) {
        try {
            return Path.of(NpzTest.class.getResource("/fixtures/npz/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String failure(Runnable action) {
        return assertThrows(InvalidInputException.class, action::run).getMessage();
    }

    @Test
    void readsStoredDeflatedAndZip64Archives() {
        for (String archive : new String[] {"stored.npz", "deflated.npz", "zip64.npz"}) {
            Path file = fixture(archive);
            assertEquals(List.of("vectors", "ids", "labels"), Npz.names(file), archive);
            Npy.Matrix m = Npz.readMatrix(file, "vectors");
            assertEquals(3, m.rows(), archive);
            assertEquals(4, m.cols(), archive);
            assertArrayEquals(EXPECTED, m.data(), 0f, archive);
            assertArrayEquals(new long[] {10, 20, 30}, Npz.readLongs(file, "ids.npy"), archive);
            assertArrayEquals(new int[] {1, 0, 1}, Npz.readInts(file, "labels"), archive);
        }
    }

    /** 100,000 x 3 float32 deflated: inflated across many reads, the CRC-32 checked. */
    @Test
    void inflatesALargeMember() {
        Npy.Matrix m = Npz.readMatrix(fixture("deflated_big.npz"), "vectors");
        assertEquals(100_000, m.rows());
        for (int i = 0; i < m.data().length; i += 9_973) {
            assertEquals(i % 97 - 48, m.data()[i], 0f);
        }
        assertEquals((299_999 % 97) - 48, m.data()[299_999], 0f);
    }

    @Test
    void membersAreValidatedAsFiles() {
        Path hostile = fixture("hostile.npz");
        String cube = failure(() -> Npz.readMatrix(hostile, "cube"));
        assertTrue(cube.contains("hostile.npz:cube.npy: expected a 2-D array") && cube.contains("(2, 3, 4)"), cube);
        String endian = failure(() -> Npz.readMatrix(hostile, "big_endian"));
        assertTrue(endian.contains("hostile.npz:big_endian.npy: .npy header 'descr'") && endian.contains("big-endian"),
                endian);
        String missing = failure(() -> Npz.readLongs(hostile, "ids"));
        assertTrue(missing.contains("no array 'ids'") && missing.contains("'cube.npy', 'big_endian.npy'"), missing);
    }

    @Test
    void refusesForeignAndTruncatedArchives() {
        assertTrue(failure(() -> Npz.names(fixture("not_zip.npz"))).contains("not an .npz (zip) archive"));
        assertTrue(failure(() -> Npz.names(fixture("truncated.npz"))).contains("not an .npz (zip) archive"));
        assertTrue(failure(() -> Npz.names(fixture("stored.npz").resolveSibling("absent.npz"))).contains("no such file"));
    }
}
