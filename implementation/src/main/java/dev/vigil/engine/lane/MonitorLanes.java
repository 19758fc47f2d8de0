package dev.vigil.engine.lane;

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
 *
 * <p>A lane exists only while a thread is in it or waiting for it: the last one out drops it. So
 * the lanes held are bounded by the threads running, not by every monitor ever added, and a
 * removed monitor leaves nothing behind.
 */
public final class MonitorLanes {
    private final ConcurrentHashMap<String, Lane> lanes = new ConcurrentHashMap<>();
    /** Lanes (counting re-entries) the current thread holds, across monitors. */
    private final ThreadLocal<int[]> heldByThread = ThreadLocal.withInitial(() -> new int[1]);

    /** Lanes for every monitor, each created on first use. */
    public MonitorLanes() {
    }

    /**
     * One monitor's lock and how many threads are in the lane or waiting for it, counting
     * re-entries. {@code users} changes only inside the map's {@code compute} for the monitor,
     * which is atomic per key: a lane is dropped exactly when its last user leaves, so two
     * threads never hold two different locks for one monitor.
     */
    private static final class Lane {
        final ReentrantLock lock = new ReentrantLock();
        int users;
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
        Lane lane = lanes.compute(monitorId, (id, existing) -> {
            Lane entered = existing == null ? new Lane() : existing;
            entered.users++;
            return entered;
        });
        try {
            lane.lock.lock();
            int[] held = heldByThread.get();
            held[0]++;
            try {
                return action.get();
            } finally {
                held[0]--;
                lane.lock.unlock();
            }
        } finally {
            lanes.compute(monitorId, (id, existing) -> {
                assert existing == lane : "the lane of " + id + " was replaced while in use";
                return --lane.users == 0 ? null : lane;
            });
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
        Lane lane = lanes.get(monitorId);
        return lane != null && lane.lock.isHeldByCurrentThread();
    }

    /**
     * Whether the current thread holds any monitor's lane: asserted where none may be held.
     *
     * @return {@code true} if this thread is inside at least one lane
     */
    public boolean anyHeldByCurrentThread() {
        return heldByThread.get()[0] > 0;
    }

    /**
     * Diagnostics: how many lanes exist now, i.e. monitors with a thread in or waiting for their
     * lane. Zero whenever the engine is idle.
     *
     * @return the number of lanes
     */
    public int laneCount() {
        return lanes.size();
    }
}
