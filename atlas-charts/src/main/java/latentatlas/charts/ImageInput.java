package latentatlas.charts;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import latentatlas.InvalidInputException;
import latentatlas.dataset.ImageShape;
import latentatlas.dataset.Samples;

import java.util.List;
import java.util.Map;

/**
 * What every image chart architecture does with its input: the uint8 pixels of a task's images,
 * normalised per channel, {@code (x - mean_c) / std_c} ({@link ChannelNormalization}, fitted on the task's
 * training images and recorded in the manifest).
 *
 * @param architecture the architecture's name, for error messages
 * @param shape the image shape
 * @param normalization the per-channel normalisation
 */
record ImageInput(String architecture, ImageShape shape, ChannelNormalization normalization) {
    /** Validates the channel count. */
    ImageInput {
        if (normalization.mean().length != shape.channels()) {
            throw new InvalidInputException(architecture + ": normalisation has " + normalization.mean().length
                    + " channels but the images have " + shape.channels());
        }
    }

    /** @return the input of these training images (their channel normalisation) */
    static ImageInput fit(String architecture, Samples trainSamples) {
        if (!trainSamples.isImages()) {
            throw new InvalidInputException(architecture + ": the dataset holds " + trainSamples.kind()
                    + ", not images: use a text chart (mlp-head on encoder vectors)");
        }
        return new ImageInput(architecture, trainSamples.shape(),
                ChannelNormalization.fit(trainSamples.shape(), trainSamples.pixels()));
    }

    /** @return the input a manifest's description recorded ({@link #describeInto}) */
    @SuppressWarnings("unchecked")
    static ImageInput of(String architecture, Map<String, Object> description) {
        List<Number> s = (List<Number>) description.get("imageShape");
        return new ImageInput(architecture, new ImageShape(s.get(0).intValue(), s.get(1).intValue(), s.get(2).intValue()),
                ChannelNormalization.of(description));
    }

    /** Records the image shape and the normalisation in a manifest description. */
    void describeInto(Map<String, Object> d) {
        d.put("imageShape", List.of(shape.channels(), shape.height(), shape.width()));
        d.put("mean", normalization.mean());
        d.put("std", normalization.std());
    }

    /** @return {@code (C, H, W)} */
    Shape sampleShape() {
        return new Shape(shape.channels(), shape.height(), shape.width());
    }

    /** @return the batch normalised per channel, float32 */
    NDArray prepare(NDArray raw) {
        NDManager m = raw.getManager();
        int c = shape.channels();
        NDArray mean = m.create(normalization.mean(), new Shape(1, c, 1, 1));
        NDArray invStd = m.create(normalization.inverseStd(), new Shape(1, c, 1, 1));
        return raw.toType(DataType.FLOAT32, true).subi(mean).muli(invStd);
    }

    /** @return the samples' pixels, {@code n x C x H x W} uint8 */
    NDArray inputs(NDManager manager, Samples samples) {
        if (!samples.isImages() || !samples.shape().equals(shape)) {
            throw new InvalidInputException(architecture + ": expected images of " + shape + ", found " + samples.kind());
        }
        return manager.create(java.nio.ByteBuffer.wrap(samples.pixels()),
                new Shape(samples.size(), shape.channels(), shape.height(), shape.width()), DataType.UINT8);
    }
}
