package latentatlas.experiment;

import latentatlas.charts.TrainingConfig;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The profiles' chart epochs: the quick profile's floor in optimizer steps, the paper's limits untouched. */
class ProfileTest {
    @Test
    void aSmallTaskTrainsAtLeastTheQuickProfilesStepsAndALargeOneItsEpochs() {
        // 4,000 images at batch 100: 40 steps per epoch, so 200 steps are 5 epochs
        assertEquals(5, Profile.QUICK.charts(false, 42, 4_000).maxEpochs());
        assertEquals(5, Profile.QUICK.charts(true, 42, 4_000).maxEpochs());
        // 4,001 images: 41 steps per epoch, 5 epochs are 205 steps
        assertEquals(5, Profile.QUICK.charts(false, 42, 4_001).maxEpochs());
        // Fashion-MNIST's smallest chart (27,000 images: 270 steps per epoch) keeps the profile's epochs
        assertEquals(1, Profile.QUICK.charts(false, 42, 27_000).maxEpochs());
        assertEquals(2, Profile.QUICK.charts(true, 42, 54_000).maxEpochs());
        // a tiny task is capped at the paper's limit; early stopping still applies
        TrainingConfig tiny = Profile.QUICK.charts(false, 42, 10);
        assertEquals(200, tiny.maxEpochs());
        assertTrue(tiny.patience() >= 1);
    }

    @Test
    void thePaperProfileKeepsItsLimits() {
        assertEquals(200, Profile.PAPER.charts(true, 42, 100).maxEpochs());
        assertEquals(250, Profile.PAPER.charts(false, 42, 100).maxEpochs());
        assertEquals(5, Profile.PAPER.charts(false, 42, 100).validateEvery());
    }
}
