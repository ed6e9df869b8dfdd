package latentatlas.dataset;

import latentatlas.InvalidInputException;
import latentatlas.anchors.AnchorFeatures;
import latentatlas.space.LatentSpace;

import java.util.List;

/**
 * A dataset's input features as anchor strategies measure them (docs/method.md §10): the pixels of an
 * image (as floats 0..255, channel-major, one row per sample) or the vectors of a vector dataset (the
 * cached encoder vectors of a text dataset, {@code EncodedDataset} of atlas-text). Sentences have no
 * features before they are encoded.
 *
 * <pre>{@code
 * AnchorFeatures pixels = InputFeatures.of(Datasets.open("fashion-mnist"));
 * }</pre>
 */
public final class InputFeatures {
    private InputFeatures() {
    }

    /**
     * @param dataset the dataset as a chart reads it (training split; the planners choose anchors among
     *     training samples)
     * @return its training samples' features by id
     */
    public static AnchorFeatures of(Dataset dataset) {
        return ids -> {
            Samples train = dataset.train();
            if (train.isTexts()) {
                throw new InvalidInputException(List.of("anchorSelection"), "anchor selection by distance (kmeans,"
                        + " farthest) on " + dataset.name() + " needs its sentences encoded: plan with atlas run or"
                        + " atlas paper, which measure the end-to-end chart's encoder vectors, or choose random or stratified");
            }
            Samples rows = train.select(ids);
            if (rows.isVectors()) {
                return LatentSpace.of(dataset.name() + " vectors", rows.ids(), rows.vectors(), rows.dim(), null);
            }
            byte[] pixels = rows.pixels();
            int d = rows.shape().size();
            float[] x = new float[pixels.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = pixels[i] & 0xFF;
            }
            return LatentSpace.of(dataset.name() + " pixels", rows.ids(), x, d, null);
        };
    }
}
