package latentatlas.tasks;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The random anchor strategy keeps the bytes of the plans made before strategies existed: the SHA-256
 * of each setting's plan.json for a fixed synthetic dataset and seed, recorded from main at commit
 * c835c0f (the planners drawing anchors with PlanParts.drawAnchors), before AnchorSelection.
 */
class RandomAnchorsBytesTest {
    private static String sha(TaskPlan plan) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(TaskPlanJson.toJson(plan).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void plansAreByteIdenticalToThoseBeforeAnchorStrategies() throws Exception {
        DatasetLabels data = SyntheticLabels.random(10, 60, 7);
        assertEquals("ae620810afe46398f98d1af13117f0f12eb969d877492862e9b0947333496ace"
                + " 215df2a5cea475a1e2f591b6762c024d9bfb014ee5c43e214d76337a86e55af1"
                + " d35b64483ecee6808f449e5c0189c85cc5c2f91ace31df01aa831a22295c0610", sha(new SharedClassesPlanner(4, 2, 50).plan(data, 42)) + " "
                + sha(DisjointSamplesPlanner.withDefaultMixture(64, 2).plan(data, 42)) + " "
                + sha(new DisjointPlanner(3, 64).plan(data, 42)));
    }
}
