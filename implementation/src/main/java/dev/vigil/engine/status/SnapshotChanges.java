package dev.vigil.engine.status;

import dev.vigil.engine.CheckRecord;
import dev.vigil.engine.MonitorSettings;
import dev.vigil.engine.MonitorSnapshot;
import dev.vigil.engine.MonitorStatus;
import java.util.List;
import java.util.OptionalLong;

/**
 * How each committed transaction changes a monitor's snapshot in memory ({@link MonitorTable}),
 * written once: the same change the repository made to the row. Internal: the public {@link
 * MonitorSnapshot} is a read-only value that applications never need to derive.
 */
public final class SnapshotChanges {
    private SnapshotChanges() {
    }

    /**
     * After a start or stop (SPEC R2, R3): its live operations are gone, the transaction cleared them.
     *
     * @param monitor    the snapshot before
     * @param monitoring whether it is monitoring now
     * @param status     its status now
     * @return the snapshot after
     */
    public static MonitorSnapshot monitoring(MonitorSnapshot monitor, boolean monitoring, MonitorStatus status) {
        return new MonitorSnapshot(monitor.id(), monitor.settings(), monitoring, status, monitor.lastCheckedAtMs(),
                monitor.responseTimeMs(), List.of());
    }

    /**
     * After an update (SPEC R9): new settings and the operation ids still live.
     *
     * @param monitor      the snapshot before
     * @param settings     its new settings
     * @param operationIds the ids persisted with them
     * @return the snapshot after
     */
    public static MonitorSnapshot updated(MonitorSnapshot monitor, MonitorSettings settings, List<String> operationIds) {
        return new MonitorSnapshot(monitor.id(), settings, monitor.monitoring(), monitor.status(), monitor.lastCheckedAtMs(),
                monitor.responseTimeMs(), operationIds);
    }

    /**
     * After an operation was listed or unlisted (SPEC R4, R6), or after recovery cleared every list (R13).
     *
     * @param monitor      the snapshot before
     * @param operationIds the ids persisted now
     * @return the snapshot after
     */
    public static MonitorSnapshot operations(MonitorSnapshot monitor, List<String> operationIds) {
        return updated(monitor, monitor.settings(), operationIds);
    }

    /**
     * After a result was applied (SPEC R6, R8): its status, unless paused; its time and response
     * time; its operation unlisted.
     *
     * @param monitor the snapshot before
     * @param record  the applied check
     * @return the snapshot after
     */
    public static MonitorSnapshot applied(MonitorSnapshot monitor, CheckRecord record) {
        List<String> remaining = monitor.activeOperations().stream().filter(id -> !id.equals(record.operationId())).toList();
        MonitorStatus status = monitor.monitoring() ? record.status() : monitor.status();
        return new MonitorSnapshot(monitor.id(), monitor.settings(), monitor.monitoring(), status, OptionalLong.of(record.atMs()),
                record.responseTimeMs(), remaining);
    }
}
