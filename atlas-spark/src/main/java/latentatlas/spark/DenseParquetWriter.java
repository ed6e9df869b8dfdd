package latentatlas.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.statistics.FloatStatistics;
import org.apache.parquet.column.statistics.IntStatistics;
import org.apache.parquet.column.statistics.LongStatistics;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetOutputFormat;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.execution.datasources.OutputWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes one Parquet file of a dense table ({@link DenseParquetFormat}) a column chunk at a time. Each
 * column's values of a row group are encoded into v1 data pages of about {@code parquet.page.size} bytes,
 * cut between rows, and kept (compressed with the write's codec) until the row group holds
 * {@code parquet.block.size} bytes; then the row group is written, column after column.
 *
 * <p>Encodings (the Parquet format's): a {@code bigint} / {@code int} column ({@code int64} /
 * {@code int32}; where nullable, its definition levels first, as below, 1 a value and 0 a null) is its
 * non-null values, 8 / 4 bytes little-endian each (PLAIN). An {@code array<float>} column
 * ({@code optional|required group (LIST) {repeated group list {optional|required float element}}})
 * is its repetition levels, then its definition levels, each as a 4-byte length and runs of the RLE
 * hybrid encoding (a run: the unsigned varint {@code count << 1}, then the level in one byte), then its
 * non-null elements PLAIN. A row of {@code n >= 1} elements has repetition levels {@code 0} and
 * {@code n - 1} times {@code 1}, and one definition level per element ({@link FloatList}); an empty or
 * null array has one entry, repetition level 0. Page statistics: the minimum and maximum of the page's
 * values (NaN left out) and its null entries (null and empty arrays, null elements).
 */
final class DenseParquetWriter extends OutputWriter {
    private final String path;
    private final ParquetFileWriter file;
    private final WriteSupport.WriteContext context;
    private final Column[] columns;
    private final CompressionCodecName codec;
    private final CodecFactory codecs;
    private final CodecFactory.BytesCompressor compressor;
    private final long blockSize;
    private final int pageSize;
    private long rows;

    /**
     * @param path the file to create
     * @param conf the write's configuration, as {@link DenseParquetFormat#prepareWrite} left it
     * @throws IllegalStateException when the table is not dense ({@link #accepts})
     */
    DenseParquetWriter(String path, Configuration conf) {
        this.path = path;
        this.context = DenseParquetFormat.sparkWriteContext(conf);
        MessageType schema = context.getSchema();
        if (!accepts(schema)) {
            throw new IllegalStateException("not a dense table: " + schema);
        }
        this.codec = ParquetOutputFormat.getCompression(conf);
        this.blockSize = ParquetOutputFormat.getLongBlockSize(conf);
        this.pageSize = ParquetOutputFormat.getPageSize(conf);
        List<Type> fields = schema.getFields();
        this.columns = new Column[fields.size()];
        for (int i = 0; i < columns.length; i++) {
            ColumnDescriptor descriptor = schema.getColumns().get(i);
            columns[i] = fields.get(i).isPrimitive() ? new Scalar(descriptor, i, pageSize) : new FloatList(descriptor, i, pageSize);
        }
        this.codecs = new CodecFactory(conf, pageSize);
        this.compressor = codec == CompressionCodecName.UNCOMPRESSED ? null : codecs.getCompressor(codec);
        try {
            this.file = new ParquetFileWriter(HadoopOutputFile.fromPath(new Path(path), conf), schema,
                    ParquetFileWriter.Mode.CREATE, blockSize, 0, ParquetProperties.DEFAULT_COLUMN_INDEX_TRUNCATE_LENGTH,
                    ParquetProperties.DEFAULT_STATISTICS_TRUNCATE_LENGTH, ParquetOutputFormat.getPageWriteChecksumEnabled(conf));
            file.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * @return whether every column of a Parquet schema is one this writer encodes: {@code int64} or
     *     {@code int32} without annotation (Spark's {@code bigint}, {@code int}), or a
     *     standard 3-level list of {@code float} (Spark's {@code array<float>})
     */
    static boolean accepts(MessageType schema) {
        for (Type field : schema.getFields()) {
            if (field.isPrimitive() ? !isScalar(field) : !isFloatList(field)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isScalar(Type field) {
        PrimitiveTypeName type = field.asPrimitiveType().getPrimitiveTypeName();
        return !field.isRepetition(Type.Repetition.REPEATED) && field.getLogicalTypeAnnotation() == null
                && (type == PrimitiveTypeName.INT64 || type == PrimitiveTypeName.INT32);
    }

    private static boolean isFloatList(Type field) {
        GroupType list = field.asGroupType();
        if (!(list.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation)
                || list.isRepetition(Type.Repetition.REPEATED) || list.getFieldCount() != 1) {
            return false;
        }
        Type repeated = list.getType(0);
        if (repeated.isPrimitive() || !repeated.isRepetition(Type.Repetition.REPEATED) || repeated.asGroupType().getFieldCount() != 1) {
            return false;
        }
        Type element = repeated.asGroupType().getType(0);
        return element.isPrimitive() && !element.isRepetition(Type.Repetition.REPEATED) && element.getLogicalTypeAnnotation() == null
                && element.asPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.FLOAT;
    }

    @Override
    public void write(InternalRow row) {
        long buffered = 0;
        for (Column column : columns) {
            column.add(row);
            if (column.pageBytes() >= pageSize) {
                column.cutPage(compressor);
            }
            buffered += column.buffered + column.pageBytes();
        }
        rows++;
        if (buffered >= blockSize) {
            writeRowGroup();
        }
    }

    private void writeRowGroup() {
        try {
            for (Column column : columns) {
                column.cutPage(compressor);
            }
            file.startBlock(rows);
            for (Column column : columns) {
                ColumnDescriptor descriptor = column.descriptor;
                file.startColumn(descriptor, column.chunkEntries, codec);
                for (Page page : column.pages) {
                    file.writeDataPage(page.entries, page.rawSize, page.bytes, page.statistics, page.rows,
                            levelEncoding(descriptor.getMaxRepetitionLevel()), levelEncoding(descriptor.getMaxDefinitionLevel()),
                            Encoding.PLAIN);
                }
                file.endColumn();
                column.clearChunk();
            }
            file.endBlock();
            rows = 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    /** RLE for levels; a column without such levels has none, which Parquet's writers call BIT_PACKED. */
    private static Encoding levelEncoding(int maxLevel) {
        return maxLevel == 0 ? Encoding.BIT_PACKED : Encoding.RLE;
    }

    @Override
    public void close() {
        try {
            if (rows > 0) {
                writeRowGroup();
            }
            file.end(context.getExtraMetaData());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
        } finally {
            codecs.release();
        }
    }

    @Override
    public String path() {
        return path;
    }

    /** A finished data page: its stored bytes and what its header says. */
    private record Page(BytesInput bytes, int rawSize, int entries, int rows, Statistics<?> statistics) {
    }

    /** One column of the table (a leaf of the schema) and its pages of the current row group. */
    private abstract static class Column {
        final ColumnDescriptor descriptor;
        final int field;
        final List<Page> pages = new ArrayList<>();
        private final int capacity;
        Bytes values;
        int pageEntries;
        int pageRows;
        long chunkEntries;
        long buffered;

        /** @param pageSize the page size to cut at, which a page passes by its last row */
        Column(ColumnDescriptor descriptor, int field, int pageSize) {
            this.descriptor = descriptor;
            this.field = field;
            this.capacity = Math.min(pageSize, 8 << 20) + 65_536; // grows past that for a larger page size
            this.values = new Bytes(capacity);
        }

        /** Appends a row's value(s) to the current page. */
        abstract void add(InternalRow row);

        /** @return the current page's levels, each with its 4-byte length, and starts the next page's */
        abstract BytesInput takeLevels();

        /** @return the current page's statistics, and starts the next page's */
        abstract Statistics<?> takeStatistics();

        /** @return the current page's bytes so far, levels included */
        abstract long pageBytes();

        void cutPage(CodecFactory.BytesCompressor compressor) {
            if (pageRows == 0) {
                return;
            }
            BytesInput raw = BytesInput.concat(takeLevels(), values.input());
            try {
                BytesInput stored = compressor == null ? raw : BytesInput.copy(compressor.compress(raw));
                pages.add(new Page(stored, Math.toIntExact(raw.size()), pageEntries, pageRows, takeStatistics()));
                buffered += stored.size();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot compress a Parquet page: " + e.getMessage(), e);
            }
            chunkEntries += pageEntries;
            values = new Bytes(capacity);
            pageEntries = 0;
            pageRows = 0;
        }

        void clearChunk() {
            pages.clear();
            chunkEntries = 0;
            buffered = 0;
        }
    }

    /** An {@code int64} or {@code int32} column: definition levels if it is nullable, then the non-null values. */
    private static final class Scalar extends Column {
        private final boolean wide;
        /** The definition levels of a nullable column (1 a value, 0 a null), else null. */
        private final Runs definition;
        private long min = Long.MAX_VALUE;
        private long max = Long.MIN_VALUE;
        private long nulls;

        Scalar(ColumnDescriptor descriptor, int field, int pageSize) {
            super(descriptor, field, pageSize);
            this.wide = descriptor.getPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.INT64;
            this.definition = descriptor.getMaxDefinitionLevel() > 0 ? new Runs() : null;
        }

        @Override
        void add(InternalRow row) {
            pageEntries++;
            pageRows++;
            if (definition != null) {
                boolean isNull = row.isNullAt(field);
                definition.add(isNull ? 0 : 1, 1);
                if (isNull) {
                    nulls++;
                    return;
                }
            }
            long value;
            if (wide) {
                value = row.getLong(field);
                values.putLong(value);
            } else {
                value = row.getInt(field);
                values.putInt((int) value);
            }
            min = Math.min(min, value);
            max = Math.max(max, value);
        }

        @Override
        BytesInput takeLevels() {
            return definition == null ? BytesInput.empty() : definition.take();
        }

        @Override
        Statistics<?> takeStatistics() {
            Statistics<?> statistics = Statistics.createStats(descriptor.getPrimitiveType());
            if (min <= max && wide) {
                ((LongStatistics) statistics).setMinMax(min, max);
            } else if (min <= max) {
                ((IntStatistics) statistics).setMinMax((int) min, (int) max);
            }
            statistics.setNumNulls(nulls);
            min = Long.MAX_VALUE;
            max = Long.MIN_VALUE;
            nulls = 0;
            return statistics;
        }

        @Override
        long pageBytes() {
            return values.size + (definition == null ? 0 : definition.out.size);
        }
    }

    /**
     * An {@code array<float>} column: repetition and definition levels, then the elements. Definition
     * levels: {@code d} (the column's maximum) for an element, {@code d - 1} for a null element (where
     * elements may be null); for an empty array 1 where the array may be null, else 0; 0 for a null array.
     */
    private static final class FloatList extends Column {
        private final int elementLevel;
        private final boolean nullable;
        private final boolean nullElements;
        private final Runs repetition = new Runs();
        private final Runs definition = new Runs();
        private float min = Float.POSITIVE_INFINITY;
        private float max = Float.NEGATIVE_INFINITY;
        private long nulls;

        FloatList(ColumnDescriptor descriptor, int field, int pageSize) {
            super(descriptor, field, pageSize);
            this.elementLevel = descriptor.getMaxDefinitionLevel();
            this.nullElements = descriptor.getPrimitiveType().isRepetition(Type.Repetition.OPTIONAL);
            this.nullable = elementLevel == (nullElements ? 3 : 2);
        }

        @Override
        void add(InternalRow row) {
            pageRows++;
            if (row.isNullAt(field)) {
                if (!nullable) {
                    throw new IllegalStateException("a null in the non-null column " + descriptor);
                }
                entry(0);
                return;
            }
            ArrayData array = row.getArray(field);
            int n = array.numElements();
            if (n == 0) {
                entry(nullable ? 1 : 0);
                return;
            }
            repetition.add(0, 1);
            if (n > 1) {
                repetition.add(1, n - 1);
            }
            values.ensure(4L * n);
            float lo = min;
            float hi = max;
            if (nullElements) {
                for (int i = 0; i < n; i++) {
                    if (array.isNullAt(i)) {
                        definition.add(elementLevel - 1, 1);
                        nulls++;
                    } else {
                        definition.add(elementLevel, 1);
                        float value = array.getFloat(i);
                        values.putFloatUnchecked(value);
                        lo = value < lo ? value : lo; // NaN compares false: left out
                        hi = value > hi ? value : hi;
                    }
                }
            } else {
                definition.add(elementLevel, n);
                for (int i = 0; i < n; i++) {
                    float value = array.getFloat(i);
                    values.putFloatUnchecked(value);
                    lo = value < lo ? value : lo;
                    hi = value > hi ? value : hi;
                }
            }
            min = lo;
            max = hi;
            pageEntries += n;
        }

        /** A null or empty array: one level entry, no value. */
        private void entry(int level) {
            repetition.add(0, 1);
            definition.add(level, 1);
            pageEntries++;
            nulls++;
        }

        @Override
        BytesInput takeLevels() {
            return BytesInput.concat(repetition.take(), definition.take());
        }

        @Override
        Statistics<?> takeStatistics() {
            FloatStatistics statistics = (FloatStatistics) Statistics.createStats(descriptor.getPrimitiveType());
            if (min <= max) {
                statistics.setMinMax(min, max);
            }
            statistics.setNumNulls(nulls);
            min = Float.POSITIVE_INFINITY;
            max = Float.NEGATIVE_INFINITY;
            nulls = 0;
            return statistics;
        }

        @Override
        long pageBytes() {
            return values.size + repetition.out.size + definition.out.size;
        }
    }

    /** Levels as runs of the RLE hybrid encoding; consecutive equal levels share a run. */
    private static final class Runs {
        private static final int LEVELS = 4096;

        Bytes out = new Bytes(LEVELS);
        private int level = -1;
        private int count;

        void add(int value, int n) {
            if (value == level) {
                count += n;
            } else {
                flush();
                level = value;
                count = n;
            }
        }

        /** @return the runs so far after their 4-byte little-endian length; starts anew */
        BytesInput take() {
            flush();
            BytesInput runs = BytesInput.concat(BytesInput.fromInt(out.size), out.input());
            out = new Bytes(LEVELS);
            return runs;
        }

        private void flush() {
            if (count > 0) {
                out.putVarInt(count << 1);
                out.putByte(level);
            }
            level = -1;
            count = 0;
        }
    }

    /** A growing little-endian byte buffer. */
    private static final class Bytes {
        private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
        private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
        private static final VarHandle FLOAT = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);

        private byte[] data;
        int size;

        Bytes(int capacity) {
            data = new byte[capacity];
        }

        /** Makes room for {@code more} bytes. */
        void ensure(long more) {
            long needed = size + more;
            if (needed > data.length) {
                if (needed > Integer.MAX_VALUE - 16) {
                    throw new IllegalStateException("a Parquet page over 2 GiB: lower parquet.page.size");
                }
                data = Arrays.copyOf(data, (int) Math.min(Integer.MAX_VALUE - 16, Math.max(needed, 2L * data.length)));
            }
        }

        void putByte(int value) {
            ensure(1);
            data[size++] = (byte) value;
        }

        void putVarInt(int value) {
            int v = value;
            while ((v & ~0x7F) != 0) {
                putByte((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            putByte(v);
        }

        void putInt(int value) {
            ensure(4);
            INT.set(data, size, value);
            size += 4;
        }

        void putLong(long value) {
            ensure(8);
            LONG.set(data, size, value);
            size += 8;
        }

        /** After {@link #ensure}. */
        void putFloatUnchecked(float value) {
            FLOAT.set(data, size, value);
            size += 4;
        }

        BytesInput input() {
            return BytesInput.from(data, 0, size);
        }
    }
}
