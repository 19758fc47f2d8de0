package dev.vigil.engine.check;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Serializes everything that happens to one monitor (SPEC, DESIGN "Concurrency"): commands,
 * timer firings and probe returns of a monitor run one at a time, different monitors in
 * parallel. Reentrant, because a command's own effects (a cancelled probe's future completing
 * inline) come back to the lane on the same thread.
 */
public final class MonitorLanes {
    private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

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
        try {
            return action.get();
        } finally {
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
}
