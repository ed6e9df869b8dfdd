package latentatlas.dataset;

import java.util.HashMap;
import java.util.Map;

/**
 * One split of a dataset: ids, global labels, and the inputs, of exactly one kind: images (uint8,
 * row-major {@code n x C x H x W}), sentences, or float32 feature vectors (row-major {@code n x d},
 * e.g. a frozen sentence encoder's output). Immutable by contract: the arrays are shared, not copied.
 */
public final class Samples {
    private final long[] ids;
    private final int[] labels;
    private final ImageShape shape;
    private final byte[] pixels;
    private final String[] texts;
    private final int dim;
    private final float[] vectors;
    private Map<Long, Integer> rowById;

    private Samples(long[] ids, int[] labels, ImageShape shape, byte[] pixels, String[] texts, int dim, float[] vectors) {
        if (labels.length != ids.length) {
            throw new IllegalArgumentException(labels.length + " labels for " + ids.length + " ids");
        }
        if (pixels != null && (long) shape.size() * ids.length != pixels.length) {
            throw new IllegalArgumentException(pixels.length + " pixels are not " + ids.length + " images of " + shape);
        }
        if (texts != null && texts.length != ids.length) {
            throw new IllegalArgumentException(texts.length + " texts for " + ids.length + " ids");
        }
        if (vectors != null) {
            checkVectors(ids.length, dim, vectors);
        }
        this.ids = ids;
        this.labels = labels;
        this.shape = shape;
        this.pixels = pixels;
        this.texts = texts;
        this.dim = dim;
        this.vectors = vectors;
    }

    private static void checkVectors(int n, int dim, float[] vectors) {
        if (dim < 1) {
            throw new IllegalArgumentException("vector dimension must be at least 1, found " + dim);
        }
        if ((long) n * dim != vectors.length) {
            throw new IllegalArgumentException(vectors.length + " values are not " + n + " vectors of dimension " + dim);
        }
        for (int i = 0; i < vectors.length; i++) {
            if (!Float.isFinite(vectors[i])) {
                throw new IllegalArgumentException("vector row " + i / dim + " has the non-finite value " + vectors[i]
                        + " at column " + i % dim);
            }
        }
    }

    /** @return image samples; arrays are taken over */
    public static Samples images(long[] ids, int[] labels, ImageShape shape, byte[] pixels) {
        return new Samples(ids, labels, shape, pixels, null, 0, null);
    }

    /** @return sentence samples; arrays are taken over */
    public static Samples texts(long[] ids, int[] labels, String[] texts) {
        return new Samples(ids, labels, null, null, texts, 0, null);
    }

    /**
     * @param ids the ids
     * @param labels the global labels
     * @param dim the length {@code d} of every vector, at least 1
     * @param vectors row-major {@code n x d} float32, all finite
     * @return feature-vector samples; arrays are taken over
     */
    public static Samples vectors(long[] ids, int[] labels, int dim, float[] vectors) {
        return new Samples(ids, labels, null, null, null, dim, vectors);
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

    /** @return whether the samples are sentences */
    public boolean isTexts() {
        return texts != null;
    }

    /** @return whether the samples are feature vectors */
    public boolean isVectors() {
        return vectors != null;
    }

    /** @return what the samples are, for messages: {@code CxHxW images}, {@code sentences} or {@code d-d vectors} */
    public String kind() {
        if (isImages()) {
            return shape.channels() + "x" + shape.height() + "x" + shape.width() + " images";
        }
        return isTexts() ? "sentences" : dim + "-d vectors";
    }

    /** @return the image shape, or {@code null} unless images */
    public ImageShape shape() {
        return shape;
    }

    /** @return uint8 pixels, {@code n x C x H x W} (shared storage), or {@code null} unless images */
    public byte[] pixels() {
        return pixels;
    }

    /** @return the sentences (shared storage), or {@code null} unless sentences */
    public String[] texts() {
        return texts;
    }

    /** @return the vector length {@code d}, or 0 unless vectors */
    public int dim() {
        return dim;
    }

    /** @return the vectors, row-major {@code n x d} float32 (shared storage), or {@code null} unless vectors */
    public float[] vectors() {
        return vectors;
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
        float[] subVectors = vectors == null ? null : new float[rows.length * dim];
        for (int i = 0; i < rows.length; i++) {
            subIds[i] = ids[rows[i]];
            subLabels[i] = labels[rows[i]];
            if (subPixels != null) {
                System.arraycopy(pixels, rows[i] * shape.size(), subPixels, i * shape.size(), shape.size());
            }
            if (subTexts != null) {
                subTexts[i] = texts[rows[i]];
            }
            if (subVectors != null) {
                System.arraycopy(vectors, rows[i] * dim, subVectors, i * dim, dim);
            }
        }
        return new Samples(subIds, subLabels, shape, subPixels, subTexts, dim, subVectors);
    }
}
