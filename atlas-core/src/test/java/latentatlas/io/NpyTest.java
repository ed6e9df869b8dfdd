package latentatlas.io;

import latentatlas.InvalidInputException;
import latentatlas.space.LatentSpace;
import latentatlas.space.LatentSpaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

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
    void readsFloat16AndIntegerMatricesAsFloat32() {
        assertArrayEquals(EXPECTED, Npy.readMatrix(fixture("f16.npy")).data(), 0f);
        Npy.Matrix ints = Npy.readMatrix(fixture("int_matrix.npy"));
        for (int i = 0; i < 12; i++) {
            assertEquals(i, ints.data()[i], 0f);
        }
        assertArrayEquals(new long[] {10, 20, 30}, Npy.readLongs(fixture("ids_u1.npy")));
    }

    @Test
    void rejectsWrongDtypes() {
        assertTrue(failure(() -> Npy.readMatrix(fixture("big_endian.npy"))).contains("big-endian"));
        assertTrue(failure(() -> Npy.readLongs(fixture("ids_float.npy"))).contains("'<f8'"));
        String object = failure(() -> Npy.readMatrix(fixture("object.npy")));
        assertTrue(object.contains("'descr': expected float32") && object.contains("found '|O' (Python objects"), object);
    }

    @Test
    void halvesConvertExactly() {
        assertEquals(65504f, Npy.halfToFloat((short) 0x7bff), 0f);
        assertEquals(0x1p-24f, Npy.halfToFloat((short) 0x0001), 0f);
        assertEquals(0x3ffp-24f, Npy.halfToFloat((short) 0x03ff), 0f);
        assertEquals(0x1p-14f, Npy.halfToFloat((short) 0x0400), 0f);
        assertEquals(-2f, Npy.halfToFloat((short) 0xc000), 0f);
        assertEquals(Float.NEGATIVE_INFINITY, Npy.halfToFloat((short) 0xfc00), 0f);
        assertTrue(Float.isNaN(Npy.halfToFloat((short) 0x7e00)));
    }

    /** Float64 rounds to float32; from 2^128 - 2^103 (half an ulp above Float.MAX_VALUE) on it would be infinite. */
    @Test
    void float64BeyondFloat32IsAnErrorAtTheExactBoundary(@TempDir Path dir) throws IOException {
        double threshold = 0x1p128 - 0x1p103;
        Path ok = write(dir, "ok.npy", header("<f8", "(1, 3)"), doubles(Float.MAX_VALUE, Math.nextDown(threshold), -1e-50));
        assertArrayEquals(new float[] {Float.MAX_VALUE, Float.MAX_VALUE, -0f}, Npy.readMatrix(ok).data(), 0f);
        Path over = write(dir, "over.npy", header("<f8", "(1, 3)"), doubles(1, 2, -threshold));
        String message = failure(() -> Npy.readMatrix(over));
        assertTrue(message.contains("float64 value " + -threshold + " at row 0, column 2 is beyond float32's range"), message);
        String fixture = failure(() -> Npy.readMatrix(fixture("f64_beyond_f32.npy")));
        assertTrue(fixture.contains("1.0E39 at row 1, column 3"), fixture);
        // Fortran order: the position is given in rows and columns, not in storage order
        Path fortran = write(dir, "fortran.npy", "{'descr': '<f8', 'fortran_order': True, 'shape': (2, 2), }",
                doubles(0, 1, 1e300, 3));
        assertTrue(failure(() -> Npy.readMatrix(fortran)).contains("at row 0, column 1"));
    }

    @Test
    void oneDimensionalVectorsAreRefused() {
        String message = failure(() -> Npy.readMatrix(fixture("vector_1d.npy")));
        assertTrue(message.contains("expected a 2-D array (rows x width), found shape (3,)"), message);
        assertTrue(failure(() -> Npy.readMatrix(fixture("ids_i64.npy"))).contains("found shape (3,)"));
    }

    /** numpy refuses each of these too (fixtures/npy/numpy_refuses.py), except trailing bytes, which numpy ignores. */
    @Test
    void rejectsHostileHeaders(@TempDir Path dir) throws IOException {
        byte[] data = new byte[48];
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("[('descr', '<f4'), ('fortran_order', False), ('shape', (3, 4))]", "expected a Python dict literal");
        cases.put("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4) + (1,), }", "at character 57 expected ',', found '+ (1,), }'");
        cases.put("{'descr': '<f4', 'shape': (3, 4), }", "expected exactly 'descr', 'fortran_order', 'shape', found 'descr', 'shape'");
        cases.put("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), 'x': 1}", "found 'descr', 'fortran_order', 'shape', 'x'");
        cases.put("{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, 'shape': (3, 4)}", "'descr' appears twice");
        cases.put("{'descr': '<f4', 'fortran_order': 0, 'shape': (3, 4), }", "'fortran_order': expected True or False, found 0");
        cases.put("{'descr': '<f4', 'fortran_order': False, 'shape': [3, 4], }", "'shape': expected a tuple of non-negative integers, found [3, 4]");
        cases.put("{'descr': '<f4', 'fortran_order': False, 'shape': (3.0, 4), }", "at character 52 expected an integer");
        cases.put("{'descr': '<f4', 'fortran_order': False, 'shape': (3, -4), }", "found (3, -4): dimension 1 is negative");
        cases.put("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 9223372036854775808), }", "dimension 1 exceeds int64");
        cases.put("{'descr': '<x4', 'fortran_order': False, 'shape': (3, 4), }", "'descr': expected float32 ('<f4')");
        cases.put("{'descr': '<c8', 'fortran_order': False, 'shape': (3, 2), }", "found '<c8'");
        cases.put("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (12,), }", "(a structured dtype)");
        cases.put("{'descr': '<f4', 'fortran_order': False, 'shape': " + "(".repeat(40) + ")".repeat(40) + "}", "nested deeper than 16");
        cases.put("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), } trailing", "expected the end of the header");
        cases.put("{'descr': '<f4\n', 'fortran_order': False, 'shape': (3, 4), }", "expected the closing quote");
        int i = 0;
        for (var c : cases.entrySet()) {
            Path file = write(dir, "case" + i++ + ".npy", c.getKey(), data);
            String message = assertThrows(InvalidInputException.class, () -> Npy.readMatrix(file), c.getKey()).getMessage();
            assertTrue(message.startsWith(file + ": ") && message.contains(c.getValue()), c.getKey() + " -> " + message);
            assertEquals(1, message.lines().count(), message);
        }
    }

    @Test
    void rejectsBadPreambles(@TempDir Path dir) throws IOException {
        byte[] valid = Files.readAllBytes(fixture("f32.npy"));
        byte[] magic = valid.clone();
        magic[5] = 'Z';
        assertTrue(failure(() -> Npy.readMatrix(bytes(dir, "magic.npy", magic)))
                .contains("expected the magic string \\x93NUMPY, found '\\x93NUMPZ'"));
        byte[] v4 = valid.clone();
        v4[6] = 4;
        assertTrue(failure(() -> Npy.readMatrix(bytes(dir, "v4.npy", v4))).contains("expected 1.0, 2.0 or 3.0, found 4.0"));
        byte[] v11 = valid.clone();
        v11[7] = 1;
        assertTrue(failure(() -> Npy.readMatrix(bytes(dir, "v11.npy", v11))).contains("found 1.1"));
        assertTrue(failure(() -> Npy.readMatrix(bytes(dir, "short.npy", java.util.Arrays.copyOf(valid, 9))))
                .contains("9 bytes, expected at least 10"));
        // header length: 10000 bytes is numpy's limit (read), 10001 is refused, 2^32 - 1 (version 2.0) too
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }";
        Path limit = write(dir, "limit.npy", dict + " ".repeat(10_000 - dict.length() - 1) + "\n", 2, new byte[48]);
        assertEquals(3, Npy.readMatrix(limit).rows());
        Path over = write(dir, "over.npy", dict + " ".repeat(10_001 - dict.length() - 1) + "\n", 2, new byte[48]);
        assertTrue(failure(() -> Npy.readMatrix(over)).contains("header length: expected at most 10000 bytes (numpy's limit), found 10001"));
        byte[] huge = Files.readAllBytes(limit);
        huge[8] = huge[9] = huge[10] = huge[11] = (byte) 0xff;
        assertTrue(failure(() -> Npy.readMatrix(bytes(dir, "huge.npy", huge))).contains("found 4294967295"));
        byte[] past = valid.clone();
        past[8] = (byte) 0xff;
        past[9] = (byte) 0x7f;
        assertTrue(failure(() -> Npy.readMatrix(bytes(dir, "past.npy", past))).contains("header length: expected at most 10000"));
        byte[] cut = java.util.Arrays.copyOf(valid, 60);
        assertTrue(failure(() -> Npy.readMatrix(bytes(dir, "cut.npy", cut))).contains("truncated .npy header: its length is 118 bytes, the file holds 50"));
        // version 3.0: a UTF-8 header
        Path v3 = write(dir, "v3.npy", dict.replace("}", "'\u00e9': 1}"), 3, new byte[48]);
        assertTrue(failure(() -> Npy.readMatrix(v3)).contains("'\u00e9'"), "a printable letter is shown as it is");
    }

    /** Exact, overflow-checked element and byte counts; the data must fill the file exactly. */
    @Test
    void countsBytesExactly(@TempDir Path dir) throws IOException {
        String big = failure(() -> Npy.readMatrix(write(dir, "a.npy", header("<f4", "(4611686018427387904, 2)"), new byte[0])));
        assertTrue(big.contains("(int64 overflow)"), big); // 2^62 x 2 = 2^63 elements
        String bytes = failure(() -> Npy.readMatrix(write(dir, "b.npy", header("<f4", "(2305843009213693952, 1)"), new byte[0])));
        assertTrue(bytes.contains("(int64 overflow)"), bytes); // 2^61 elements, 2^63 bytes
        String fits = failure(() -> Npy.readMatrix(write(dir, "c.npy", header("<f4", "(2305843009213693951, 1)"), new byte[0])));
        assertTrue(fits.contains("truncated: shape (2305843009213693951, 1) of '<f4' needs 9223372036854775804 bytes of data, found 0"), fits);
        String wrapped = failure(() -> Npy.readMatrix(write(dir, "d.npy", header("<f4", "(4294967296, 4294967296)"), new byte[0])));
        assertTrue(wrapped.contains("(int64 overflow)"), wrapped); // numpy's own product wraps to 0 here
        String trailing = failure(() -> Npy.readMatrix(write(dir, "e.npy", header("<f4", "(3, 4)"), new byte[53])));
        assertTrue(trailing.contains("needs 48 bytes of data, found 53: 5 trailing bytes"), trailing);
        String shortData = failure(() -> Npy.readMatrix(write(dir, "f.npy", header("<f4", "(3, 4)"), new byte[47])));
        assertTrue(shortData.contains("truncated: shape (3, 4) of '<f4' needs 48 bytes of data, found 47"), shortData);
        // rows and widths must fit an int even when there are no values
        Npy.Matrix empty = Npy.readMatrix(write(dir, "g.npy", header("<f4", "(2147483647, 0)"), new byte[0]));
        assertEquals(2147483647, empty.rows());
        assertEquals(0, empty.data().length);
        String rows = failure(() -> Npy.readMatrix(write(dir, "h.npy", header("<f4", "(2147483648, 0)"), new byte[0])));
        assertTrue(rows.contains("2147483648 rows, more than the 2147483647"), rows);
        String negative = failure(() -> Npy.readLongs(write(dir, "i.npy", header("<i8", "(-1,)"), new byte[0])));
        assertTrue(negative.contains("found (-1,): dimension 0 is negative"), negative);
    }

    /**
     * A sparse file of more than 2 GiB of float32 data (600M x 1 rows, only the tail written): its last
     * rows read back through byte offsets beyond 2^31, and a whole read is refused before any allocation.
     */
    @Test
    void readsBlocksBeyondTwoGibibytes(@TempDir Path dir) throws IOException {
        long rows = 600_000_000L;
        Path file = write(dir, "big.npy", header("<f4", "(" + rows + ", 1)"), new byte[0]);
        long dataStart = Files.size(file);
        ByteBuffer tail = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putFloat(1.5f).putFloat(-2f).putFloat(7f);
        try (var raf = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(dataStart + rows * 4);
            raf.seek(dataStart + (rows - 3) * 4);
            raf.write(tail.array());
        }
        try (Npy.MatrixReader reader = Npy.openMatrix(file)) {
            assertEquals(rows, reader.rows());
            assertEquals(1, reader.cols());
            float[] block = new float[4];
            reader.read(rows - 4, 4, block);
            assertArrayEquals(new float[] {0f, 1.5f, -2f, 7f}, block, 0f);
        }
        // 600M floats fit one Java array (the limit is 2^31 - 9 values): a whole read is allowed; 2^31 is not
        Path huge = write(dir, "huge.npy", header("<f4", "(65536, 32768)"), new byte[0]);
        try (var raf = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
            raf.setLength(raf.length() + 65536L * 32768 * 4);
        }
        String message = failure(() -> Npy.readMatrix(huge));
        assertTrue(message.contains("is 2147483648 values, more than the 2147483639 one array holds: read it in row"
                + " blocks"), message);
    }

    /** Data spanning several read chunks (Npy.CHUNK_BYTES) converts exactly, in both orders and dtypes. */
    @Test
    void readsAcrossChunks(@TempDir Path dir) {
        int rows = 300_001;
        int cols = 5;
        float[] values = new float[rows * cols];
        for (int i = 0; i < values.length; i++) {
            values[i] = (i % 1001) * 0.5f - 250f;
        }
        assertTrue(values.length * 4L > 1.4 * Npy.CHUNK_BYTES);
        Path file = dir.resolve("m.npy");
        Npy.writeMatrix(file, rows, cols, sink -> {
            for (int first = 0; first < rows; first += 7_777) {
                sink.write(values, first, Math.min(7_777, rows - first));
            }
        });
        Npy.Matrix whole = Npy.readMatrix(file);
        assertArrayEquals(values, whole.data(), 0f);
        try (Npy.MatrixReader reader = Npy.openMatrix(file)) {
            float[] block = new float[3 * cols];
            reader.read(rows - 3, 3, block);
            assertArrayEquals(java.util.Arrays.copyOfRange(values, (rows - 3) * cols, rows * cols), block, 0f);
        }
        assertThrows(IllegalStateException.class, () -> Npy.writeMatrix(dir.resolve("short.npy"), 3, 2,
                sink -> sink.write(new float[2], 0, 1)));
        assertTrue(!Files.exists(dir.resolve("short.npy")), "a short matrix is never left behind");
    }

    /** Block reads of a Fortran-order float64 file give the rows of the C-order matrix. */
    @Test
    void readsFortranBlocks() {
        try (Npy.MatrixReader reader = Npy.openMatrix(fixture("fortran_f64.npy"))) {
            float[] block = new float[8];
            reader.read(1, 2, block);
            assertArrayEquals(java.util.Arrays.copyOfRange(EXPECTED, 4, 12), block, 0f);
        }
    }

    @Test
    void rejectsIdsThatDoNotFitInt64(@TempDir Path dir) throws IOException {
        ByteBuffer values = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(Long.MAX_VALUE).putLong(-1L);
        Path file = write(dir, "u8.npy", header("<u8", "(2,)"), values.array());
        assertTrue(failure(() -> Npy.readLongs(file)).contains("value 18446744073709551615 at index 1 does not fit int64"));
        Path ok = write(dir, "ok.npy", header("<u8", "(1,)"), java.util.Arrays.copyOf(values.array(), 8));
        assertArrayEquals(new long[] {Long.MAX_VALUE}, Npy.readLongs(ok));
    }

    private static String header(String descr, String shape) {
        return "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
    }

    private static byte[] doubles(double... values) {
        ByteBuffer buffer = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            buffer.putDouble(v);
        }
        return buffer.array();
    }

    private static Path write(Path dir, String name, String header, byte[] data) {
        return write(dir, name, header, 1, data);
    }

    /**
     * A file as numpy.lib.format writes it (as numpy_refuses.py's npy()): magic, version, header length, the
     * header padded with spaces and a newline to a multiple of 64 bytes (unless it already ends in a newline), data.
     */
    private static Path write(Path dir, String name, String header, int major, byte[] data) {
        int preamble = major == 1 ? 10 : 12;
        String text = header.endsWith("\n") ? header
                : header + " ".repeat(Math.floorMod(-(preamble + header.length() + 1), 64)) + "\n";
        byte[] h = text.getBytes(major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        ByteBuffer buffer = ByteBuffer.allocate(preamble + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        if (major == 1) {
            buffer.putShort((short) h.length);
        } else {
            buffer.putInt(h.length);
        }
        buffer.put(h).put(data);
        return bytes(dir, name, buffer.array());
    }

    private static Path bytes(Path dir, String name, byte[] content) {
        try {
            return Files.write(dir.resolve(name), content);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
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
