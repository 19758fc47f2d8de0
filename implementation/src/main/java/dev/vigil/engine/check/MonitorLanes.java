package dev.vigil.engine.check;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Serializes everything that happens to one monitor (SPEC, DESIGN "Concurrency"): commands,
 * timer firings and probe returns of a monitor run one at a time, different monitors in
 * parallel. Reentrant, because a command's own effects (a cancelled probe's future completing
 * inline) come back to the lane on the same thread.
 *
 * <p>It also knows whether the current thread holds any lane at all: events are delivered to
 * listeners only on a thread that holds none (SPEC "Events"), and the publisher asserts it.
 */
public final class MonitorLanes {
    private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    /** Lanes (counting re-entries) the current thread holds, across monitors. */
    private final ThreadLocal<int[]> heldByThread = ThreadLocal.withInitial(() -> new int[1]);

    /** Lanes for every monitor, each created on first use. */
    public MonitorLanes() {
    }

    /**
     * Runs {@code action} in the monitor's lane, waiting for the lane if another thread holds it.
     *
     * @param <T>       what the action returns
     * @param monitorId the monitor
     * @param action    the work
     * @return what the action returned
     */
    public <T> T call(String monitorId, Supplier<T> action) {
        ReentrantLock lock = locks.computeIfAbsent(monitorId, id -> new ReentrantLock());
        lock.lock();
        int[] held = heldByThread.get();
        held[0]++;
        try {
            return action.get();
        } finally {
            held[0]--;
            lock.unlock();
        }
    }

    /**
     * Runs {@code action} in the monitor's lane, waiting for the lane if another thread holds it.
     *
     * @param monitorId the monitor
     * @param action    the work
     */
    public void run(String monitorId, Runnable action) {
        call(monitorId, () -> {
            action.run();
            return null;
        });
    }

    /**
     * Whether the current thread holds the monitor's lane: asserted where a lane must be held.
     *
     * @param monitorId the monitor
     * @return {@code true} if this thread is inside the lane
     */
    public boolean isHeldByCurrentThread(String monitorId) {
        ReentrantLock lock = locks.get(monitorId);
        return lock != null && lock.isHeldByCurrentThread();
    }

    /**
     * Whether the current thread holds any monitor's lane: asserted where none may be held.
     *
     * @return {@code true} if this thread is inside at least one lane
     */
    public boolean anyHeldByCurrentThread() {
        return heldByThread.get()[0] > 0;
    }
}
