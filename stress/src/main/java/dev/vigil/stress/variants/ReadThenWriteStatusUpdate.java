package dev.vigil.stress.variants;

import dev.vigil.engine.CheckRecord;
import dev.vigil.engine.MonitorSnapshot;
import dev.vigil.engine.MonitorStatus;
import dev.vigil.engine.operation.MonitorOperationRegistry;
import dev.vigil.engine.operation.Operation;
import dev.vigil.engine.status.MonitorTable;
import dev.vigil.engine.status.SnapshotChanges;
import dev.vigil.stress.support.StressMonitors;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * NEGATIVE CONTROL, deliberately broken: a monitor's stop and its result application done as
 * read-then-write on the engine's real {@link MonitorTable} and {@link MonitorOperationRegistry}
 * without the monitor's lane and without a compare-and-set. It is the seed document's race: the
 * result reads "monitoring, operation listed", a stop commits, and the result then writes the row
 * it read, with its new status: a paused monitor comes back monitoring and UP. The engine avoids
 * it twice over (the lane serializes a monitor's changes; the store's apply is one compare-and-set
 * transaction); this class has neither, and the Lincheck and jcstress tests must catch it.
 */
public final class ReadThenWriteStatusUpdate {
    public static final String MONITOR_ID = "m";

    private static final AtomicLong INSTANCES = new AtomicLong();

    private final MonitorOperationRegistry registry;
    private final MonitorTable monitors = new MonitorTable();
    private final Operation operation;

    /** A monitoring monitor with one ACTIVE operation, listed: a probe is out. */
    public ReadThenWriteStatusUpdate() {
        long instance = INSTANCES.incrementAndGet();
        registry = new MonitorOperationRegistry(() -> "op-" + instance);
        operation = registry.initiateCheck(MONITOR_ID, 0, 60_000, false);
        monitors.put(new MonitorSnapshot(MONITOR_ID, StressMonitors.SETTINGS, true, MonitorStatus.PENDING, OptionalLong.empty(), 0,
                List.of(operation.id())));
    }

    /** SPEC R3, as read-then-write: returns whether monitoring stopped. */
    public boolean stop() {
        MonitorSnapshot before = monitors.get(MONITOR_ID).orElseThrow();
        if (!before.monitoring()) {
            return false;
        }
        monitors.put(SnapshotChanges.monitoring(before, false, MonitorStatus.PAUSED));
        registry.cancelOperations(MONITOR_ID);
        return true;
    }

    /** SPEC R6 for an UP result of the operation, as read-then-write: returns whether it was applied. */
    public boolean applyUp() {
        if (!registry.validateOperation(operation.id(), MONITOR_ID)) {
            return false;
        }
        MonitorSnapshot before = monitors.get(MONITOR_ID).orElseThrow(); // read …
        if (!before.monitoring() || !before.activeOperations().contains(operation.id())) {
            return false;
        }
        CheckRecord record = new CheckRecord(operation.id(), 1L, MonitorStatus.UP, 5, "HTTP 200");
        monitors.put(SnapshotChanges.applied(before, record)); // … then write what was read, whatever committed meanwhile
        registry.completeOperation(operation.id());
        return true;
    }

    public MonitorSnapshot read() {
        return monitors.get(MONITOR_ID).orElseThrow();
    }
}
