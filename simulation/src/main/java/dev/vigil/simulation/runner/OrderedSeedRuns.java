package dev.vigil.simulation.runner;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;

/**
 * Runs a function of each seed on up to {@code jobs} threads and hands the results back in seed
 * order, one at a time, as if they had run one after another. Every seed's run is a fresh,
 * self-contained deterministic simulation, so which thread runs it cannot change its result; the
 * caller sees the same sequence whatever {@code jobs} is, and stops consuming where it likes
 * (the first failing seed): runs started ahead of that point are cancelled on {@link #close()}.
 * With one job nothing runs ahead and no thread is started.
 */
final class OrderedSeedRuns<R> implements AutoCloseable {
    /** Seeds started ahead of the one consumed, per job: enough to keep every thread busy, few enough to bound memory. */
    static final int AHEAD_PER_JOB = 4;
    /** The simulated engine recurses deeply on long runs; the launcher gives the main thread as much (-Xss4m). */
    static final long THREAD_STACK_BYTES = 4L * 1024 * 1024;

    private final Iterator<Long> seeds;
    private final LongFunction<R> work;
    private final ExecutorService pool;
    private final int aheadMax;
    private final ArrayDeque<Future<R>> started = new ArrayDeque<>();

    OrderedSeedRuns(List<Long> seeds, int jobs, LongFunction<R> work) {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs = " + jobs + " must be at least 1");
        }
        this.seeds = List.copyOf(seeds).iterator();
        this.work = Objects.requireNonNull(work, "work");
        this.pool = jobs == 1 ? null : Executors.newFixedThreadPool(jobs, seedThreads());
        this.aheadMax = jobs * AHEAD_PER_JOB;
    }

    boolean hasNext() {
        return !started.isEmpty() || seeds.hasNext();
    }

    /** The next seed's result, in seed order; a run that threw rethrows here, at its place in the order. */
    R next() {
        if (pool == null) {
            return work.apply(seeds.next());
        }
        while (started.size() < aheadMax && seeds.hasNext()) {
            long seed = seeds.next();
            started.add(pool.submit(() -> work.apply(seed)));
        }
        Future<R> head = started.removeFirst();
        try {
            return head.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("a seed's run failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a seed's run", e);
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            // Not interrupted: a run in progress ends within its own event budget, and an
            // interrupt could land inside the engine's store or lane code, which is not written
            // to meet one from the harness. The runs not yet begun never start.
            started.forEach(future -> future.cancel(false));
            pool.shutdown();
        }
    }

    private static ThreadFactory seedThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(null, task, "vigil-seeds-" + count.incrementAndGet(), THREAD_STACK_BYTES);
            thread.setDaemon(true);
            return thread;
        };
    }
}
