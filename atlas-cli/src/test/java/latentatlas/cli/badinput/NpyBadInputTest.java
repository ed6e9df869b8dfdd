package latentatlas.cli.badinput;

import latentatlas.io.Npy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;

import static latentatlas.cli.badinput.BadInputSuite.Case.of;

/**
 * Hostile {@code .npy} files and spaces whose numbers cannot give a meaningful value, through
 * {@code atlas merge} and {@code atlas compare}: every header field numpy checks (magic, version,
 * header length, dict literal, keys, fortran_order, shape, descr), exact byte counts, 1-D vectors, 2-D
 * ids, float64 beyond float32, non-finite values, and a constant space that CKA cannot compare.
 * fixtures/npy/numpy_refuses.py (atlas-core tests) checks that numpy refuses the same headers.
 */
class NpyBadInputTest extends BadInputSuite {
    private static final String A = "a={dir}/a.npy:{dir}/a.ids.npy";
    private static final String B = "b={dir}/b.npy:{dir}/b.ids.npy";
    private static final int ROWS = 100;
    private static final int WIDTH = 8;
    private static final String VALID = header("<f4", "(100, 8)");

    /** A merge of a and b (100 x 8, 10 anchors) that succeeds until a case spoils a file. */
    private static String[] merge() {
        return new String[] {"merge", "--space", A, "--space", B, "--anchors", "{dir}/anchors.npy", "--out", "{dir}/out"};
    }

    private static String[] compare() {
        return new String[] {"compare", "{dir}/a.npy", "{dir}/b.npy"};
    }

    /** Two valid spaces, then {@code a.npy} replaced by this header text and {@code data}. */
    private static Setup vectorsA(String header, byte[] data) {
        return dir -> {
            Inputs.twoSpaces(dir);
            Inputs.bytes(dir, "a.npy", npy(1, header, data));
        };
    }

    /** Two valid spaces, then {@code a.npy}'s bytes changed by {@code edit}. */
    private static Setup editA(java.util.function.UnaryOperator<byte[]> edit) {
        return dir -> {
            Inputs.twoSpaces(dir);
            Inputs.bytes(dir, "a.npy", edit.apply(Files.readAllBytes(dir.resolve("a.npy"))));
        };
    }

