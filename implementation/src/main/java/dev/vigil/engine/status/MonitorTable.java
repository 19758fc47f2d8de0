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

    public Optional<MonitorSnapshot> get(String monitorId) {
        return Optional.ofNullable(monitors.get(monitorId));
    }

    /** Records a committed state of the monitor. */
    public void put(MonitorSnapshot monitor) {
        monitors.put(monitor.id(), monitor);
    }

    public void remove(String monitorId) {
        monitors.remove(monitorId);
    }

    public boolean contains(String monitorId) {
        return monitors.containsKey(monitorId);
    }

    /** Every monitor id in ascending order: the order of startAll, stopAll and recovery (SPEC R11, R13). */
    public List<String> idsAscending() {
        return monitors.keySet().stream().sorted().toList();
    }

    public int size() {
        return monitors.size();
    }

    public void clear() {
        monitors.clear();
    }
}
