package latentatlas.compute;

import java.util.Arrays;

/**
 * Int64 ids to dense row numbers {@code 0, 1, ...} in order of first appearance: an open-addressing
 * hash of primitives (linear probing, load at most 1/2), about 24 bytes per id where a
 * {@code HashMap<Long, Integer>} takes over 60; for the ids of spaces too large for boxed maps.
 *
 * <pre>
 * IdIndex index = new IdIndex(ids.length);
 * for (long id : ids) index.addIfAbsent(id);   // row of the id
 * int row = index.get(42L);                    // -1 when absent
 * </pre>
 */
public final class IdIndex {
    private long[] keys;
    private int[] values;
    private long[] order;
    private int size;

    /** @param expected the ids expected (the table grows past them) */
    public IdIndex(int expected) {
        int capacity = (int) Math.min(1 << 30, Long.highestOneBit(Math.max(16L, expected) * 2 - 1) * 2);
        keys = new long[capacity];
        values = new int[capacity];
        Arrays.fill(values, -1);
        order = new long[Math.max(16, expected)];
    }

    /** @return the number of ids */
    public int size() {
        return size;
    }

    /** @return the id's row, or -1 */
    public int get(long id) {
        int mask = keys.length - 1;
        for (int slot = mix(id) & mask; values[slot] >= 0; slot = (slot + 1) & mask) {
            if (keys[slot] == id) {
                return values[slot];
            }
        }
        return -1;
    }

    /** @return the id's row, a new one ({@link #size()} before the call) when it was absent */
    public int addIfAbsent(long id) {
        int mask = keys.length - 1;
        int slot = mix(id) & mask;
        for (; values[slot] >= 0; slot = (slot + 1) & mask) {
            if (keys[slot] == id) {
                return values[slot];
            }
        }
        keys[slot] = id;
        values[slot] = size;
        if (size == order.length) {
            order = Arrays.copyOf(order, (int) Math.min(Integer.MAX_VALUE - 8, 2L * size));
        }
        order[size] = id;
        int row = size++;
        if (size * 2L > keys.length) {
            grow();
        }
        return row;
    }

    /** @return the ids by row */
    public long[] ids() {
        return Arrays.copyOf(order, size);
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        Arrays.fill(values, -1);
        int mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] >= 0) {
                int slot = mix(oldKeys[i]) & mask;
                while (values[slot] >= 0) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                values[slot] = oldValues[i];
            }
        }
    }

    private static int mix(long id) {
        long h = id * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
