package latentatlas.metrics;

import latentatlas.InvalidInputException;
import latentatlas.space.LatentSpace;

import java.util.Arrays;

/** Joins two spaces by sample id: the second space's rows reordered to the first space's id order. */
final class Paired {
    private Paired() {
    }

    /**
     * @return {@code y}'s rows in the order of {@code x}'s ids ({@code y} itself when already aligned)
     * @throws InvalidInputException when the id sets differ, naming a missing id
     */
    static LatentSpace alignTo(LatentSpace x, LatentSpace y) {
        long[] ids = x.ids();
        if (Arrays.equals(ids, y.ids())) {
            return y;
        }
        if (x.size() != y.size()) {
            throw new InvalidInputException("the two spaces must hold the same sample ids: the first has " + x.size()
                    + " ids, the second " + y.size() + ": select the common ids first");
        }
        for (long id : ids) {
            if (!y.contains(id)) {
                throw new InvalidInputException("the two spaces must hold the same sample ids: id " + id
                        + " of the first is not in the second: select the common ids first");
            }
        }
        return y.select("second space", ids);
    }
}
