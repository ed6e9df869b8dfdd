package latentatlas.io;

import latentatlas.InvalidInputException;
import latentatlas.Text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * NumPy {@code .npz} archives ({@code numpy.savez}, stored, and {@code numpy.savez_compressed},
 * deflated): a zip file of {@code .npy} members, one per array, named {@code NAME.npy}. The zip layout
 * is read from its central directory (zip64 records included, which numpy writes for members over 4 GiB);
 * every member is then validated and converted by {@link Npy}, exactly as a file, under the name
 * {@code ARCHIVE:NAME.npy}. A stored member is read in place in chunks; a deflated one is inflated as it
 * is read and its CRC-32 checked at the end.
 *
 * <p>Usage:
 * <pre>
 * // numpy: np.savez("space.npz", vectors=x, ids=ids)
 * List&lt;String&gt; names = Npz.names(Path.of("space.npz"));          // [vectors, ids]
 * Npy.Matrix x = Npz.readMatrix(Path.of("space.npz"), "vectors");
 * long[] ids = Npz.readLongs(Path.of("space.npz"), "ids");
 * </pre>
 */
public final class Npz {
    private static final int LOCAL = 0x04034b50;
    private static final int CENTRAL = 0x02014b50;
    private static final int END = 0x06054b50;
    private static final int END64 = 0x06064b50;
    private static final int LOCATOR64 = 0x07064b50;
    private static final int MAX_COMMENT = 65535;
    private static final int MAX_MEMBERS = 100_000;

    private Npz() {
    }

    /**
     * A member of the archive, from its central directory entry.
     *
     * @param name the member's file name, e.g. {@code ids.npy}
     * @param method 0 (stored) or 8 (deflated)
     * @param crc the CRC-32 of the uncompressed bytes
     * @param compressed the stored byte count
     * @param size the uncompressed byte count
     * @param localHeader the offset of its local header
     */
    private record Member(String name, int method, long crc, long compressed, long size, long localHeader) {
    }

