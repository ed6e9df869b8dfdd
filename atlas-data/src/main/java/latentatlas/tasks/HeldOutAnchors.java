package latentatlas.tasks;

import java.util.List;

import latentatlas.InvalidInputException;

/** Anchors of settings 2 and 3: k training samples drawn from all classes and held out of every chart task. */
final class HeldOutAnchors {
    private HeldOutAnchors() {
    }

    /** @return k anchor ids drawn from every training id (stream {@code anchors}), sorted */
    static long[] draw(DatasetLabels data, int k, long seed) {
        long[] pool = PlanParts.allTrain(data);
        if (k >= pool.length) {
            throw new InvalidInputException(List.of("anchors"), "anchors (" + k + ") leave none of the " + pool.length
                    + " training samples of " + data.name() + " for the tasks: lower the anchors");
        }
        return PlanParts.drawAnchors(pool, k, seed);
    }
}
