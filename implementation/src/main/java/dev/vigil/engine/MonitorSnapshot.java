package dev.vigil.engine;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A monitor as last committed to the store: what {@code VigilEngine#monitor(String)} returns.
 * A snapshot is immutable; ask again for a newer one.
 *
 * @param id               the monitor's stable id
 * @param settings         its validated settings
 * @param monitoring       whether it is being monitored; {@code false} implies {@code status == PAUSED}
 * @param status           its status
 * @param lastCheckedAtMs  when a check was last applied (wall-clock epoch ms), empty if never
 * @param responseTimeMs   the last applied check's response time, 0 if never
 * @param activeOperations ids of its live operations as persisted (at most one)
 */
public record MonitorSnapshot(
        String id,
        MonitorSettings settings,
        boolean monitoring,
        MonitorStatus status,
        OptionalLong lastCheckedAtMs,
        long responseTimeMs,
        List<String> activeOperations) {

    /**
     * Checks that the references are present and copies the operation list.
     *
     * @throws NullPointerException naming a missing field
     */
    public MonitorSnapshot {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(lastCheckedAtMs, "lastCheckedAtMs");
        activeOperations = List.copyOf(activeOperations);
    }
}
