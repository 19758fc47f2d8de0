package dev.vigil.engine.status;

import dev.vigil.engine.MonitorSnapshot;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine's in-memory view of every monitor as last committed. Written only after a store
 * transaction committed (SPEC R12), so it never shows what the store does not hold; read by the
 * result check of SPEC R6 without a store round trip.
 */
public final class MonitorTable {
    private final ConcurrentHashMap<String, MonitorSnapshot> monitors = new ConcurrentHashMap<>();

    /** An empty table. */
    public MonitorTable() {
    }

    /**
     * The monitor as last committed.
     *
     * @param monitorId the monitor
     * @return its snapshot, or empty if there is no such monitor
     */
    public Optional<MonitorSnapshot> get(String monitorId) {
        return Optional.ofNullable(monitors.get(monitorId));
    }

    /**
     * Records a committed state of a monitor.
     *
     * @param monitor the state; replaces the one with the same id
     */
    public void put(MonitorSnapshot monitor) {
        monitors.put(monitor.id(), monitor);
    }

    /**
     * Forgets a removed monitor.
     *
     * @param monitorId the monitor
     */
    public void remove(String monitorId) {
        monitors.remove(monitorId);
    }

    /**
     * Whether the monitor exists.
     *
     * @param monitorId the monitor
     * @return {@code true} if it is in the table
     */
    public boolean contains(String monitorId) {
        return monitors.containsKey(monitorId);
    }

    /**
     * Every monitor id: in the order of startAll, stopAll and recovery (SPEC R11, R13).
     *
     * @return the ids in ascending order
     */
    public List<String> idsAscending() {
        return monitors.keySet().stream().sorted().toList();
    }

    /**
     * How many monitors there are.
     *
     * @return their count
     */
    public int size() {
        return monitors.size();
    }

    /** Forgets every monitor, before recovery loads them again. */
    public void clear() {
        monitors.clear();
    }
}
