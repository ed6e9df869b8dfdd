package latentatlas.dataset;

import java.util.HashMap;
import java.util.Map;

/**
 * One split of a dataset: ids, global labels, and the inputs, either images (uint8, row-major
 * {@code n x C x H x W}) or sentences. Immutable by contract: the arrays are shared, not copied.
 */
public final class Samples {
    private final long[] ids;
    private final int[] labels;
    private final ImageShape shape;
    private final byte[] pixels;
    private final String[] texts;
    private Map<Long, Integer> rowById;

    private Samples(long[] ids, int[] labels, ImageShape shape, byte[] pixels, String[] texts) {
        if (labels.length != ids.length) {
            throw new IllegalArgumentException(labels.length + " labels for " + ids.length + " ids");
        }
        if (pixels != null && (long) shape.size() * ids.length != pixels.length) {
            throw new IllegalArgumentException(pixels.length + " pixels are not " + ids.length + " images of " + shape);
        }
        if (texts != null && texts.length != ids.length) {
            throw new IllegalArgumentException(texts.length + " texts for " + ids.length + " ids");
        }
        this.ids = ids;
        this.labels = labels;
        this.shape = shape;
        this.pixels = pixels;
        this.texts = texts;
    }

    /** @return image samples; arrays are taken over */
    public static Samples images(long[] ids, int[] labels, ImageShape shape, byte[] pixels) {
        return new Samples(ids, labels, shape, pixels, null);
    }

    /** @return sentence samples; arrays are taken over */
    public static Samples texts(long[] ids, int[] labels, String[] texts) {
        return new Samples(ids, labels, null, null, texts);
    }

    /** @return the number of samples */
    public int size() {
        return ids.length;
    }

    /** @return the ids (shared storage: do not modify) */
    public long[] ids() {
        return ids;
    }

    /** @return the global labels (shared storage: do not modify) */
    public int[] labels() {
        return labels;
    }

    /** @return whether the samples are images */
    public boolean isImages() {
        return pixels != null;
    }

    /** @return the image shape, or {@code null} for sentences */
    public ImageShape shape() {
        return shape;
    }

    /** @return uint8 pixels, {@code n x C x H x W} (shared storage), or {@code null} for sentences */
    public byte[] pixels() {
        return pixels;
    }

    /** @return the sentences (shared storage), or {@code null} for images */
    public String[] texts() {
        return texts;
    }

    /** @return the row of {@code id}, or -1 */
    public synchronized int rowOf(long id) {
        if (rowById == null) {
            Map<Long, Integer> map = new HashMap<>(ids.length * 2);
            for (int i = 0; i < ids.length; i++) {
                map.put(ids[i], i);
            }
            rowById = map;
        }
        Integer row = rowById.get(id);
        return row == null ? -1 : row;
    }

    /**
     * @param wanted ids that must all be in this split
     * @return those samples, in that order (inputs copied)
     */
    public Samples select(long[] wanted) {
        int[] rows = new int[wanted.length];
        for (int i = 0; i < wanted.length; i++) {
            rows[i] = rowOf(wanted[i]);
            if (rows[i] < 0) {
                throw new IllegalArgumentException("id " + wanted[i] + " is not in this split");
            }
        }
        long[] subIds = new long[rows.length];
        int[] subLabels = new int[rows.length];
        byte[] subPixels = pixels == null ? null : new byte[rows.length * shape.size()];
        String[] subTexts = texts == null ? null : new String[rows.length];
        for (int i = 0; i < rows.length; i++) {
            subIds[i] = ids[rows[i]];
            subLabels[i] = labels[rows[i]];
            if (subPixels != null) {
                System.arraycopy(pixels, rows[i] * shape.size(), subPixels, i * shape.size(), shape.size());
            }
            if (subTexts != null) {
                subTexts[i] = texts[rows[i]];
            }
        }
        return new Samples(subIds, subLabels, shape, subPixels, subTexts);
    }
}
