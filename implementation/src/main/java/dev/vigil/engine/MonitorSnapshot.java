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

    /**
     * This snapshot after a start or stop: its live operations are gone.
     *
     * @param value     whether it is monitoring now
     * @param newStatus its status now
     * @return the new snapshot
     */
    public MonitorSnapshot withMonitoring(boolean value, MonitorStatus newStatus) {
        return new MonitorSnapshot(id, settings, value, newStatus, lastCheckedAtMs, responseTimeMs, List.of());
    }

    /**
     * This snapshot with other settings.
     *
     * @param value the settings
     * @return the new snapshot
     */
    public MonitorSnapshot withSettings(MonitorSettings value) {
        return new MonitorSnapshot(id, value, monitoring, status, lastCheckedAtMs, responseTimeMs, activeOperations);
    }

    /**
     * This snapshot with another list of live operations.
     *
     * @param value the operation ids
     * @return the new snapshot
     */
    public MonitorSnapshot withActiveOperations(List<String> value) {
        return new MonitorSnapshot(id, settings, monitoring, status, lastCheckedAtMs, responseTimeMs, value);
    }

    /**
     * This snapshot after a check was applied: status kept when paused, the operation unlisted.
     *
     * @param record the applied check
     * @return the new snapshot
     */
    public MonitorSnapshot withApplied(CheckRecord record) {
        List<String> remaining = activeOperations.stream().filter(op -> !op.equals(record.operationId())).toList();
        MonitorStatus newStatus = monitoring ? record.status() : status;
        return new MonitorSnapshot(id, settings, monitoring, newStatus, OptionalLong.of(record.atMs()), record.responseTimeMs(), remaining);
    }
}
