package latentatlas.charts;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import latentatlas.dataset.ImageShape;
import latentatlas.dataset.Samples;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * What every image chart architecture ({@link SmallCnn}, {@link ResidualCnn}, {@link PixelMlp}) shares: the
 * image input ({@link ImageInput}: shape, per-channel normalisation, the tensors), the manifest description
 * {@code {name, the input's fields, layers}} and the factory that fits the normalisation on a task's training
 * images. An architecture adds its name, its {@link #layers()} text and its embedder.
 */
interface ImageArchitecture extends ChartArchitecture {
    /** @return the image shape */
    ImageShape shape();

    /** @return the per-channel normalisation */
    ChannelNormalization normalization();

    /** @return the layers, as the manifest records them (part of the configuration hash) */
    String layers();

    /** @return the image input of this architecture */
    default ImageInput input() {
        return new ImageInput(name(), shape(), normalization());
    }

    @Override
    default Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", name());
        input().describeInto(d);
        d.put("layers", layers());
        return d;
    }

    @Override
    default Shape sampleShape() {
        return input().sampleShape();
    }

    @Override
    default NDArray prepare(NDArray raw) {
        return input().prepare(raw);
    }

    @Override
    default NDArray inputs(NDManager manager, Samples samples) {
        return input().inputs(manager, samples);
    }

    /**
     * @param name the architecture's name
     * @param make the architecture of a shape and a normalisation (its constructor)
     * @return the factory fitting the normalisation on a task's training images
     */
    static ChartArchitecture.Factory factory(String name, BiFunction<ImageShape, ChannelNormalization,
            ? extends ChartArchitecture> make) {
        return new ChartArchitecture.Factory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public ChartArchitecture fit(Samples trainSamples) {
                ImageInput input = ImageInput.fit(name, trainSamples);
                return make.apply(input.shape(), input.normalization());
            }
        };
    }
}
