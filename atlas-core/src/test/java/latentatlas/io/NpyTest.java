package latentatlas.io;

import latentatlas.InvalidInputException;
import latentatlas.space.LatentSpace;
import latentatlas.space.LatentSpaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reads files written by numpy itself (fixtures/npy/make_npy.py) and checks every rejection. */
class NpyTest {
    /** The fixture matrix of make_npy.py: arange(12).reshape(3, 4) * 0.25 - 1, exact in binary. */
    private static final float[] EXPECTED = new float[12];

    static {
        for (int i = 0; i < 12; i++) {
            EXPECTED[i] = i * 0.25f - 1f;
        }
    }

    static Path fixture(String name) {
        try {
            return Path.of(NpyTest.class.getResource("/fixtures/npy/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String failure(Runnable action) {
        return assertThrows(InvalidInputException.class, action::run).getMessage();
    }

    @Test
    void readsFloat32Float64FortranAndVersion2() {
        for (String name : new String[] {"f32.npy", "f64.npy", "fortran_f32.npy", "fortran_f64.npy", "v2_f32.npy"}) {
            Npy.Matrix m = Npy.readMatrix(fixture(name));
            assertEquals(3, m.rows(), name);
            assertEquals(4, m.cols(), name);
            assertArrayEquals(EXPECTED, m.data(), 0f, name);
        }
    }

    @Test
    void readsInt64AndInt32Ids() {
        assertArrayEquals(new long[] {10, 20, 30}, Npy.readLongs(fixture("ids_i64.npy")));
        assertArrayEquals(new long[] {10, 20, 30}, Npy.readLongs(fixture("ids_i32.npy")));
    }

    @Test
    void loadsASpaceFromNumpyFiles() {
        LatentSpace space = LatentSpaces.load(fixture("fortran_f64.npy"), fixture("ids_i32.npy"), null);
        assertEquals(3, space.size());
        assertEquals(4, space.dim());
        assertArrayEquals(new float[] {1f, 1.25f, 1.5f, 1.75f}, space.row(space.rowOf(30)), 0f);
    }

    @Test
    void roundTripsThroughWriteAndNumpyLayout(@TempDir Path dir) throws Exception {
        Npy.writeMatrix(dir.resolve("m.npy"), EXPECTED, 3, 4);
        Npy.writeLongs(dir.resolve("i.npy"), new long[] {-1, Long.MAX_VALUE, 0});
        assertArrayEquals(EXPECTED, Npy.readMatrix(dir.resolve("m.npy")).data(), 0f);
        assertArrayEquals(new long[] {-1, Long.MAX_VALUE, 0}, Npy.readLongs(dir.resolve("i.npy")));
        // byte-identical to numpy.save of the same array (header padding, version 1.0)
        assertArrayEquals(Files.readAllBytes(fixture("f32.npy")), Files.readAllBytes(dir.resolve("m.npy")));
        Npy.writeLongs(dir.resolve("ids.npy"), new long[] {10, 20, 30});
        assertArrayEquals(Files.readAllBytes(fixture("ids_i64.npy")), Files.readAllBytes(dir.resolve("ids.npy")));
    }

    @Test
    void rejectsWrongDtypes() {
        assertTrue(failure(() -> Npy.readMatrix(fixture("int_matrix.npy"))).contains("'<i8'"));
        assertTrue(failure(() -> Npy.readMatrix(fixture("f16.npy"))).contains("'<f2'"));
        assertTrue(failure(() -> Npy.readMatrix(fixture("big_endian.npy"))).contains("big-endian"));
        assertTrue(failure(() -> Npy.readLongs(fixture("ids_float.npy"))).contains("'<f8'"));
    }

    @Test
    void rejectsWrongShapes() {
        assertTrue(failure(() -> Npy.readMatrix(fixture("cube.npy"))).contains("(2, 3, 4)"));
        assertTrue(failure(() -> Npy.readLongs(fixture("ids_2d.npy"))).contains("(3, 1)"));
    }

    @Test
    void rejectsTruncatedAndForeignFiles() {
        String payload = failure(() -> Npy.readMatrix(fixture("truncated.npy")));
        assertTrue(payload.contains("truncated") && payload.contains("48 bytes"), payload);
        assertTrue(failure(() -> Npy.readMatrix(fixture("truncated_header.npy"))).contains("truncated"));
        assertTrue(failure(() -> Npy.readMatrix(fixture("not_npy.npy"))).contains("not a NumPy"));
        assertTrue(failure(() -> Npy.readMatrix(fixture("f32.npy").resolveSibling("absent.npy")))
                .contains("no such file"));
    }

    @Test
    void rejectsDuplicateIdsNonFiniteValuesAndMismatchedIds() {
        String dup = failure(() -> LatentSpaces.load(fixture("f32.npy"), fixture("ids_dup.npy"), null));
        assertTrue(dup.contains("id 10 appears twice (rows 0 and 2)"), dup);
        String nan = failure(() -> LatentSpaces.load(fixture("nan.npy"), fixture("ids_i64.npy"), null));
        assertTrue(nan.contains("NaN at row 1 (id 20), column 2"), nan);
        String inf = failure(() -> LatentSpaces.load(fixture("inf.npy"), fixture("ids_i64.npy"), null));
        assertTrue(inf.contains("Infinity at row 2 (id 30), column 0"), inf);
        String mismatch = failure(() -> LatentSpaces.load(fixture("f32.npy"), fixture("ids_two.npy"), null));
        assertTrue(mismatch.contains("2 ids for the 3 rows"), mismatch);
    }
}
