package latentatlas.metrics;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import latentatlas.InvalidInputException;
import latentatlas.space.LatentSpace;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;

/**
 * How well two spaces {@code A} and {@code B} of the same {@code n} ids agree on neighbourhoods
 * (cosine similarity throughout; rows are matched by id, never by position).
 *
 * <ul>
 *   <li><b>k-NN Jaccard</b>: with {@code N_A(i)} the {@code k} ids most cosine-similar to {@code i} in
 *       {@code A} (itself excluded), and {@code N_B(i)} likewise in {@code B},
 *       {@code J = mean_i |N_A(i) ∩ N_B(i)| / |N_A(i) ∪ N_B(i)|}. Each space is only compared with
 *       itself, so it applies to spaces of any widths.</li>
 *   <li><b>Mean reciprocal rank</b> of the counterpart: the similarity of {@code a_i} to a row of
 *       {@code B} is only meaningful when both live in the same coordinates (relative spaces on the
 *       same anchors, or the atlas and a relative space), so it requires equal widths. For each id
 *       {@code i}, {@code rank_i = #{j : cos(a_i, b_j) >= cos(a_i, b_i)}} (the counterpart included;
 *       ties count against it), and {@code MRR = mean_i 1 / rank_i}; 1 means every row's nearest row
 *       of {@code B} is its own counterpart. Direction: rows of {@code A} query the rows of {@code B}.</li>
 * </ul>
 *
 * <p>Both are {@code O(n^2 d)} float32 matmuls over row blocks in sub-managers; at most
 * {@link RowBlocks#ELEMENTS} similarities are held at once.
 *
 * @param k neighbours per id in the Jaccard
 * @param jaccard mean k-NN Jaccard, in [0, 1]
 * @param meanReciprocalRank MRR of the counterpart, in (0, 1]; empty when the widths differ
 */
public record NeighbourhoodAgreement(int k, double jaccard, OptionalDouble meanReciprocalRank) {
    /** The default number of neighbours. */
    public static final int DEFAULT_K = 10;

    /**
     * @param a the first space
     * @param b the second space, holding exactly the ids of {@code a} (in any order)
     * @param k neighbours per id, from 1 to {@code n - 1}
     * @return the Jaccard and, when the widths match, the MRR
     */
    public static NeighbourhoodAgreement of(LatentSpace a, LatentSpace b, int k) {
        LatentSpace aligned = align(a, b);
        if (k < 1 || k > a.size() - 1) {
            throw new InvalidInputException(List.of("k"), "neighbourhood agreement: k must be in 1.." + (a.size() - 1)
                    + " for " + a.size() + " ids, found " + k);
        }
        int n = a.size();
        float[] na = CosineRows.normalised(a, "first space");
        float[] nb = CosineRows.normalised(aligned, "second space");
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray xa = RowBlocks.matrix(manager, na, n, a.dim());
            NDArray xb = RowBlocks.matrix(manager, nb, n, b.dim());
            double jaccard = Bounds.clamp("neighbourhood Jaccard",
                    jaccard(CosineRows.topK(xa, xa, k, 0), CosineRows.topK(xb, xb, k, 0), n, k), 0, 1, Bounds.FLOAT64);
            OptionalDouble mrr = a.dim() == b.dim() ? OptionalDouble.of(meanReciprocalRank(xa, xb, n))
                    : OptionalDouble.empty();
            return new NeighbourhoodAgreement(k, jaccard, mrr);
        }
    }

    /**
     * The MRR alone, for callers that need it to exist.
     *
     * @throws InvalidInputException when the widths differ
     */
    public static double meanReciprocalRank(LatentSpace a, LatentSpace b) {
        if (a.dim() != b.dim()) {
            throw new InvalidInputException("mean reciprocal rank compares rows of one space with rows of the other,"
                    + " which needs one coordinate system: widths " + a.dim() + " and " + b.dim()
                    + " differ (use relative spaces on the same anchors)");
        }
        LatentSpace aligned = align(a, b);
        try (NDManager manager = NDManager.newBaseManager()) {
            return meanReciprocalRank(
                    RowBlocks.matrix(manager, CosineRows.normalised(a, "first space"), a.size(), a.dim()),
                    RowBlocks.matrix(manager, CosineRows.normalised(aligned, "second space"), a.size(), a.dim()),
                    a.size());
        }
    }

    /** @return {@code b}'s rows in the order of {@code a}'s ids */
    private static LatentSpace align(LatentSpace a, LatentSpace b) {
        if (a.size() != b.size()) {
            throw new InvalidInputException("neighbourhood agreement needs the same ids in both spaces: "
                    + a.size() + " and " + b.size() + " rows; join them by id first");
        }
        return b.select("second space", a.ids());
    }

    private static double jaccard(int[] nearA, int[] nearB, int n, int k) {
        double total = 0;
        int[] sa = new int[k];
        int[] sb = new int[k];
        for (int i = 0; i < n; i++) {
            System.arraycopy(nearA, i * k, sa, 0, k);
            System.arraycopy(nearB, i * k, sb, 0, k);
            Arrays.sort(sa);
            Arrays.sort(sb);
            int common = 0;
            for (int p = 0, q = 0; p < k && q < k;) {
                if (sa[p] == sb[q]) {
                    common++;
                    p++;
                    q++;
                } else if (sa[p] < sb[q]) {
                    p++;
                } else {
                    q++;
                }
            }
            total += (double) common / (2 * k - common);
        }
        return total / n;
    }

    private static double meanReciprocalRank(NDArray xa, NDArray xb, int n) {
        NDArray xbT = xb.transpose();
        int block = RowBlocks.rows(n, n);
        double total = 0;
        for (int start = 0; start < n; start += block) {
            int end = Math.min(n, start + block);
            try (NDManager scope = xa.getManager().newSubManager()) {
                NDArray sims = xa.get(scope, new NDIndex("{}:{}", start, end)).matMul(xbT);
                NDArray own = sims.get(new NDIndex(":, {}:{}", start, end)).diagonal().expandDims(1);
                long[] ranks = sims.gte(own).sum(new int[] {1}).toLongArray();
                for (long rank : ranks) {
                    total += 1.0 / rank;
                }
            }
        }
        return Bounds.clamp("mean reciprocal rank", total / n, 0, 1, Bounds.FLOAT64);
    }
}
