package latentatlas.io;

import latentatlas.InvalidInputException;
import latentatlas.Text;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * NumPy {@code .npy} files (numpy.lib.format versions 1.0, 2.0 and 3.0). Reading validates the file as
 * numpy's {@code read_array} does, and more strictly, before any data is allocated:
 * <ul>
 *   <li>the magic string {@code \x93NUMPY}, a version 1.0, 2.0 or 3.0, a header length of at most
 *       {@value #MAX_HEADER_BYTES} bytes (numpy's {@code _MAX_HEADER_SIZE}) that lies inside the file;</li>
 *   <li>the header is a Python dict literal with exactly the keys {@code descr} (a dtype string),
 *       {@code fortran_order} ({@code True} or {@code False}) and {@code shape} (a tuple of non-negative
 *       integers);</li>
 *   <li>the dtype is one this reader converts (little-endian floats and integers; never big-endian,
 *       object, complex, string or structured dtypes);</li>
 *   <li>the element count and the byte count are computed with exact, overflow-checked arithmetic and
 *       the data must fill the rest of the file exactly (a truncated file and trailing bytes are errors);</li>
 *   <li>the data fits one Java array ({@value #MAX_DATA_BYTES} bytes, rows and widths below 2^31).</li>
 * </ul>
 * A violation is an {@link InvalidInputException} of one line that names the file, the field, the
 * expected and the found value.
 *
 * <p>Matrices ({@link #readMatrix}) are 2-D; float32 is read as is, float16 and integers exactly or
 * rounded to float32, float64 rounded to float32, and a finite float64 beyond float32's range is an
 * error (never silently infinite). Integer vectors ({@link #readLongs}) are 1-D of any integer dtype
 * whose values fit int64. Written files are version 1.0 (or 2.0 when the header needs it),
 * little-endian, C order, written atomically.
 */
public final class Npy {
    /** numpy's limit on the header of a file it loads ({@code numpy.lib.format._MAX_HEADER_SIZE}). */
    public static final int MAX_HEADER_BYTES = 10_000;
    /** The most bytes of data one file is read into here: one Java array (a limit of this reader, not of the format). */
    public static final long MAX_DATA_BYTES = Integer.MAX_VALUE - 64;

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Set<String> KEYS = Set.of("descr", "fortran_order", "shape");
    private static final String MATRIX_DTYPES = "float32 ('<f4'), float64 ('<f8'), float16 ('<f2') or a"
            + " little-endian integer dtype";

    private Npy() {
    }

    /** A float32 matrix read from a file: {@code rows x cols}, row-major. */
    public record Matrix(int rows, int cols, float[] data) {
    }

    /** The element types this reader converts. */
    private enum Kind {
        FLOAT, SIGNED, UNSIGNED
    }

    /**
     * A dtype this reader converts: a little-endian (or byte-sized) float or integer.
     *
     * @param descr the header's dtype string, e.g. {@code <f4}
     * @param kind float, signed or unsigned integer
     * @param size bytes per element
     */
    private record Dtype(String descr, Kind kind, int size) {
        /** @return the dtype of {@code descr}, or an error naming the file, the expected and the found value */
        static Dtype parse(Path file, String descr, String expected, String fix) {
            String found = "'" + Text.printable(descr, 80) + "'";
            if (descr.length() >= 3 && (descr.charAt(1) == 'f' || descr.charAt(1) == 'i' || descr.charAt(1) == 'u')
                    && descr.substring(2).matches("[1248]")) {
                int size = descr.charAt(2) - '0';
                Kind kind = descr.charAt(1) == 'f' ? Kind.FLOAT : descr.charAt(1) == 'i' ? Kind.SIGNED : Kind.UNSIGNED;
                char order = descr.charAt(0);
                boolean float8 = kind == Kind.FLOAT && size == 1;
                if (!float8 && (order == '<' || (order == '|' && size == 1))) {
                    return new Dtype(descr, kind, size);
                }
                if (order == '>' && size > 1) {
                    found += " (big-endian)";
                }
            } else if (descr.matches("[<>|=]?O\\d*")) {
                found += " (Python objects, which numpy pickles)";
            }
            throw new InvalidInputException(file + ": .npy header 'descr': expected " + expected + ", found "
                    + found + ": " + fix);
        }

        /** @return the numpy name, e.g. {@code float32} */
        String name() {
            return (kind == Kind.FLOAT ? "float" : kind == Kind.SIGNED ? "int" : "uint") + size * 8;
        }
    }

    /**
     * The validated header of a file.
     *
     * @param dtype the element type
     * @param fortran whether the data is in Fortran (column-major) order
     * @param shape the dimensions, each non-negative
     * @param dataStart the offset of the data, which fills the rest of the file
     */
    private record Header(Dtype dtype, boolean fortran, long[] shape, long dataStart) {
    }

    /**
     * Reads a 2-D array of floats or integers as float32 (float64 and wide integers are rounded to the
     * nearest float32; a finite float64 beyond float32's range is an error).
     *
     * @param file the {@code .npy} file
     * @return the matrix, row-major
     * @throws InvalidInputException naming the file and the field when it is not such an array
     */
    public static Matrix readMatrix(Path file) {
        return read(file, MATRIX_DTYPES, "save with numpy.save(file, numpy.asarray(x, dtype='<f4'))", (header, data) -> {
            long[] shape = header.shape();
            if (shape.length != 2) {
                throw new InvalidInputException(file + ": expected a 2-D array (rows x width), found shape "
                        + shapeText(shape) + (shape.length == 1
                        ? ": save a matrix, e.g. x.reshape(-1, 1) for one column or x.reshape(1, -1) for one row" : ""));
            }
            int rows = fitsInt(file, shape[0], "rows");
            int cols = fitsInt(file, shape[1], "width");
            float[] out = toFloats(file, header.dtype(), data, rows, cols, header.fortran());
            if (header.fortran()) {
                out = transposeFortran(out, rows, cols);
            }
            return new Matrix(rows, cols, out);
        });
    }

    /**
     * Reads a 1-D integer array (any integer dtype whose values fit int64), e.g. sample ids.
     *
     * @param file the {@code .npy} file
     * @return the values
     * @throws InvalidInputException naming the file and the field when it is not such an array
     */
    public static long[] readLongs(Path file) {
        return read(file, "int64 ('<i8') or another little-endian integer dtype",
                "save with numpy.save(file, numpy.asarray(ids, dtype='<i8'))", (header, data) -> {
            if (header.shape().length != 1) {
                throw new InvalidInputException(file + ": expected a 1-D integer array, found shape "
                        + shapeText(header.shape()) + ": save a flat array, e.g. numpy.ravel(ids)");
            }
            if (header.dtype().kind() == Kind.FLOAT) {
                throw new InvalidInputException(file + ": .npy header 'descr': expected int64 ('<i8'), found '"
                        + header.dtype().descr() + "' (" + header.dtype().name()
                        + "): save with numpy.asarray(ids, dtype='<i8')");
            }
            int n = fitsInt(file, header.shape()[0], "values");
            long[] out = new long[n];
            for (int i = 0; i < n; i++) {
                out[i] = integerAt(data, header.dtype(), i);
                if (header.dtype().kind() == Kind.UNSIGNED && header.dtype().size() == 8 && out[i] < 0) {
                    throw new InvalidInputException(file + ": value " + Long.toUnsignedString(out[i]) + " at index " + i
                            + " does not fit int64 (at most " + Long.MAX_VALUE + ")");
                }
            }
            return out;
        });
    }

    /**
     * Reads a 1-D integer array whose values fit an int (labels).
     *
     * @param file the {@code .npy} file
     * @return the values
     */
    public static int[] readInts(Path file) {
        long[] values = readLongs(file);
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] < Integer.MIN_VALUE || values[i] > Integer.MAX_VALUE) {
                throw new InvalidInputException(file + ": value " + values[i] + " at index " + i
                        + " does not fit a 32-bit label");
            }
            out[i] = (int) values[i];
        }
        return out;
    }

    /** Writes a {@code rows x cols} float32 matrix (row-major data), atomically. */
    public static void writeMatrix(Path file, float[] data, int rows, int cols) {
        if ((long) rows * cols != data.length) {
            throw new IllegalArgumentException(data.length + " values are not " + rows + " x " + cols);
        }
        AtomicFiles.write(file, out -> {
            writeHeader(out, "<f4", "(" + rows + ", " + cols + ")");
            ByteBuffer buffer = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
            for (float v : data) {
                if (!buffer.hasRemaining()) {
                    out.write(buffer.array(), 0, buffer.position());
                    buffer.clear();
                }
                buffer.putFloat(v);
            }
            out.write(buffer.array(), 0, buffer.position());
        });
    }

    /** Writes a 1-D int64 array, atomically. */
    public static void writeLongs(Path file, long[] values) {
        AtomicFiles.write(file, out -> {
            writeHeader(out, "<i8", "(" + values.length + ",)");
            ByteBuffer buffer = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
            buffer.asLongBuffer().put(values);
            out.write(buffer.array());
        });
    }

    /** Writes a 1-D int64 array from int values (labels), atomically. */
    public static void writeInts(Path file, int[] values) {
        long[] wide = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            wide[i] = values[i];
        }
        writeLongs(file, wide);
    }

    private static void writeHeader(OutputStream out, String descr, String shape) throws IOException {
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
        int preamble = MAGIC.length + 2 + 2;
        int total = preamble + dict.length() + 1;
        int padded = (total + 63) / 64 * 64;
        boolean v2 = padded - preamble > 65535;
        if (v2) {
            preamble = MAGIC.length + 2 + 4;
            padded = (preamble + dict.length() + 1 + 63) / 64 * 64;
        }
        StringBuilder header = new StringBuilder(dict);
        while (preamble + header.length() + 1 < padded) {
            header.append(' ');
        }
        header.append('\n');
        DataOutputStream data = new DataOutputStream(out);
        data.write(MAGIC);
        data.writeByte(v2 ? 2 : 1);
        data.writeByte(0);
        byte[] headerBytes = header.toString().getBytes(StandardCharsets.US_ASCII);
        if (v2) {
            data.writeInt(Integer.reverseBytes(headerBytes.length));
        } else {
            data.writeShort(Short.reverseBytes((short) headerBytes.length));
        }
        data.write(headerBytes);
        data.flush();
    }

    /** What a reader makes of a validated header and its data (little-endian, exactly the header's bytes). */
    @FunctionalInterface
    private interface Body<T> {
        T convert(Header header, ByteBuffer data);
    }

    private static <T> T read(Path file, String expectedDtypes, String fix, Body<T> body) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            Header header = header(file, channel, expectedDtypes, fix);
            long bytes = dataBytes(file, header, channel.size() - header.dataStart());
            ByteBuffer data = ByteBuffer.allocate((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
            channel.position(header.dataStart());
            readFully(channel, data);
            if (data.hasRemaining()) {
                throw new InvalidInputException(file + ": truncated while reading: expected " + bytes
                        + " bytes of data, found " + data.position());
            }
            data.flip();
            return body.convert(header, data);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": no such file");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads and validates the magic string, the version, the header length and the header dict. */
    private static Header header(Path file, FileChannel channel, String expectedDtypes, String fix) throws IOException {
        long size = channel.size();
        ByteBuffer start = ByteBuffer.allocate((int) Math.min(size, 12)).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, start);
        start.flip();
        byte[] first = new byte[Math.min(start.remaining(), MAGIC.length)];
        start.get(first);
        for (int i = 0; i < first.length; i++) {
            if (first[i] != MAGIC[i]) {
                throw new InvalidInputException(file + ": not a NumPy .npy file: expected the magic string"
                        + " \\x93NUMPY, found '" + Text.printable(new String(first, StandardCharsets.ISO_8859_1), 80)
                        + "': write it with numpy.save");
            }
        }
        if (size < 10) {
            throw new InvalidInputException(file + ": truncated .npy file: " + size + " bytes, expected at least 10"
                    + " (magic string, version, header length)");
        }
        int major = Byte.toUnsignedInt(start.get());
        int minor = Byte.toUnsignedInt(start.get());
        if (minor != 0 || major < 1 || major > 3) {
            throw new InvalidInputException(file + ": .npy format version: expected 1.0, 2.0 or 3.0, found "
                    + major + "." + minor);
        }
        long headerLength;
        long headerStart;
        if (major == 1) {
            headerLength = Short.toUnsignedInt(start.getShort());
            headerStart = 10;
        } else {
            if (size < 12) {
                throw new InvalidInputException(file + ": truncated .npy file: " + size + " bytes, expected at least"
                        + " 12 (magic string, version " + major + ".0, header length)");
            }
            headerLength = Integer.toUnsignedLong(start.getInt());
            headerStart = 12;
        }
        if (headerLength > MAX_HEADER_BYTES) {
            throw new InvalidInputException(file + ": .npy header length: expected at most " + MAX_HEADER_BYTES
                    + " bytes (numpy's limit), found " + headerLength);
        }
        if (headerStart + headerLength > size) {
            throw new InvalidInputException(file + ": truncated .npy header: its length is " + headerLength
                    + " bytes, the file holds " + (size - headerStart) + " after the preamble");
        }
        ByteBuffer bytes = ByteBuffer.allocate((int) headerLength);
        channel.position(headerStart);
        readFully(channel, bytes);
        String text = new String(bytes.array(), major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Map<String, Object> dict = HeaderDict.parse(file, text, major < 3);
        if (!dict.keySet().equals(KEYS)) {
            throw new InvalidInputException(file + ": .npy header keys: expected exactly 'descr', 'fortran_order',"
                    + " 'shape', found " + String.join(", ", dict.keySet().stream().map(k -> "'" + Text.printable(k, 80) + "'").toList()));
        }
        if (!(dict.get("fortran_order") instanceof Boolean fortran)) {
            throw new InvalidInputException(file + ": .npy header 'fortran_order': expected True or False, found "
                    + HeaderDict.describe(dict.get("fortran_order")));
        }
        if (!(dict.get("descr") instanceof String descr)) {
            Object value = dict.get("descr");
            throw new InvalidInputException(file + ": .npy header 'descr': expected a dtype string such as '<f4', found "
                    + HeaderDict.describe(value) + (value instanceof List ? " (a structured dtype)" : ""));
        }
        long[] shape = shape(file, dict.get("shape"));
        Dtype dtype = Dtype.parse(file, descr, expectedDtypes, fix);
        return new Header(dtype, fortran, shape, headerStart + headerLength);
    }

    /** @return the shape, every dimension a non-negative int64 */
    private static long[] shape(Path file, Object value) {
        String expected = file + ": .npy header 'shape': expected a tuple of non-negative integers, found ";
        if (!(value instanceof HeaderDict.Tuple tuple)) {
            throw new InvalidInputException(expected + HeaderDict.describe(value));
        }
        long[] shape = new long[tuple.items().size()];
        for (int i = 0; i < shape.length; i++) {
            if (!(tuple.items().get(i) instanceof BigInteger dimension)) {
                throw new InvalidInputException(expected + HeaderDict.describe(value));
            }
            if (dimension.signum() < 0) {
                throw new InvalidInputException(expected + HeaderDict.describe(value) + ": dimension " + i
                        + " is negative");
            }
            if (dimension.bitLength() > 63) {
                throw new InvalidInputException(expected + HeaderDict.describe(value) + ": dimension " + i
                        + " exceeds int64 (" + Long.MAX_VALUE + ")");
            }
            shape[i] = dimension.longValueExact();
        }
        return shape;
    }

    /**
     * The byte count of the data, with exact arithmetic: it must equal what the file holds after the
     * header and fit one Java array.
     */
    private static long dataBytes(Path file, Header header, long available) {
        String what = "shape " + shapeText(header.shape()) + " of '" + header.dtype().descr() + "'";
        long bytes;
        try {
            long count = 1;
            for (long dimension : header.shape()) {
                count = Math.multiplyExact(count, dimension);
            }
            bytes = Math.multiplyExact(count, header.dtype().size());
        } catch (ArithmeticException e) {
            throw new InvalidInputException(file + ": .npy header 'shape': " + what
                    + " needs more than " + Long.MAX_VALUE + " bytes (int64 overflow): the header is corrupt");
        }
        if (bytes > available) {
            throw new InvalidInputException(file + ": truncated: " + what + " needs " + bytes
                    + " bytes of data, found " + available);
        }
        if (bytes < available) {
            throw new InvalidInputException(file + ": " + what + " needs " + bytes + " bytes of data, found "
                    + available + ": " + (available - bytes) + " trailing bytes the header does not describe");
        }
        if (bytes > MAX_DATA_BYTES) {
            throw new InvalidInputException(file + ": " + what + " is " + bytes + " bytes of data, more than the "
                    + MAX_DATA_BYTES + " bytes (2 GiB) one array is read into here: split it into several files");
        }
        return bytes;
    }

    private static int fitsInt(Path file, long value, String what) {
        if (value > Integer.MAX_VALUE) {
            throw new InvalidInputException(file + ": " + value + " " + what + ", more than the "
                    + Integer.MAX_VALUE + " one array holds here: split it into several files");
        }
        return (int) value;
    }

    /** The data as float32, row-major as stored; a finite float64 beyond float32's range is an error. */
    private static float[] toFloats(Path file, Dtype dtype, ByteBuffer data, int rows, int cols, boolean fortran) {
        float[] out = new float[rows * cols];
        if (dtype.kind() == Kind.FLOAT && dtype.size() == 4) {
            data.asFloatBuffer().get(out);
        } else if (dtype.kind() == Kind.FLOAT && dtype.size() == 8) {
            var doubles = data.asDoubleBuffer();
            for (int i = 0; i < out.length; i++) {
                double v = doubles.get(i);
                out[i] = (float) v;
                if (Float.isInfinite(out[i]) && Double.isFinite(v)) {
                    throw new InvalidInputException(file + ": float64 value " + v + " at " + cell(i, rows, cols, fortran)
                            + " is beyond float32's range (largest " + Float.MAX_VALUE + "), where vectors are"
                            + " computed: rescale the vectors");
                }
            }
        } else if (dtype.kind() == Kind.FLOAT) {
            var halves = data.asShortBuffer();
            for (int i = 0; i < out.length; i++) {
                out[i] = halfToFloat(halves.get(i));
            }
        } else {
            for (int i = 0; i < out.length; i++) {
                long v = integerAt(data, dtype, i);
                out[i] = dtype.kind() == Kind.UNSIGNED && v < 0
                        ? (float) ((double) (v >>> 1) * 2 + (v & 1)) : (float) v;
            }
        }
        return out;
    }

    /** @return "row r, column c" of element {@code i} of the stored order */
    private static String cell(int i, int rows, int cols, boolean fortran) {
        return fortran ? "row " + (i % rows) + ", column " + (i / rows) : "row " + (i / cols) + ", column " + (i % cols);
    }

    /** @return element {@code i} of an integer array (an unsigned int64 as its bits) */
    private static long integerAt(ByteBuffer data, Dtype dtype, int i) {
        boolean signed = dtype.kind() == Kind.SIGNED;
        return switch (dtype.size()) {
            case 1 -> signed ? data.get(i) : Byte.toUnsignedLong(data.get(i));
            case 2 -> signed ? data.getShort(2 * i) : Short.toUnsignedLong(data.getShort(2 * i));
            case 4 -> signed ? data.getInt(4 * i) : Integer.toUnsignedLong(data.getInt(4 * i));
            default -> data.getLong(8 * i);
        };
    }

    /** IEEE 754 binary16 to float32 (exact: every half is a float). */
    static float halfToFloat(short half) {
        int bits = Short.toUnsignedInt(half);
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            float value = mantissa * 0x1p-24f;
            return sign != 0 ? -value : value;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                return;
            }
        }
    }

    private static float[] transposeFortran(float[] columnMajor, int rows, int cols) {
        float[] out = new float[columnMajor.length];
        for (int c = 0; c < cols; c++) {
            for (int r = 0; r < rows; r++) {
                out[r * cols + c] = columnMajor[c * rows + r];
            }
        }
        return out;
    }

    private static String shapeText(long[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i > 0 ? ", " : "").append(shape[i]);
        }
        return sb.append(shape.length == 1 ? ",)" : ")").toString();
    }
}
