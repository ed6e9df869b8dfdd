package latentatlas.io;

import latentatlas.InvalidInputException;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy {@code .npy} files (numpy.lib.format versions 1.0, 2.0 and 3.0): float32 and float64
 * matrices (C or Fortran order, little-endian), int64 and int32 vectors. Written files are version
 * 1.0 (or 2.0 when the header needs it), little-endian, C order, written atomically.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    /** A float32 matrix read from a file: {@code rows x cols}, row-major. */
    public record Matrix(int rows, int cols, float[] data) {
    }

    /** The parsed header and the raw little-endian payload of an {@code .npy} file. */
    private record Raw(String descr, boolean fortran, long[] shape, ByteBuffer data) {
    }

    /**
     * Reads a 2-D float32 or float64 array (float64 is narrowed to float32); a 1-D array is read as
     * one column.
     *
     * @param file the {@code .npy} file
     * @return the matrix, row-major
     */
    public static Matrix readMatrix(Path file) {
        Raw raw = read(file);
        if (raw.shape.length < 1 || raw.shape.length > 2) {
            throw new InvalidInputException(file + ": expected a 2-D array (rows x width), found shape "
                    + shapeText(raw.shape));
        }
        long rows = raw.shape[0];
        long cols = raw.shape.length == 2 ? raw.shape[1] : 1;
        checkSize(file, rows * cols);
        float[] out = new float[(int) (rows * cols)];
        switch (raw.descr) {
            case "<f4" -> raw.data.asFloatBuffer().get(out);
            case "<f8" -> {
                var doubles = raw.data.asDoubleBuffer();
                for (int i = 0; i < out.length; i++) {
                    out[i] = (float) doubles.get(i);
                }
            }
            default -> throw new InvalidInputException(file + ": expected dtype float32 ('<f4') or float64"
                    + " ('<f8'), found '" + raw.descr + "': save with numpy.asarray(x, dtype='<f4')");
        }
        if (raw.fortran && raw.shape.length == 2) {
            out = transposeFortran(out, (int) rows, (int) cols);
        }
        return new Matrix((int) rows, (int) cols, out);
    }

    /**
     * Reads a 1-D int64 (or int32) array, e.g. sample ids.
     *
     * @param file the {@code .npy} file
     * @return the values
     */
    public static long[] readLongs(Path file) {
        Raw raw = read(file);
        if (raw.shape.length != 1) {
            throw new InvalidInputException(file + ": expected a 1-D integer array, found shape "
                    + shapeText(raw.shape));
        }
        checkSize(file, raw.shape[0]);
        long[] out = new long[(int) raw.shape[0]];
        switch (raw.descr) {
            case "<i8" -> raw.data.asLongBuffer().get(out);
            case "<i4" -> {
                var ints = raw.data.asIntBuffer();
                for (int i = 0; i < out.length; i++) {
                    out[i] = ints.get(i);
                }
            }
            default -> throw new InvalidInputException(file + ": expected dtype int64 ('<i8'), found '"
                    + raw.descr + "': save with numpy.asarray(ids, dtype='<i8')");
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

    private static Raw read(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            ByteBuffer start = ByteBuffer.allocate((int) Math.min(size, 10)).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, start);
            start.flip();
            for (int i = 0; i < MAGIC.length; i++) {
                if (start.remaining() == 0 || start.get() != MAGIC[i]) {
                    throw new InvalidInputException(file + ": not a NumPy .npy file (wrong magic number):"
                            + " write it with numpy.save");
                }
            }
            if (start.remaining() < 4) {
                throw new InvalidInputException(file + ": truncated .npy header");
            }
            int major = start.get();
            start.get();
            long headerLength;
            long headerStart;
            if (major == 1) {
                headerLength = Short.toUnsignedInt(start.getShort());
                headerStart = 10;
            } else if (major == 2 || major == 3) {
                ByteBuffer four = ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN);
                channel.position(10);
                readFully(channel, four);
                four.flip();
                headerLength = Short.toUnsignedInt(start.getShort()) | ((long) Short.toUnsignedInt(four.getShort()) << 16);
                headerStart = 12;
            } else {
                throw new InvalidInputException(file + ": unsupported .npy format version " + major
                        + " (supported: 1, 2, 3)");
            }
            if (headerStart + headerLength > size) {
                throw new InvalidInputException(file + ": truncated .npy header");
            }
            ByteBuffer header = ByteBuffer.allocate((int) headerLength);
            channel.position(headerStart);
            readFully(channel, header);
            String dict = new String(header.array(), major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            String descr = group(file, DESCR, dict, "descr");
            boolean fortran = "True".equals(group(file, FORTRAN, dict, "fortran_order"));
            long[] shape = parseShape(file, group(file, SHAPE, dict, "shape"));
            if (descr.startsWith(">")) {
                throw new InvalidInputException(file + ": big-endian dtype '" + descr
                        + "' is not supported: save with dtype '<" + descr.substring(1) + "'");
            }
            long count = 1;
            for (long s : shape) {
                count *= s;
            }
            int itemSize = descr.length() > 2 ? Integer.parseInt(descr.substring(2)) : 1;
            long payload = count * itemSize;
            long dataStart = headerStart + headerLength;
            if (size - dataStart < payload) {
                throw new InvalidInputException(file + ": truncated: shape " + shapeText(shape) + " of '"
                        + descr + "' needs " + payload + " bytes of data, found " + (size - dataStart));
            }
            if (payload > Integer.MAX_VALUE - 64) {
                throw new InvalidInputException(file + ": " + payload + " bytes exceed the 2 GiB a single"
                        + " array can hold here: split the space into several files");
            }
            ByteBuffer data = ByteBuffer.allocate((int) payload).order(ByteOrder.LITTLE_ENDIAN);
            channel.position(dataStart);
            readFully(channel, data);
            data.flip();
            return new Raw(descr, fortran, shape, data);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": no such file");
        } catch (NumberFormatException e) {
            throw new InvalidInputException(file + ": malformed .npy header (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                return;
            }
        }
    }

    private static String group(Path file, Pattern pattern, String dict, String key) {
        Matcher m = pattern.matcher(dict);
        if (!m.find()) {
            throw new InvalidInputException(file + ": malformed .npy header, no '" + key + "' in " + dict.trim());
        }
        return m.group(1);
    }

    private static long[] parseShape(Path file, String text) {
        String[] parts = text.split(",");
        int count = 0;
        long[] shape = new long[parts.length];
        for (String part : parts) {
            String p = part.trim();
            if (!p.isEmpty()) {
                shape[count++] = Long.parseLong(p.endsWith("L") ? p.substring(0, p.length() - 1) : p);
            }
        }
        return java.util.Arrays.copyOf(shape, count);
    }

    private static void checkSize(Path file, long count) {
        if (count > Integer.MAX_VALUE - 64) {
            throw new InvalidInputException(file + ": " + count + " values exceed what one array holds here");
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
