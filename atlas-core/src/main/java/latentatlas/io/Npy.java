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
 * NumPy {@code .npy} files (numpy.lib.format versions 1.0, 2.0 and 3.0), of any size. Reading validates
 * the file as numpy's {@code read_array} does, and more strictly, before any data is allocated:
 * <ul>
 *   <li>the magic string {@code \x93NUMPY}, a version 1.0, 2.0 or 3.0, a header length of at most
 *       {@value #MAX_HEADER_BYTES} bytes (numpy's {@code _MAX_HEADER_SIZE}) that lies inside the file;</li>
 *   <li>the header is a Python dict literal with exactly the keys {@code descr} (a dtype string),
 *       {@code fortran_order} ({@code True} or {@code False}) and {@code shape} (a tuple of non-negative
 *       integers);</li>
 *   <li>the dtype is one this reader converts (little-endian floats and integers; never big-endian,
 *       object, complex, string or structured dtypes);</li>
 *   <li>the element count and the byte count are computed with exact, overflow-checked arithmetic and
 *       the data must fill the rest of the file exactly (a truncated file and trailing bytes are errors).</li>
 * </ul>
 * A violation is an {@link InvalidInputException} of one line that names the file, the field, the
 * expected and the found value. The same validation reads the members of an {@code .npz} archive
 * ({@link Npz}).
 *
 * <p>The data is read in chunks of {@value #CHUNK_BYTES} bytes straight into the destination array, so
 * a file may hold more than 2 GiB: a whole matrix ({@link #readMatrix}) needs only rows and width below
 * 2^31 and at most {@value #MAX_ARRAY_VALUES} values (one Java {@code float[]}, 8 GiB of float32); a
 * matrix of any size is read block by block with {@link #openMatrix}.
 *
 * <p>Matrices are 2-D; float32 is read as is, float16 and integers exactly or rounded to float32,
 * float64 rounded to float32, and a finite float64 beyond float32's range is an error (never silently
 * infinite). Integer vectors ({@link #readLongs}) are 1-D of any integer dtype whose values fit int64.
 * Written files are version 1.0 (or 2.0 when the header needs it), little-endian, C order, written
 * atomically, in chunks ({@link #writeMatrix(Path, long, int, RowProducer)} streams rows of any count).
 *
 * <p>Usage:
 * <pre>
 * Npy.Matrix m = Npy.readMatrix(Path.of("x.npy"));            // whole, float32 row-major
 * try (Npy.MatrixReader r = Npy.openMatrix(Path.of("big.npy"))) {
 *     float[] block = new float[1024 * r.cols()];
 *     for (long row = 0; row &lt; r.rows(); row += 1024) {
 *         int n = (int) Math.min(1024, r.rows() - row);
 *         r.read(row, n, block);                              // rows row..row+n-1
 *     }
 * }
 * </pre>
 */
public final class Npy {
    /** numpy's limit on the header of a file it loads ({@code numpy.lib.format._MAX_HEADER_SIZE}). */
    public static final int MAX_HEADER_BYTES = 10_000;
    /** The most values read into one array ({@link #readMatrix}, {@link #readLongs}): the JVM's array limit. */
    public static final int MAX_ARRAY_VALUES = Integer.MAX_VALUE - 8;
    /** Bytes read or converted at a time. */
    static final int CHUNK_BYTES = 1 << 22;

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Set<String> KEYS = Set.of("descr", "fortran_order", "shape");
    private static final String MATRIX_DTYPES = "float32 ('<f4'), float64 ('<f8'), float16 ('<f2') or a"
            + " little-endian integer dtype";
    private static final String MATRIX_FIX = "save with numpy.save(file, numpy.asarray(x, dtype='<f4'))";
    private static final String INTEGER_DTYPES = "int64 ('<i8') or another little-endian integer dtype";
    private static final String INTEGER_FIX = "save with numpy.save(file, numpy.asarray(ids, dtype='<i8'))";

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
        static Dtype parse(String file, String descr, String expected, String fix) {
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
     * @param dataStart the offset of the data, which fills the rest of the file exactly
     */
    private record Header(Dtype dtype, boolean fortran, long[] shape, long dataStart) {
    }

    /**
     * Where the bytes of an array come from: a file, a stored or a deflated member of an {@code .npz}
     * archive. A deflated member is read at growing positions only (past its header).
     */
    interface Source extends AutoCloseable {
        /** @return the file (or {@code ARCHIVE:MEMBER}) for messages */
        String name();

        /** @return the number of bytes */
        long size();


        /**
         * Reads bytes at {@code position} into {@code into} until it is full or the source ends.
         *
         * @throws IOException when reading fails
         */
        void read(long position, ByteBuffer into) throws IOException;

        @Override
        void close() throws IOException;
    }

    /** A region of a file, read with positional reads. */
    static final class FileSource implements Source {
        private final String name;
        private final FileChannel channel;
        private final long start;
        private final long size;

        /**
         * @param name for messages
         * @param channel the open file, owned by this source
         * @param start the region's first byte
         * @param size the region's length
         */
        FileSource(String name, FileChannel channel, long start, long size) {
            this.name = name;
            this.channel = channel;
            this.start = start;
            this.size = size;
        }

        static FileSource open(Path file) throws IOException {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            return new FileSource(file.toString(), channel, 0, channel.size());
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public void read(long position, ByteBuffer into) throws IOException {
            long at = position;
            int limit = into.limit();
            into.limit((int) Math.min(limit, into.position() + Math.max(0, size - position)));
            while (into.hasRemaining()) {
                int n = channel.read(into, start + at);
                if (n < 0) {
                    break;
                }
                at += n;
            }
            into.limit(limit);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /**
     * Reads a 2-D array of floats or integers as float32 (float64 and wide integers are rounded to the
     * nearest float32; a finite float64 beyond float32's range is an error).
     *
     * @param file the {@code .npy} file
     * @return the matrix, row-major
     * @throws InvalidInputException naming the file and the field when it is not such an array, or it
     *     holds more than {@value #MAX_ARRAY_VALUES} values (read it with {@link #openMatrix})
     */
    public static Matrix readMatrix(Path file) {
        return withFile(file, Npy::readMatrix);
    }

    /** Reads a whole matrix from a source (a file or an archive member). */
    static Matrix readMatrix(Source source) throws IOException {
        Header header = header(source, MATRIX_DTYPES, MATRIX_FIX);
        long[] shape = matrixShape(source.name(), header);
        int rows = fitsInt(source.name(), shape[0], "rows");
        int cols = fitsInt(source.name(), shape[1], "width");
        long count = (long) rows * cols;
        if (count > MAX_ARRAY_VALUES) {
            throw new InvalidInputException(source.name() + ": shape " + shapeText(shape) + " is " + count
                    + " values, more than the " + MAX_ARRAY_VALUES + " one array holds: read it in row blocks"
                    + " (Npy.openMatrix, atlas merge --block-rows) or split it into several files");
        }
        float[] out = new float[(int) count];
        readFloats(source, header, 0, out, 0, (int) count, rows, cols);
        if (header.fortran()) {
            out = transposeFortran(out, rows, cols);
        }
        return new Matrix(rows, cols, out);
    }

    /**
     * Opens a 2-D {@code .npy} file for reading in row blocks, after the same validation as
     * {@link #readMatrix}; nothing but the header is read until {@link MatrixReader#read}.
     *
     * @param file the {@code .npy} file (any size)
     * @return the open reader; close it
     * @throws InvalidInputException naming the file and the field when it is not such an array
     */
    public static MatrixReader openMatrix(Path file) {
        FileSource source = null;
        try {
            source = FileSource.open(file);
            Header header = header(source, MATRIX_DTYPES, MATRIX_FIX);
            long[] shape = matrixShape(source.name(), header);
            fitsInt(source.name(), shape[1], "width");
            MatrixReader reader = new MatrixReader(source, header);
            source = null;
            return reader;
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": no such file");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        } finally {
            closeQuietly(source);
        }
    }

    /**
     * A 2-D {@code .npy} file open for block reads: {@code read(first, n, into)} converts rows
     * {@code first..first+n-1} to float32, row-major, whatever the file's dtype and order. Not thread-safe.
     */
    public static final class MatrixReader implements AutoCloseable {
        private final Source source;
        private final Header header;
        private final long rows;
        private final int cols;

        private MatrixReader(Source source, Header header) {
            this.source = source;
            this.header = header;
            this.rows = header.shape()[0];
            this.cols = (int) header.shape()[1];
        }

        /** @return the file, for messages */
        public String name() {
            return source.name();
        }

        /** @return the number of rows */
        public long rows() {
            return rows;
        }

        /** @return the width */
        public int cols() {
            return cols;
        }

        /**
         * Reads {@code count} rows from row {@code first} into {@code into[0 .. count*cols)}.
         *
         * @throws IndexOutOfBoundsException when the rows lie outside the file or do not fit {@code into}
         * @throws InvalidInputException when a float64 value is beyond float32's range
         */
        public void read(long first, int count, float[] into) {
            read(first, count, into, 0);
        }

        /**
         * Reads {@code count} rows from row {@code first} into {@code into[offset .. offset+count*cols)}.
         *
         * @throws IndexOutOfBoundsException when the rows lie outside the file or do not fit {@code into}
         * @throws InvalidInputException when a float64 value is beyond float32's range
         */
        public void read(long first, int count, float[] into, int offset) {
            if (first < 0 || count < 0 || offset < 0 || first + count > rows
                    || offset + (long) count * cols > into.length) {
                throw new IndexOutOfBoundsException("rows " + first + " + " + count + " of " + rows
                        + " into " + into.length + " values at " + offset);
            }
            try {
                if (!header.fortran()) {
                    readFloats(source, header, first * cols, into, offset, count * cols, rows, cols);
                    return;
                }
                float[] column = new float[count];
                for (int c = 0; c < cols; c++) {
                    readFloats(source, header, c * rows + first, column, 0, count, rows, cols);
                    for (int r = 0; r < count; r++) {
                        into[offset + r * cols + c] = column[r];
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + source.name() + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            closeQuietly(source);
        }
    }

    /**
     * Reads a 1-D integer array (any integer dtype whose values fit int64), e.g. sample ids.
     *
     * @param file the {@code .npy} file
     * @return the values
     * @throws InvalidInputException naming the file and the field when it is not such an array
     */
    public static long[] readLongs(Path file) {
        return withFile(file, Npy::readLongs);
    }

    /** Reads a whole integer vector from a source (a file or an archive member). */
    static long[] readLongs(Source source) throws IOException {
        String file = source.name();
        Header header = header(source, INTEGER_DTYPES, INTEGER_FIX);
        if (header.shape().length != 1) {
            throw new InvalidInputException(file + ": expected a 1-D integer array, found shape "
                    + shapeText(header.shape()) + ": save a flat array, e.g. numpy.ravel(ids)");
        }
        Dtype dtype = header.dtype();
        if (dtype.kind() == Kind.FLOAT) {
            throw new InvalidInputException(file + ": .npy header 'descr': expected int64 ('<i8'), found '"
                    + dtype.descr() + "' (" + dtype.name() + "): save with numpy.asarray(ids, dtype='<i8')");
        }
        int n = fitsInt(file, header.shape()[0], "values");
        if (n > MAX_ARRAY_VALUES) {
            throw new InvalidInputException(file + ": " + n + " values, more than the " + MAX_ARRAY_VALUES
                    + " one array holds: split it into several files");
        }
        long[] out = new long[n];
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        int perChunk = CHUNK_BYTES / dtype.size();
        for (int done = 0; done < n; ) {
            int count = Math.min(perChunk, n - done);
            fill(source, header.dataStart() + (long) done * dtype.size(), chunk, count * dtype.size());
            for (int i = 0; i < count; i++) {
                long v = integerAt(chunk, dtype, i);
                if (dtype.kind() == Kind.UNSIGNED && dtype.size() == 8 && v < 0) {
                    throw new InvalidInputException(file + ": value " + Long.toUnsignedString(v) + " at index "
                            + (done + i) + " does not fit int64 (at most " + Long.MAX_VALUE + ")");
                }
                out[done + i] = v;
            }
            done += count;
        }
        return out;
    }

    /**
     * Reads a 1-D integer array whose values fit an int (labels).
     *
     * @param file the {@code .npy} file
     * @return the values
     */
    public static int[] readInts(Path file) {
        return toInts(file.toString(), readLongs(file));
    }

    /** @return the values as ints, or an error naming the first that does not fit */
    static int[] toInts(String file, long[] values) {
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
        writeMatrix(file, rows, cols, sink -> sink.write(data, 0, rows));
    }

    /** Produces the rows of a matrix being written, in order, through {@link RowSink#write}. */
    @FunctionalInterface
    public interface RowProducer {
        /**
         * @param sink where the rows go
         * @throws IOException when writing fails
         */
        void produce(RowSink sink) throws IOException;
    }

    /** Takes rows of a matrix being written ({@link #writeMatrix(Path, long, int, RowProducer)}). */
    public interface RowSink {
        /**
         * Appends {@code count} rows from {@code data[offset ..]} (row-major, the matrix' width).
         *
         * @throws IOException when writing fails
         * @throws IllegalStateException when the rows exceed the announced count
         */
        void write(float[] data, int offset, int count) throws IOException;
    }

    /**
     * Writes a {@code rows x cols} float32 matrix whose rows arrive in blocks, atomically: the file
     * appears only when the producer has given exactly {@code rows} rows.
     *
     * @param file the target
     * @param rows the row count (any, the header carries it)
     * @param cols the width
     * @param producer writes the rows in order
     * @throws IllegalStateException when the producer gives another number of rows
     */
    public static void writeMatrix(Path file, long rows, int cols, RowProducer producer) {
        AtomicFiles.write(file, out -> {
            writeHeader(out, "<f4", "(" + rows + ", " + cols + ")");
            ByteBuffer buffer = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            long[] written = {0};
            producer.produce((data, offset, count) -> {
                if (written[0] + count > rows) {
                    throw new IllegalStateException("more than the announced " + rows + " rows");
                }
                int values = count * cols;
                for (int done = 0; done < values; ) {
                    int n = Math.min(values - done, CHUNK_BYTES / 4);
                    buffer.clear();
                    buffer.asFloatBuffer().put(data, offset * cols + done, n);
                    out.write(buffer.array(), 0, n * 4);
                    done += n;
                }
                written[0] += count;
            });
            if (written[0] != rows) {
                throw new IllegalStateException(written[0] + " rows written, " + rows + " announced");
            }
        });
    }

    /** Writes a 1-D int64 array, atomically. */
    public static void writeLongs(Path file, long[] values) {
        AtomicFiles.write(file, out -> {
            writeHeader(out, "<i8", "(" + values.length + ",)");
            ByteBuffer buffer = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (int done = 0; done < values.length; ) {
                int n = Math.min(values.length - done, CHUNK_BYTES / 8);
                buffer.clear();
                buffer.asLongBuffer().put(values, done, n);
                out.write(buffer.array(), 0, n * 8);
                done += n;
            }
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

    /** Reads a whole array from a source. */
    @FunctionalInterface
    private interface Reading<T> {
        T read(Source source) throws IOException;
    }

    private static <T> T withFile(Path file, Reading<T> reading) {
        try (FileSource source = FileSource.open(file)) {
            return reading.read(source);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": no such file");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(Source source) {
        if (source != null) {
            try {
                source.close();
            } catch (IOException ignored) {
                // a read-only source: nothing is lost
            }
        }
    }

    /**
     * Reads exactly {@code bytes} bytes at {@code position} into {@code chunk} (cleared, then flipped).
     * The header's byte count was checked against the size, so a short read means the file changed.
     */
    private static void fill(Source source, long position, ByteBuffer chunk, int bytes) throws IOException {
        chunk.clear().limit(bytes);
        source.read(position, chunk);
        if (chunk.hasRemaining()) {
            throw new InvalidInputException(source.name() + ": truncated while reading: expected "
                    + (position + bytes) + " bytes, found " + (position + chunk.position()));
        }
        chunk.flip();
    }

    /**
     * Converts elements {@code first .. first+count-1} (in stored order) of a float or integer array to
     * float32 into {@code out[offset ..]}, a chunk at a time; a finite float64 beyond float32's range is
     * an error naming its cell.
     */
    private static void readFloats(Source source, Header header, long first, float[] out, int offset, int count,
                                   long rows, long cols) throws IOException {
        Dtype dtype = header.dtype();
        int perChunk = CHUNK_BYTES / dtype.size();
        ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(CHUNK_BYTES, (long) count * dtype.size() + 8))
                .order(ByteOrder.LITTLE_ENDIAN);
        for (int done = 0; done < count; ) {
            int n = Math.min(Math.min(perChunk, count - done), chunk.capacity() / dtype.size());
            long element = first + done;
            fill(source, header.dataStart() + element * dtype.size(), chunk, n * dtype.size());
            int at = offset + done;
            if (dtype.kind() == Kind.FLOAT && dtype.size() == 4) {
                chunk.asFloatBuffer().get(out, at, n);
            } else if (dtype.kind() == Kind.FLOAT && dtype.size() == 8) {
                for (int i = 0; i < n; i++) {
                    double v = chunk.getDouble(8 * i);
                    out[at + i] = (float) v;
                    if (Float.isInfinite(out[at + i]) && Double.isFinite(v)) {
                        throw new InvalidInputException(source.name() + ": float64 value " + v + " at "
                                + cell(element + i, rows, cols, header.fortran()) + " is beyond float32's range"
                                + " (largest " + Float.MAX_VALUE + "), where vectors are computed: rescale the vectors");
                    }
                }
            } else if (dtype.kind() == Kind.FLOAT) {
                for (int i = 0; i < n; i++) {
                    out[at + i] = halfToFloat(chunk.getShort(2 * i));
                }
            } else {
                for (int i = 0; i < n; i++) {
                    long v = integerAt(chunk, dtype, i);
                    out[at + i] = dtype.kind() == Kind.UNSIGNED && v < 0
                            ? (float) ((double) (v >>> 1) * 2 + (v & 1)) : (float) v;
                }
            }
            done += n;
        }
    }

    /** Reads and validates the magic string, the version, the header length, the header dict and the byte count. */
    private static Header header(Source source, String expectedDtypes, String fix) throws IOException {
        String file = source.name();
        long size = source.size();
        ByteBuffer start = ByteBuffer.allocate((int) Math.min(size, 12)).order(ByteOrder.LITTLE_ENDIAN);
        source.read(0, start);
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
        source.read(headerStart, bytes);
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
        Header header = new Header(dtype, fortran, shape, headerStart + headerLength);
        dataBytes(file, header, size - header.dataStart());
        return header;
    }

    /** @return the shape of a matrix header, or an error when it is not 2-D */
    private static long[] matrixShape(String file, Header header) {
        long[] shape = header.shape();
        if (shape.length != 2) {
            throw new InvalidInputException(file + ": expected a 2-D array (rows x width), found shape "
                    + shapeText(shape) + (shape.length == 1
                    ? ": save a matrix, e.g. x.reshape(-1, 1) for one column or x.reshape(1, -1) for one row" : ""));
        }
        return shape;
    }

    /** @return the shape, every dimension a non-negative int64 */
    private static long[] shape(String file, Object value) {
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

    /** The byte count of the data, with exact arithmetic: it must equal what the file holds after the header. */
    private static long dataBytes(String file, Header header, long available) {
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
        return bytes;
    }

    private static int fitsInt(String file, long value, String what) {
        if (value > Integer.MAX_VALUE) {
            throw new InvalidInputException(file + ": " + value + " " + what + ", more than the "
                    + Integer.MAX_VALUE + " one array holds here: split it into several files");
        }
        return (int) value;
    }

    /** @return "row r, column c" of element {@code i} of the stored order */
    private static String cell(long i, long rows, long cols, boolean fortran) {
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