    /**
     * @param archive the {@code .npz} file
     * @return the names of its arrays, in archive order ({@code NAME} of every {@code NAME.npy} member)
     * @throws InvalidInputException when the file is not a zip archive numpy could have written
     */
    public static List<String> names(Path archive) {
        try (FileChannel channel = open(archive)) {
            List<String> names = new ArrayList<>();
            for (String member : members(archive, channel).keySet()) {
                names.add(member.endsWith(".npy") ? member.substring(0, member.length() - 4) : member);
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + archive + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads the 2-D array {@code name} as float32, with {@link Npy#readMatrix}'s validation and conversions.
     *
     * @param archive the {@code .npz} file
     * @param name the array's name ({@code numpy.savez(file, name=array)}), with or without {@code .npy}
     * @return the matrix, row-major
     */
    public static Npy.Matrix readMatrix(Path archive, String name) {
        return read(archive, name, Npy::readMatrix);
    }

    /**
     * Reads the 1-D integer array {@code name}, with {@link Npy#readLongs}'s validation.
     *
     * @param archive the {@code .npz} file
     * @param name the array's name, with or without {@code .npy}
     * @return the values
     */
    public static long[] readLongs(Path archive, String name) {
        return read(archive, name, Npy::readLongs);
    }

    /**
     * Reads the 1-D integer array {@code name} whose values fit an int (labels).
     *
     * @param archive the {@code .npz} file
     * @param name the array's name, with or without {@code .npy}
     * @return the values
     */
    public static int[] readInts(Path archive, String name) {
        return Npy.toInts(archive + ":" + memberName(name), readLongs(archive, name));
    }

    /** Reads one member through {@link Npy}. */
    @FunctionalInterface
    private interface Reading<T> {
        T read(Npy.Source source) throws IOException;
    }

    private static <T> T read(Path archive, String name, Reading<T> reading) {
        String wanted = memberName(name);
        try (FileChannel channel = open(archive)) {
            Map<String, Member> members = members(archive, channel);
            Member member = members.get(wanted);
            if (member == null) {
                throw new InvalidInputException(archive + ": no array '" + Text.printable(name, 80) + "' (member "
                        + Text.printable(wanted, 80) + "): the archive holds " + names(members));
            }
            String label = archive + ":" + member.name();
            long dataStart = dataStart(archive, channel, member);
            if (member.method() == 0) {
                if (member.compressed() != member.size()) {
                    throw new InvalidInputException(label + ": a stored member of " + member.compressed()
                            + " bytes that claims " + member.size() + " uncompressed: the archive is corrupt");
                }
                return reading.read(new Npy.FileSource(label, channel, dataStart, member.size()));
            }
            try (Inflated source = new Inflated(label, channel, dataStart, member)) {
                T value = reading.read(source);
                source.checkCrc();
                return value;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + archive + ": " + e.getMessage(), e);
        }
    }

    private static String memberName(String name) {
        return name.endsWith(".npy") ? name : name + ".npy";
    }

    private static String names(Map<String, Member> members) {
        List<String> quoted = new ArrayList<>();
        for (String member : members.keySet()) {
            quoted.add("'" + Text.printable(member, 80) + "'");
            if (quoted.size() == 20) {
                quoted.add("...");
                break;
            }
        }
        return quoted.isEmpty() ? "no member" : String.join(", ", quoted);
    }

    private static FileChannel open(Path archive) throws IOException {
        try {
            return FileChannel.open(archive, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(archive + ": no such file");
        }
    }

    /** Reads the central directory: the members by name, in archive order. */
    private static Map<String, Member> members(Path archive, FileChannel channel) throws IOException {
        long size = channel.size();
        int tail = (int) Math.min(size, 22 + MAX_COMMENT);
        ByteBuffer end = bytes(channel, size - tail, tail);
        int at = -1;
        for (int i = tail - 22; i >= 0; i--) {
            if (end.getInt(i) == END) {
                at = i;
                break;
            }
        }
        if (at < 0) {
            throw new InvalidInputException(archive + ": not an .npz (zip) archive: no end of central directory"
                    + " record: write it with numpy.savez or numpy.savez_compressed");
        }
        long entries = Short.toUnsignedLong(end.getShort(at + 10));
        long directorySize = Integer.toUnsignedLong(end.getInt(at + 12));
        long directoryStart = Integer.toUnsignedLong(end.getInt(at + 16));
        long endOffset = size - tail + at;
        if (entries == 0xFFFF || directorySize == 0xFFFFFFFFL || directoryStart == 0xFFFFFFFFL) {
            if (endOffset < 20) {
                throw corrupt(archive, "zip64 end of central directory locator missing");
            }
            ByteBuffer locator = bytes(channel, endOffset - 20, 20);
            if (locator.getInt(0) != LOCATOR64) {
                throw corrupt(archive, "zip64 end of central directory locator missing");
            }
            long record = locator.getLong(8);
            if (record < 0 || record + 56 > endOffset) {
                throw corrupt(archive, "zip64 end of central directory record at " + record + " outside the file");
            }
            ByteBuffer end64 = bytes(channel, record, 56);
            if (end64.getInt(0) != END64) {
                throw corrupt(archive, "no zip64 end of central directory record at " + record);
            }
            entries = end64.getLong(32);
            directorySize = end64.getLong(40);
            directoryStart = end64.getLong(48);
        }
        if (entries > MAX_MEMBERS || directoryStart < 0 || directorySize < 0 || directoryStart + directorySize > size
                || directorySize > Integer.MAX_VALUE) {
            throw corrupt(archive, "central directory of " + entries + " entries, " + directorySize + " bytes at "
                    + directoryStart + ", in a file of " + size + " bytes");
        }
        ByteBuffer directory = bytes(channel, directoryStart, (int) directorySize);
        Map<String, Member> members = new LinkedHashMap<>();
        int p = 0;
        for (long e = 0; e < entries; e++) {
            if (p + 46 > directory.limit() || directory.getInt(p) != CENTRAL) {
                throw corrupt(archive, "central directory entry " + e + " is damaged");
            }
            int flags = Short.toUnsignedInt(directory.getShort(p + 8));
            int method = Short.toUnsignedInt(directory.getShort(p + 10));
            long crc = Integer.toUnsignedLong(directory.getInt(p + 16));
            long compressed = Integer.toUnsignedLong(directory.getInt(p + 20));
            long uncompressed = Integer.toUnsignedLong(directory.getInt(p + 24));
            int nameLength = Short.toUnsignedInt(directory.getShort(p + 28));
            int extraLength = Short.toUnsignedInt(directory.getShort(p + 30));
            int commentLength = Short.toUnsignedInt(directory.getShort(p + 32));
            long local = Integer.toUnsignedLong(directory.getInt(p + 42));
            if (p + 46 + nameLength + extraLength + commentLength > directory.limit()) {
                throw corrupt(archive, "central directory entry " + e + " runs past the directory");
            }
            byte[] nameBytes = new byte[nameLength];
            directory.get(p + 46, nameBytes);
            String name = new String(nameBytes, (flags & 0x800) != 0 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            // zip64 extended information: the fields saturated at 0xFFFFFFFF follow, in this order
            int x = p + 46 + nameLength;
            int extraEnd = x + extraLength;
            while (x + 4 <= extraEnd) {
                int id = Short.toUnsignedInt(directory.getShort(x));
                int length = Short.toUnsignedInt(directory.getShort(x + 2));
                if (id == 1) {
                    int f = x + 4;
                    int fieldEnd = Math.min(extraEnd, f + length);
                    if (uncompressed == 0xFFFFFFFFL && f + 8 <= fieldEnd) {
                        uncompressed = directory.getLong(f);
                        f += 8;
                    }
                    if (compressed == 0xFFFFFFFFL && f + 8 <= fieldEnd) {
                        compressed = directory.getLong(f);
                        f += 8;
                    }
                    if (local == 0xFFFFFFFFL && f + 8 <= fieldEnd) {
                        local = directory.getLong(f);
                    }
                }
                x += 4 + length;
            }
            String label = archive + ":" + Text.printable(name, 80);
            if ((flags & 1) != 0) {
                throw new InvalidInputException(label + ": an encrypted member: numpy writes none; save the arrays"
                        + " again with numpy.savez");
            }
            if (method != 0 && method != 8) {
                throw new InvalidInputException(label + ": zip compression method: expected 0 (stored, numpy.savez)"
                        + " or 8 (deflated, numpy.savez_compressed), found " + method);
            }
            if (compressed < 0 || uncompressed < 0 || local < 0 || local + 30 > size || local + compressed > size) {
                throw corrupt(archive, "member " + Text.printable(name, 80) + " of " + compressed
                        + " bytes at offset " + local + " lies outside the file");
            }
            if (members.put(name, new Member(name, method, crc, compressed, uncompressed, local)) != null) {
                throw new InvalidInputException(label + ": the member appears twice in the archive: it is ambiguous");
            }
            p += 46 + nameLength + extraLength + commentLength;
        }
        return members;
    }

    /** @return the offset of a member's data, after its local header */
    private static long dataStart(Path archive, FileChannel channel, Member member) throws IOException {
        ByteBuffer local = bytes(channel, member.localHeader(), 30);
        if (local.getInt(0) != LOCAL) {
            throw corrupt(archive, "no local header of member " + Text.printable(member.name(), 80) + " at "
                    + member.localHeader());
        }
        long start = member.localHeader() + 30 + Short.toUnsignedInt(local.getShort(26))
                + Short.toUnsignedInt(local.getShort(28));
        if (start + member.compressed() > channel.size()) {
            throw corrupt(archive, "member " + Text.printable(member.name(), 80) + " runs past the end of the file");
        }
        return start;
    }

    private static ByteBuffer bytes(FileChannel channel, long position, int count) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(count).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                break;
            }
        }
        buffer.clear();
        return buffer;
    }

    private static InvalidInputException corrupt(Path archive, String what) {
        return new InvalidInputException(archive + ": not a readable .npz (zip) archive: " + what
                + ": write it again with numpy.savez");
    }

    /**
     * A deflated member, inflated as it is read: positions only grow, except inside the first
     * {@value #HEAD} bytes (the .npy preamble and header), which are kept.
     */
    private static final class Inflated implements Npy.Source {
        private static final int HEAD = Npy.MAX_HEADER_BYTES + 16;
        private final String name;
        private final FileChannel channel;
        private final Member member;
        private final Inflater inflater = new Inflater(true);
        private final CRC32 crc = new CRC32();
        private final ByteBuffer input = ByteBuffer.allocate(1 << 16);
        private final byte[] head;
        private int headFilled;
        private long compressedRead;
        private long position;
        private final long dataStart;

        Inflated(String name, FileChannel channel, long dataStart, Member member) {
            this.name = name;
            this.channel = channel;
            this.dataStart = dataStart;
            this.member = member;
            this.head = new byte[(int) Math.min(HEAD, member.size())];
            input.flip();
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public long size() {
            return member.size();
        }

        @Override
        public void read(long at, ByteBuffer into) throws IOException {
            if (at < head.length) {
                while (headFilled < head.length && position < head.length) {
                    int n = inflate(head, headFilled, head.length - headFilled);
                    if (n <= 0) {
                        break;
                    }
                    headFilled += n;
                }
                int n = (int) Math.min(into.remaining(), headFilled - at);
                if (n > 0) {
                    into.put(head, (int) at, n);
                }
                at += Math.max(0, n);
                if (!into.hasRemaining() || at < head.length) {
                    return;
                }
            }
            if (at < position) {
                throw new IllegalStateException(name + ": inflated member read backwards, at " + at + " after " + position);
            }
            byte[] skip = new byte[8192];
            while (position < at) {
                if (inflate(skip, 0, (int) Math.min(skip.length, at - position)) <= 0) {
                    return;
                }
            }
            while (into.hasRemaining()) {
                int n = inflate(into.array(), into.arrayOffset() + into.position(), into.remaining());
                if (n <= 0) {
                    return;
                }
                into.position(into.position() + n);
            }
        }

        /** @return bytes inflated into {@code out}, or -1 at the end of the member */
        private int inflate(byte[] out, int offset, int length) throws IOException {
            if (position >= member.size()) {
                return -1;
            }
            int wanted = (int) Math.min(length, member.size() - position);
            try {
                while (true) {
                    int n = inflater.inflate(out, offset, wanted);
                    if (n > 0) {
                        crc.update(out, offset, n);
                        position += n;
                        return n;
                    }
                    if (inflater.finished() || inflater.needsDictionary()) {
                        return -1;
                    }
                    if (inflater.needsInput()) {
                        if (compressedRead >= member.compressed()) {
                            return -1;
                        }
                        input.clear();
                        input.limit((int) Math.min(input.capacity(), member.compressed() - compressedRead));
                        while (input.hasRemaining()) {
                            if (channel.read(input, dataStart + compressedRead + input.position()) < 0) {
                                break;
                            }
                        }
                        input.flip();
                        compressedRead += input.remaining();
                        if (!input.hasRemaining()) {
                            return -1;
                        }
                        inflater.setInput(input.array(), 0, input.remaining());
                    }
                }
            } catch (DataFormatException e) {
                throw new InvalidInputException(name + ": the deflated data is damaged (" + e.getMessage()
                        + "): write the archive again with numpy.savez_compressed");
            }
        }

        /** Checks the CRC-32 once the whole member was inflated (as every complete read does). */
        void checkCrc() {
            if (position == member.size() && crc.getValue() != member.crc()) {
                throw new InvalidInputException(name + ": CRC-32 " + Long.toHexString(crc.getValue())
                        + " of the inflated data, expected " + Long.toHexString(member.crc())
                        + " (the archive's): the archive is damaged");
            }
        }

        @Override
        public void close() {
            inflater.end();
        }
    }
}
