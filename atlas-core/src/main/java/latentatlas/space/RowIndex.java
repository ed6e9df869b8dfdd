package latentatlas.space;

/**
 * The row of each id of a space: an open-addressing hash table (linear probing, at most half full) of
 * row numbers, whose keys are read from the space's own id array, so that it costs 4 to 8 bytes per
 * id, where a {@code HashMap<Long, Integer>} took about 80 (a node, a boxed key and value, the table):
 * the spaces of one experiment held 2.2 million such entries, 178 MB of the heap.
 */
final class RowIndex {
    /** The most rows (exclusive): the table's 2^30 slots must keep one empty. */
    static final int MAX_ROWS = 1 << 30;

    private final long[] ids;
    /** {@code row + 1} per slot, 0 for an empty slot. */
    private final int[] slots;

    private RowIndex(long[] ids, int[] slots) {
        this.ids = ids;
        this.slots = slots;
    }

    /**
     * @param ids the space's ids, by row (kept, not copied)
     * @return the index
     * @throws Duplicate when an id appears twice (the caller names the space)
     * @throws IllegalArgumentException for {@value #MAX_ROWS} ids or more
     */
    static RowIndex of(long[] ids) {
        if (ids.length >= MAX_ROWS) {
            throw new IllegalArgumentException(ids.length + " rows, at most " + (MAX_ROWS - 1) + " can be indexed");
        }
        // the power of two >= 2n, at most 2^30 slots (then more than n)
        int capacity = (int) Math.min(1L << 30, Long.highestOneBit(Math.max(8L, ids.length) * 2 - 1) * 2);
        int[] slots = new int[capacity];
        int mask = capacity - 1;
        for (int row = 0; row < ids.length; row++) {
            int slot = mix(ids[row]) & mask;
            while (slots[slot] != 0) {
                if (ids[slots[slot] - 1] == ids[row]) {
                    throw new Duplicate(slots[slot] - 1, row);
                }
                slot = (slot + 1) & mask;
            }
            slots[slot] = row + 1;
        }
        return new RowIndex(ids, slots);
    }

    /** @return the row of {@code id}, or -1 when absent */
    int rowOf(long id) {
        int mask = slots.length - 1;
        for (int slot = mix(id) & mask; slots[slot] != 0; slot = (slot + 1) & mask) {
            if (ids[slots[slot] - 1] == id) {
                return slots[slot] - 1;
            }
        }
        return -1;
    }

    private static int mix(long id) {
        long h = id * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    /** An id at two rows. */
    static final class Duplicate extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        final int first;
        final int second;

        Duplicate(int first, int second) {
            super("rows " + first + " and " + second);
            this.first = first;
            this.second = second;
        }
    }
}
