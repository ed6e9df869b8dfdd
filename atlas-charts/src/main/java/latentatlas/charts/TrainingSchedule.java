package latentatlas.charts;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Trains independent networks at once (docs/method.md §4, "Several charts at once"): {@code min(workers,
 * jobs)} worker threads, each running PyTorch with <em>one</em> intra-op thread, take the jobs in the
 * given order (give the largest first for the shortest schedule). Small convolutions scale poorly
 * across threads, so two charts on one thread each finish sooner than the same two one after the
 * other on two threads each.
 *
 * <p>Reproducible: a job's network is the same bit for bit as when the same job runs alone with one
 * thread ({@link TrainingConfig#deterministic()}), whatever runs beside it and in which order. One
 * intra-op thread fixes every reduction order; the random initialisation is drawn from the engine's
 * generator under {@link TorchRuntime#seeded}'s lock, right after seeding it; the training loop draws
 * from its own seeded Java generator only. Each job should therefore be trained with a deterministic
 * configuration, so that what its manifest and configuration hash say (one thread) is what happened.
 *
 * <pre>{@code
 * ChartTrainer trainer = ChartTrainer.builder()
 *         .setConfig(TrainingConfig.charts().withMaxEpochs(2).withDeterministic(true)).build();
 * List<Chart> charts = TrainingSchedule.perCore().run(plan.chartTasks().stream()
 *         .map(task -> (Supplier<Chart>) () -> trainer.train(dataset, task, fingerprint)).toList());
 * }</pre>
 *
 * <p>A job that fails stops the schedule: the jobs not yet started are dropped, those running are
 * waited for, and the first failure is thrown as it was (an {@link latentatlas.InvalidInputException}
 * stays one).
 */
public final class TrainingSchedule {
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final int workers;

    /**
     * @param workers the most jobs that run at once, at least 1
     */
    public TrainingSchedule(int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("a training schedule needs at least 1 worker, found " + workers);
        }
        this.workers = workers;
    }

    /** @return a schedule with one worker per core the JVM may use ({@code availableProcessors}) */
    public static TrainingSchedule perCore() {
        return new TrainingSchedule(Runtime.getRuntime().availableProcessors());
    }

    /** @return the most jobs that run at once */
    public int workers() {
        return workers;
    }

    /**
     * Runs every job, at most {@link #workers()} at once, each on one PyTorch intra-op thread; with
     * one worker (or one job) they run one after the other on the calling thread, also on one thread.
     *
     * @param jobs independent jobs (each trains its own networks), started in this order
     * @param <T> their result
     * @return the results, in the order of {@code jobs}
     */
    public <T> List<T> run(List<? extends Supplier<? extends T>> jobs) {
        int n = Math.min(workers, jobs.size());
        // sets the process-wide count too, so libtorch's own threads started meanwhile take one thread
        return TorchRuntime.withThreads(1, () -> n <= 1 ? inline(jobs) : concurrently(jobs, n));
    }

    private static <T> List<T> inline(List<? extends Supplier<? extends T>> jobs) {
        List<T> out = new ArrayList<>(jobs.size());
        for (Supplier<? extends T> job : jobs) {
            out.add(job.get());
        }
        return out;
    }

    private static <T> List<T> concurrently(List<? extends Supplier<? extends T>> jobs, int n) {
        ExecutorService pool = Executors.newFixedThreadPool(n, oneTorchThreadEach());
        try {
            List<Future<? extends T>> futures = new ArrayList<>(jobs.size());
            for (Supplier<? extends T> job : jobs) {
                futures.add(pool.submit(job::get));
            }
            List<T> out = new ArrayList<>(jobs.size());
            for (Future<? extends T> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (ExecutionException e) {
            pool.shutdownNow(); // drops the jobs not started; the running ones finish their work
            awaitQuietly(pool);
            throw rethrown(e.getCause());
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while training", e);
        } finally {
            pool.shutdown();
        }
    }

    /**
     * Worker threads that set their own intra-op count to one and turn autograd recording off (libtorch's
     * grad mode is per thread and on in a new thread) before their first job.
     */
    private static ThreadFactory oneTorchThreadEach() {
        int pool = POOLS.incrementAndGet();
        AtomicInteger count = new AtomicInteger();
        return work -> {
            Thread t = new Thread(() -> {
                TorchRuntime.useOneThreadHere();
                work.run();
            }, "atlas-train-" + pool + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static void awaitQuietly(ExecutorService pool) {
        try {
            while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
                // a running job is finishing its network
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static RuntimeException rethrown(Throwable cause) {
        if (cause instanceof RuntimeException r) {
            return r;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(cause);
    }
}