    @Override
    protected List<Case> cases() {
        byte[] data = new byte[ROWS * WIDTH * 4];
        return List.of(
                of("npy-truncated-data", "truncated: shape (100, 8) of '<f4' needs 3200 bytes of data, found 3195",
                        editA(b -> Arrays.copyOf(b, b.length - 5)), merge()),
                of("npy-trailing-bytes", "5 trailing bytes the header does not describe",
                        editA(b -> Arrays.copyOf(b, b.length + 5)), compare()),
                of("npy-empty-file", "truncated .npy file: 0 bytes, expected at least 10",
                        editA(b -> new byte[0]), merge()),
                of("npy-bad-magic", "not a NumPy .npy file: expected the magic string",
                        editA(b -> "id,x\n1,2\n".getBytes(StandardCharsets.US_ASCII)), compare()),
                of("npy-version-4", ".npy format version: expected 1.0, 2.0 or 3.0, found 4.0",
                        editA(b -> {
                            b[6] = 4;
                            return b;
                        }), merge()),
                of("npy-huge-header-length", "header length: expected at most 10000 bytes (numpy's limit), found 4294967295",
                        dir -> {
                            Inputs.twoSpaces(dir);
                            byte[] file = npy(2, VALID, data);
                            file[8] = file[9] = file[10] = file[11] = (byte) 0xff;
                            Inputs.bytes(dir, "a.npy", file);
                        }, compare()),
                of("npy-header-not-dict", "expected a Python dict literal",
                        vectorsA("[('descr', '<f4'), ('fortran_order', False), ('shape', (100, 8))]", data), merge()),
                of("npy-header-expression", "malformed .npy header (not a Python dict literal): at character",
                        vectorsA(VALID.replace("(100, 8)", "(50 * 2, 8)"), data), compare()),
                of("npy-header-missing-key", "keys: expected exactly 'descr', 'fortran_order', 'shape', found 'descr', 'shape'",
                        vectorsA("{'descr': '<f4', 'shape': (100, 8), }", data), merge()),
                of("npy-header-deep-nesting", "nested deeper than 16",
                        vectorsA(VALID.replace("(100, 8)", "(".repeat(200) + ")".repeat(200)), data), compare()),
                of("npy-fortran-order-not-bool", "'fortran_order': expected True or False, found 'yes'",
                        vectorsA(VALID.replace("False", "'yes'"), data), merge()),
                of("npy-negative-dimension", "found (-100, -8): dimension 0 is negative",
                        vectorsA(header("<f4", "(-100, -8)"), data), compare()),
                of("npy-overflow-shape", "needs more than 9223372036854775807 bytes (int64 overflow)",
                        vectorsA(header("<f4", "(4294967296, 4294967296)"), data), merge()),
                of("npy-dimension-beyond-int64", "dimension 1 exceeds int64",
                        vectorsA(header("<f4", "(100, 18446744073709551624)"), data), compare()),
                of("npy-shape-too-short-for-data", "needs 32 bytes of data, found 3200",
                        vectorsA(header("<f4", "(1, 8)"), data), merge()),
                of("npy-big-endian", "found '>f4' (big-endian)",
                        vectorsA(header(">f4", "(100, 8)"), data), compare()),
                of("npy-object-dtype", "found '|O' (Python objects, which numpy pickles)",
                        vectorsA(header("|O", "(100, 8)"), new byte[ROWS * WIDTH * 8]), merge()),
                of("npy-complex-dtype", "'descr': expected float32 ('<f4'), float64 ('<f8'), float16 ('<f2') or a"
                        + " little-endian integer dtype, found '<c8'", vectorsA(header("<c8", "(100, 4)"), data), compare()),
                of("npy-three-dimensions", "expected a 2-D array (rows x width), found shape (2, 50, 8)",
                        vectorsA(header("<f4", "(2, 50, 8)"), data), merge()),
                of("npy-1d-vectors", "expected a 2-D array (rows x width), found shape (800,)",
                        vectorsA(header("<f4", "(800,)"), data), compare()),
                of("npy-zero-width", "vector width must be at least 1, found 0",
                        vectorsA(header("<f4", "(100, 0)"), new byte[0]), merge()),
                of("npy-2d-ids", "a.ids.npy: expected a 1-D integer array, found shape (100, 1)",
                        dir -> {
                            Inputs.twoSpaces(dir);
                            Inputs.bytes(dir, "a.ids.npy", npy(1, header("<i8", "(100, 1)"), longs(LongStream.range(0, ROWS))));
                        }, merge()),
                of("npy-2d-anchors", "anchors.npy: expected a 1-D integer array, found shape (5, 2)",
                        dir -> {
                            Inputs.twoSpaces(dir);
                            Inputs.bytes(dir, "anchors.npy", npy(1, header("<i8", "(5, 2)"), longs(LongStream.range(0, 10))));
                        }, merge()),
                of("npy-float-ids", "a.ids.npy: .npy header 'descr': expected int64 ('<i8'), found '<f8' (float64)",
                        dir -> {
                            Inputs.twoSpaces(dir);
                            Inputs.bytes(dir, "a.ids.npy", npy(1, header("<f8", "(100,)"), new byte[ROWS * 8]));
                        }, compare()),
                of("npy-ids-beyond-int64", "value 18446744073709551615 at index 99 does not fit int64",
                        dir -> {
                            Inputs.twoSpaces(dir);
                            Inputs.bytes(dir, "a.ids.npy", npy(1, header("<u8", "(100,)"),
                                    longs(LongStream.range(0, ROWS).map(i -> i == ROWS - 1 ? -1 : i))));
                        }, merge()),
                of("npy-ids-count-mismatch", "99 ids for the 100 rows",
                        dir -> {
                            Inputs.twoSpaces(dir);
                            Npy.writeLongs(dir.resolve("b.ids.npy"), LongStream.range(0, ROWS - 1).toArray());
                        }, compare()),
                of("npy-labels-beyond-int32", "value 1099511627776 at index 0 does not fit a 32-bit label",
                        dir -> {
                            Inputs.twoSpaces(dir);
                            Npy.writeLongs(dir.resolve("a.labels.npy"), LongStream.range(0, ROWS).map(i -> i == 0 ? 1L << 40 : 0).toArray());
                        }, "merge", "--space", A + ":{dir}/a.labels.npy", "--space", B, "--anchors", "{dir}/anchors.npy",
                        "--out", "{dir}/out"),
                of("npy-float64-beyond-float32", "float64 value 1.0E39 at row 3, column 5 is beyond float32's range",
                        dir -> {
                            Inputs.twoSpaces(dir);
                            ByteBuffer doubles = ByteBuffer.allocate(ROWS * WIDTH * 8).order(ByteOrder.LITTLE_ENDIAN);
                            for (int i = 0; i < ROWS * WIDTH; i++) {
                                doubles.putDouble(i == 3 * WIDTH + 5 ? 1e39 : i % 7 - 3);
                            }
                            Inputs.bytes(dir, "a.npy", npy(1, header("<f8", "(100, 8)"), doubles.array()));
                        }, compare()),
                of("npy-nan", "value NaN at row 4 (id 4), column 1 is not finite",
                        dir -> {
                            Inputs.twoSpaces(dir);
                            ByteBuffer floats = ByteBuffer.allocate(ROWS * WIDTH * 4).order(ByteOrder.LITTLE_ENDIAN);
                            for (int i = 0; i < ROWS * WIDTH; i++) {
                                floats.putFloat(i == 4 * WIDTH + 1 ? Float.NaN : i % 5 + 1);
                            }
                            Inputs.bytes(dir, "b.npy", npy(1, VALID, floats.array()));
                        }, merge()),
                of("npy-not-a-file", "a.npy: Is a directory", dir -> {
                    Inputs.twoSpaces(dir);
                    Files.delete(dir.resolve("a.npy"));
                    Files.createDirectory(dir.resolve("a.npy"));
                }, compare()),
                of("compare-constant-space", "CKA is undefined: the second space has zero variance (all 100 rows are the same vector)",
                        dir -> {
                            Inputs.twoSpaces(dir);
                            float[] constant = new float[ROWS * WIDTH];
                            Arrays.fill(constant, 0.5f);
                            Npy.writeMatrix(dir.resolve("b.npy"), constant, ROWS, WIDTH);
                        }, compare()));
    }

    private static String header(String descr, String shape) {
        return "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
    }

    private static byte[] longs(LongStream values) {
        long[] v = values.toArray();
        ByteBuffer buffer = ByteBuffer.allocate(v.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asLongBuffer().put(v);
        return buffer.array();
    }

    /**
     * A file laid out as numpy.lib.format writes one: magic, version {@code major}.0, header length (2 bytes
     * in version 1, 4 after), the header padded with spaces and a newline to a multiple of 64 bytes, data.
     */
    static byte[] npy(int major, String header, byte[] data) {
        int preamble = major == 1 ? 10 : 12;
        String text = header + " ".repeat(Math.floorMod(-(preamble + header.length() + 1), 64)) + "\n";
        byte[] h = text.getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer buffer = ByteBuffer.allocate(preamble + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        if (major == 1) {
            buffer.putShort((short) h.length);
        } else {
            buffer.putInt(h.length);
        }
        return buffer.put(h).put(data).array();
    }
}
