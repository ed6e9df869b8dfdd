package latentatlas.charts;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The PyTorch engine's global state that a training run touches: its random seed (initialisation and
 * every random op draw from it) and its intra-op thread count (PyTorch has no switch for
 * deterministic CPU kernels beyond a fixed thread count; one thread fixes every reduction order).
 *
 * <p>The generator is one for the whole process ({@code torch.manual_seed} seeds the default CPU
 * generator; DJL exposes no per-network generator), so runs on several threads draw from it only
 * through {@link #seeded}, under one lock. The thread count is per calling thread: libtorch's
 * {@code at::set_num_threads} stores the count process-wide (threads that start using libtorch later
 * take it) and sets the calling thread's OpenMP and MKL counts ({@code omp_set_num_threads},
 * {@code mkl_set_num_threads_local}), which is what DJL's {@code JniUtils.setNumThreads} calls.
 */
public final class TorchRuntime {
    /** Guards the engine's generator: seeding and the draws that follow it happen under it. */
    private static final Object GENERATOR = new Object();

    private TorchRuntime() {
    }

    /**
     * Seeds the engine's generator ({@code torch.manual_seed}) and runs {@code draws} under one
     * process-wide lock, so that what {@code draws} takes from the generator (e.g. a network's random
     * initialisation) depends on the seed only, whichever other threads train at the same time.
     * Nothing else may draw from the engine's generator while another thread trains: the training
     * loop draws nothing from it (shuffling and augmentation use the trainer's own Java generator).
     *
     * @param seed the seed
     * @param draws what draws from the seeded generator
     * @param <T> its result
     * @return the result of {@code draws}
     */
    static <T> T seeded(long seed, Supplier<T> draws) {
        synchronized (GENERATOR) {
            Engine.getInstance().setRandomSeed((int) (seed ^ (seed >>> 32)));
            return draws.get();
        }
    }

    /**
     * Computes a loss recording the autograd graph, then back-propagates it ({@code loss.backward()}),
     * accumulating the gradients of the parameters that require them. The graph is recorded on the
     * calling thread only: libtorch's grad mode is per thread, off outside this call (the engine turns
     * it off on the thread that starts it, {@link TrainingSchedule}'s workers on theirs). DJL's
     * {@code GradientCollector} is not used because it allows one collector in the whole process,
     * which would forbid training on several threads at once.
     *
     * @param loss computes the scalar loss (forward pass)
     * @return the loss
     */
    static NDArray backward(Supplier<NDArray> loss) {
        JniUtils.setGradMode(true);
        try {
            NDArray value = loss.get();
            NDArray seed = value.getManager().ones(value.getShape(), value.getDataType());
            JniUtils.backward((PtNDArray) value, (PtNDArray) seed, false, false);
            return value;
        } finally {
            JniUtils.setGradMode(false);
        }
    }

    /** Prepares the calling thread to train beside others: one intra-op thread, no autograd recording. */
    static void useOneThreadHere() {
        Engine.getInstance();
        JniUtils.setNumThreads(1);
        JniUtils.setGradMode(false);
    }

    /**
     * @return the calling thread's intra-op thread count now, starting the engine if needed (then its own default,
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
