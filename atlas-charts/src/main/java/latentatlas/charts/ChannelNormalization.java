package latentatlas.charts;

import latentatlas.InvalidInputException;
import latentatlas.dataset.ImageShape;

import java.util.List;
import java.util.Map;

/**
 * Per-channel input normalisation {@code x' = (x - mean_c) / std_c} on raw pixel values (0..255),
 * with {@code mean_c} and the population standard deviation {@code std_c} of channel {@code c} over
 * every pixel of the task's training images (computed in double, centred before squaring). For
 * feature vectors ({@link #fitFeatures}) each of the {@code d} features is a channel of one value:
 * {@code x'_j = (x_j - mean_j) / std_j} over the task's training vectors.
 *
 * @param mean per-channel mean
 * @param std per-channel standard deviation, positive
 */
public record ChannelNormalization(float[] mean, float[] std) {
    /** Validates: same length, positive finite deviations. */
    public ChannelNormalization {
        if (mean.length != std.length || mean.length == 0) {
            throw new InvalidInputException("normalisation: " + mean.length + " means for " + std.length
                    + " deviations: give one of each per channel");
        }
        for (int c = 0; c < std.length; c++) {
            if (!(std[c] > 0) || !Float.isFinite(std[c]) || !Float.isFinite(mean[c])) {
                throw new InvalidInputException("normalisation: channel " + c + " has mean " + mean[c]
                        + " and deviation " + std[c] + ": expected finite values and a positive deviation");
            }
        }
    }

    /**
     * @param description a manifest's architecture description holding {@code mean} and {@code std}
     *     (as {@link NetworkArchitecture#describe()} wrote them and JSON read them back: lists of numbers)
     * @return the normalisation
     */
    @SuppressWarnings("unchecked")
    static ChannelNormalization of(Map<String, Object> description) {
        return new ChannelNormalization(toFloats((List<Number>) description.get("mean")),
                toFloats((List<Number>) description.get("std")));
    }

    private static float[] toFloats(List<Number> values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i).floatValue();
        }
        return out;
    }

    /** @return {@code 1 / std_c} for every channel */
    float[] inverseStd() {
        float[] out = new float[std.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = 1f / std[i];
        }
        return out;
    }

    /**
     * @param shape the image shape
     * @param pixels uint8 pixels, {@code n x C x H x W}
     * @return the normalisation of these images; a constant channel gets deviation 1
     */
    public static ChannelNormalization fit(ImageShape shape, byte[] pixels) {
        int channels = shape.channels();
        int plane = shape.height() * shape.width();
        long n = pixels.length / shape.size();
        if (n == 0) {
            throw new InvalidInputException("normalisation: no training images to compute the channel mean from");
        }
        float[] mean = new float[channels];
        float[] std = new float[channels];
        for (int c = 0; c < channels; c++) {
            double sum = 0;
            for (long i = 0; i < n; i++) {
                int base = (int) (i * shape.size()) + c * plane;
                for (int p = 0; p < plane; p++) {
                    sum += pixels[base + p] & 0xff;
                }
            }
            double mu = sum / (n * plane);
            double squares = 0;
            for (long i = 0; i < n; i++) {
                int base = (int) (i * shape.size()) + c * plane;
                for (int p = 0; p < plane; p++) {
                    double d = (pixels[base + p] & 0xff) - mu;
                    squares += d * d;
                }
            }
            double sd = Math.sqrt(squares / (n * plane));
            mean[c] = (float) mu;
            std[c] = sd > 0 ? (float) sd : 1f;
        }
        return new ChannelNormalization(mean, std);
    }

    /**
     * @param dim the vector length {@code d}
     * @param vectors float32 vectors, row-major {@code n x d}
     * @return the per-feature normalisation of these vectors; a constant feature gets deviation 1
     */
    public static ChannelNormalization fitFeatures(int dim, float[] vectors) {
        int n = vectors.length / dim;
        if (n == 0) {
            throw new InvalidInputException("normalisation: no training vectors to compute the feature mean from");
        }
        double[] sum = new double[dim];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < dim; j++) {
                sum[j] += vectors[i * dim + j];
            }
        }
        double[] squares = new double[dim];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < dim; j++) {
                double d = vectors[i * dim + j] - sum[j] / n;
                squares[j] += d * d;
            }
        }
        float[] mean = new float[dim];
        float[] std = new float[dim];
        for (int j = 0; j < dim; j++) {
            mean[j] = (float) (sum[j] / n);
            double sd = Math.sqrt(squares[j] / n);
            std[j] = sd > 0 ? (float) sd : 1f;
        }
        return new ChannelNormalization(mean, std);
    }
}
