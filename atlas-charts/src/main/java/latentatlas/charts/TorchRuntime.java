package latentatlas.charts;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The PyTorch engine's global state that a training run touches: its random seed (initialisation and
 * every random op draw from it) and its intra-op thread count (PyTorch has no switch for
 * deterministic CPU kernels beyond a fixed thread count; one thread fixes every reduction order).
 */
public final class TorchRuntime {
    private TorchRuntime() {
    }

    /** Seeds the engine's generator ({@code torch.manual_seed}). */
    static void seed(long seed) {
        Engine.getInstance().setRandomSeed((int) (seed ^ (seed >>> 32)));
    }

    /**
     * @return the engine's intra-op thread count now, starting the engine if needed (then its own default,
     *     or {@code ai.djl.pytorch.num_threads} when that property is set)
     */
    public static int threads() {
        Engine.getInstance();
        return JniUtils.getNumThreads();
    }

    /**
     * Runs {@code work} with {@code threads} intra-op threads, restoring the previous count afterwards.
     *
     * @param threads the thread count, or 0 to keep the current one
     * @param work what to run
     * @param <T> its result
     * @return the result of {@code work}
     */
    public static <T> T withThreads(int threads, Supplier<T> work) {
        int previous = threads();
        if (threads > 0 && threads != previous) {
            JniUtils.setNumThreads(threads);
        }
        try {
            return work.get();
        } finally {
            if (threads > 0 && threads != previous) {
                JniUtils.setNumThreads(previous);
            }
        }
    }

    /** @return DJL, PyTorch and Java versions, for provenance */
    public static Map<String, String> versions() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("djl", Engine.getDjlVersion());
        v.put("engine", Engine.getInstance().getEngineName() + " " + Engine.getInstance().getVersion());
        v.put("java", System.getProperty("java.version"));
        v.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        return v;
    }
}
