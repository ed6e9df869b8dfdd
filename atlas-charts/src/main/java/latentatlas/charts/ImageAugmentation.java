package latentatlas.charts;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import latentatlas.InvalidInputException;

import java.util.SplittableRandom;

/**
 * Image augmentation on tensors (the reference's horizontal flip, random crop and rotation), done as
 * one gather per batch: for every image a random horizontal flip (probability 1/2), a random shift of
 * up to {@code cropPadding} pixels in each direction (a random crop of the image padded by
 * {@code cropPadding}) and a random rotation by an angle uniform in {@code [-maxDegrees, maxDegrees]}
 * about the centre are composed into one source-pixel map (nearest neighbour); pixels that come from
 * outside the image are 0 in the normalised input, i.e. the channel mean.
 *
 * @param flip whether to flip horizontally with probability 1/2
 * @param cropPadding the largest shift in pixels, 0 for none
 * @param maxDegrees the largest rotation in degrees, 0 for none
 */
public record ImageAugmentation(boolean flip, int cropPadding, float maxDegrees) implements Augmentation {
    /** Validates the ranges. */
    public ImageAugmentation {
        if (cropPadding < 0 || !(maxDegrees >= 0) || maxDegrees > 180) {
            throw new InvalidInputException("augmentation: crop padding must be >= 0 and rotation in [0, 180] degrees, found "
                    + cropPadding + " and " + maxDegrees);
        }
    }

    /** @return flip, crop with padding 4 and rotation up to 15 degrees */
    public static ImageAugmentation standard() {
        return new ImageAugmentation(true, 4, 15f);
    }

    @Override
    public NDArray apply(NDArray batch, SplittableRandom random) {
        Shape s = batch.getShape();
        int n = (int) s.get(0);
        int c = (int) s.get(1);
        int h = (int) s.get(2);
        int w = (int) s.get(3);
        int plane = h * w;
        long[] source = new long[n * c * plane];
        float[] keep = new float[source.length];
        double cy = (h - 1) / 2.0;
        double cx = (w - 1) / 2.0;
        for (int i = 0; i < n; i++) {
            boolean mirror = flip && random.nextBoolean();
            int dy = cropPadding == 0 ? 0 : random.nextInt(-cropPadding, cropPadding + 1);
            int dx = cropPadding == 0 ? 0 : random.nextInt(-cropPadding, cropPadding + 1);
            double angle = maxDegrees == 0 ? 0 : Math.toRadians(random.nextDouble(-maxDegrees, maxDegrees));
            double cos = Math.cos(angle);
            double sin = Math.sin(angle);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double u = x - cx - dx;
                    double v = y - cy - dy;
                    int sx = (int) Math.round(cos * u + sin * v + cx);
                    int sy = (int) Math.round(-sin * u + cos * v + cy);
                    if (mirror) {
                        sx = w - 1 - sx;
                    }
                    boolean inside = sx >= 0 && sx < w && sy >= 0 && sy < h;
                    for (int ch = 0; ch < c; ch++) {
                        int out = (i * c + ch) * plane + y * w + x;
                        source[out] = inside ? (long) (i * c + ch) * plane + (long) sy * w + sx : 0;
                        keep[out] = inside ? 1f : 0f;
                    }
                }
            }
        }
        NDManager m = batch.getManager();
        return batch.flatten().take(m.create(source)).muli(m.create(keep)).reshape(s);
    }
}
