package latentatlas.atlas;

import latentatlas.InvalidInputException;
import latentatlas.relative.RelativeSpace;
import latentatlas.space.LatentSpace;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The per-chart shift of docs/method.md §9 (the reference's correction in its {@code federated_learning}
 * script): over a set {@code S} of sample ids that every chart embeds,
 * <pre>
 *     s_t = (1 / |S|) sum_{i in S} ( atlas(i) - rel_t(i) ),   atlas(i) = (1 / T) sum_u rel_u(i),
 * </pre>
 * the mean offset of chart {@code t}'s relative vectors from the plain-mean atlas. {@code sum_t s_t = 0}.
 * A chart then places a sample at {@code rel_t(x) + s_t} ({@link #apply}): the stitched representation of
 * a single chart, and the vectors {@link Aggregation#SHIFTED_MEAN} averages. The shift reads relative
 * vectors only, never a label; which ids form {@code S} decides whether it is label-free.
 *
 * <p>The id set: in the paper's shared-classes setting {@code S} is the shared training samples (the
 * caller passes them); for spaces a user hands in, {@link #sharedIds} takes every id that all charts'
 * rows hold (with {@code atlas merge}'s spaces, which contain the anchors, the anchors at least).
 * Sums run in float64; the shift is rounded to float32 once.
 */
public final class Shifts {
    private Shifts() {
    }

    /**
     * @param spaces the charts' spaces (absolute or relative), in chart order
     * @return the ids that every space holds, in the first space's row order
     */
    public static long[] sharedIds(List<LatentSpace> spaces) {
        LatentSpace first = spaces.get(0);
        List<Long> shared = new ArrayList<>();
        for (int i = 0; i < first.size(); i++) {
            long id = first.id(i);
            boolean everywhere = true;
            for (int t = 1; t < spaces.size() && everywhere; t++) {
                everywhere = spaces.get(t).contains(id);
            }
            if (everywhere) {
                shared.add(id);
            }
        }
        return shared.stream().mapToLong(Long::longValue).toArray();
    }

    /**
     * @param spaces every chart's relative space, over the same anchors
     * @param ids the set {@code S}: unique ids, each held by every space, at least one
     * @return per chart, in the spaces' order, its shift {@code s_t} ({@code k} values)
     * @throws InvalidInputException naming the input {@code shiftIds} when S is empty, repeats an id, or a
     *     chart lacks one of its ids
     */
    public static Map<String, float[]> of(List<RelativeSpace> spaces, long[] ids) {
        if (ids.length == 0) {
            throw new InvalidInputException(List.of("shiftIds"), "shift ids: expected at least 1 sample id that every"
                    + " chart embeds, found none: give charts that share samples (or the anchors), or the ids");
        }
        Set<Long> seen = new HashSet<>();
        for (long id : ids) {
            if (!seen.add(id)) {
                throw new InvalidInputException(List.of("shiftIds"), "shift ids: id " + id + " appears twice");
            }
        }
        int k = spaces.get(0).anchorIds().length;
        int charts = spaces.size();
        double[][] sums = new double[charts][k];
        double[] mean = new double[k];
        for (long id : ids) {
            java.util.Arrays.fill(mean, 0);
            for (int t = 0; t < charts; t++) {
                LatentSpace s = spaces.get(t).space();
                int row = s.rowOf(id);
                if (row < 0) {
                    throw new InvalidInputException(List.of("shiftIds"), "shift ids: id " + id + " is not among the "
                            + s.size() + " rows of chart " + spaces.get(t).chart() + ": the shift needs ids every chart embeds");
                }
                float[] v = s.rawVectors();
                for (int j = 0; j < k; j++) {
                    double x = v[row * k + j];
                    mean[j] += x;
                    sums[t][j] -= x;
                }
            }
            for (int t = 0; t < charts; t++) {
                for (int j = 0; j < k; j++) {
                    sums[t][j] += mean[j] / charts;
                }
            }
        }
        Map<String, float[]> out = new LinkedHashMap<>();
        for (int t = 0; t < charts; t++) {
            float[] shift = new float[k];
            for (int j = 0; j < k; j++) {
                shift[j] = (float) (sums[t][j] / ids.length);
            }
            out.put(spaces.get(t).chart(), shift);
        }
        return out;
    }

    /**
     * @param relative a chart's relative rows
     * @param shift its shift, one value per column
     * @return {@code rel_t(x) + s_t} per row (same ids and labels)
     */
    public static LatentSpace apply(LatentSpace relative, float[] shift) {
        int k = relative.dim();
        if (shift.length != k) {
            throw new InvalidInputException("shift: expected " + k + " values (one per anchor), found " + shift.length);
        }
        float[] v = relative.rawVectors().clone();
        for (int i = 0; i < relative.size(); i++) {
            for (int j = 0; j < k; j++) {
                v[i * k + j] += shift[j];
            }
        }
        return LatentSpace.of("shifted " + relative, relative.ids(), v, k, relative.hasLabels() ? relative.labels() : null);
    }
}
