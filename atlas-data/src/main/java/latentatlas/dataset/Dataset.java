package latentatlas.dataset;

import java.util.List;
import java.util.Map;

/**
 * A labelled classification dataset with a training and a test split.
 *
 * @param name the dataset's name as the command line spells it, e.g. {@code fashion-mnist}
 * @param classes class names; class {@code c} is {@code classes.get(c)}
 * @param train the training split (ids {@code 0 .. n_train-1})
 * @param test the test split (ids following the training ids)
 * @param extraSplits further named splits (e.g. CLINC150's {@code validation}), possibly empty
 * @param fingerprint SHA-256 (hex) of the files read, recorded with every result
 * @param metadata reader-specific facts (source folder, coarse labels, ...), JSON-serialisable
 */
public record Dataset(String name, List<String> classes, Samples train, Samples test,
                      Map<String, Samples> extraSplits, String fingerprint, Map<String, Object> metadata) {
    /** @return the number of classes */
    public int classCount() {
        return classes.size();
    }

    /** @return whether the samples are images */
    public boolean isImages() {
        return train.isImages();
    }

    /** @return whether the samples are sentences */
    public boolean isTexts() {
        return train.isTexts();
    }

    /** @return whether the samples are feature vectors (e.g. a frozen encoder's sentence vectors) */
    public boolean isVectors() {
        return train.isVectors();
    }

    /**
     * @param id a global id of the training or test split
     * @return the split that holds it
     */
    public Samples splitOf(long id) {
        if (train.rowOf(id) >= 0) {
            return train;
        }
        if (test.rowOf(id) >= 0) {
            return test;
        }
        for (Samples s : extraSplits.values()) {
            if (s.rowOf(id) >= 0) {
                return s;
            }
        }
        throw new IllegalArgumentException("id " + id + " is in no split of " + name);
    }
}
