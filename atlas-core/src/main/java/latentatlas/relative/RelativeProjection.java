package latentatlas.relative;

import latentatlas.InvalidInputException;
import latentatlas.space.LatentSpace;

import java.util.Objects;

/**
 * Fits a {@link RelativeProjector} on the anchors' absolute embeddings: the normalization statistics
 * ({@code mu}, {@code sigma} per column, in double) and the normalized anchors
 * {@code A' = T(A)}; for a directional similarity each anchor row is then scaled to unit length,
 * {@code A' / ||A'||}, so that projecting a sample is one matrix product {@code normalize(T(x)) A'^T}.
 */
public final class RelativeProjection {
    private RelativeProjection() {
    }

    /**
     * @param anchors the anchors' absolute embeddings by this chart, one row per anchor, in the order the
     *     relative columns will have
     * @param similarity the similarity to each anchor
     * @param normalization the per-column map fitted on these anchors
     * @return the immutable projector
     * @throws InvalidInputException when there is no anchor, or an anchor has no direction (zero norm
     *     after normalization) under a directional similarity
     */
    public static RelativeProjector fit(LatentSpace anchors, Similarity similarity, Normalization normalization) {
        Objects.requireNonNull(similarity, "similarity");
        Objects.requireNonNull(normalization, "normalization");
        int k = anchors.size();
        int d = anchors.dim();
        if (k == 0) {
            throw new InvalidInputException("anchors: expected at least 1 anchor, found 0");
        }
        float[] raw = anchors.rawVectors();
        float[] shift = new float[d];
        float[] scale = new float[d];
        java.util.Arrays.fill(scale, 1f);
        if (normalization != Normalization.NONE) {
            double[] mean = new double[d];
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < d; j++) {
                    mean[j] += raw[i * d + j];
                }
            }
            for (int j = 0; j < d; j++) {
                mean[j] /= k;
                shift[j] = (float) mean[j];
            }
            if (normalization == Normalization.STANDARD) {
                double[] sumSq = new double[d];
                for (int i = 0; i < k; i++) {
                    for (int j = 0; j < d; j++) {
                        double c = raw[i * d + j] - mean[j];
                        sumSq[j] += c * c;
                    }
                }
                for (int j = 0; j < d; j++) {
                    double sigma = Math.sqrt(sumSq[j] / k);
                    scale[j] = sigma > 0 ? (float) (1 / sigma) : 1f;
                }
            }
        }
        float[] normalized = new float[k * d];
        for (int i = 0; i < k; i++) {
            double sq = 0;
            for (int j = 0; j < d; j++) {
                float v = (float) (((double) raw[i * d + j] - shift[j]) * scale[j]);
                normalized[i * d + j] = v;
                sq += (double) v * v;
            }
            if (similarity.directional()) {
                if (!(sq > 0)) {
                    throw new InvalidInputException("anchor id " + anchors.id(i) + " (row " + i + ") has zero norm"
                            + (normalization == Normalization.NONE ? "" : " after " + normalization + " normalization")
                            + ": a " + similarity + " similarity needs a direction; drop that anchor");
                }
                float inverse = (float) (1 / Math.sqrt(sq));
                for (int j = 0; j < d; j++) {
                    normalized[i * d + j] *= inverse;
                }
            }
        }
        return new RelativeProjector(anchors.ids(), d, similarity, normalization, shift, scale, normalized);
    }
}
