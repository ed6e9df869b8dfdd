package latentatlas.tasks;

import java.util.List;

import latentatlas.InvalidInputException;
import latentatlas.anchors.AnchorFeatures;
import latentatlas.anchors.AnchorStrategy;

/** Anchors of settings 2 and 3: k training samples drawn from all classes and held out of every chart task. */
final class HeldOutAnchors {
    private HeldOutAnchors() {
    }

    /** @return k anchor ids chosen from every training id with {@code strategy} (stream {@code anchors}), sorted */
    static long[] choose(AnchorStrategy strategy, DatasetLabels data, AnchorFeatures features, int k, long seed) {
        long[] pool = PlanParts.allTrain(data);
        if (k >= pool.length) {
            throw new InvalidInputException(List.of("anchors"), "anchors (" + k + ") leave none of the " + pool.length
                    + " training samples of " + data.name() + " for the tasks: lower the anchors");
        }
        return PlanParts.chooseAnchors(strategy, pool, data, features, k, seed,
                "the " + pool.length + " training samples of " + data.name());
    }
}
