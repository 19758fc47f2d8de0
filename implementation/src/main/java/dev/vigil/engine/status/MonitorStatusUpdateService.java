package dev.vigil.engine.status;

import dev.vigil.engine.CheckRecord;
import dev.vigil.engine.EngineClock;
import dev.vigil.engine.MonitorSnapshot;
import dev.vigil.engine.MonitorStatus;
import dev.vigil.engine.StoreException;
import dev.vigil.engine.StoreTransaction;
import dev.vigil.engine.event.EngineEvent;
import dev.vigil.engine.outbox.EventPublisher;
import dev.vigil.engine.operation.MonitorOperationRegistry;
import dev.vigil.engine.operation.Operation;
import dev.vigil.engine.probe.ProbeResult;
import dev.vigil.engine.store.MonitorRepository;
import java.util.Objects;
import java.util.Optional;

/**
 * SPEC R6: a result is applied only if its operation is ACTIVE (the checker's {@link
 * OperationValidity}: in the registry, or of the current epoch), the monitor exists and lists it,
 * and the monitor is monitoring (or the operation is a manual check). The write is one
 * compare-and-set transaction that re-checks the store's half of those conditions, so a result
 * can never land on a monitor whose stop has committed, whatever the thread order. Both checkers
 * apply through this one path: history record, compare-and-set, in-memory table, events.
 */
public final class MonitorStatusUpdateService implements ResultApplier {
    private static final System.Logger LOG = System.getLogger(MonitorStatusUpdateService.class.getName());

    private final OperationValidity validity;
    private final MonitorTable monitors;
    private final MonitorRepository repository;
    private final EventPublisher events;
    private final EngineClock clock;

    /**
     * The enhanced checker's applier: an operation is ACTIVE while the registry says so.
     *
     * @param registry   the live operations; {@link MonitorOperationRegistry#validateOperation}
     *                   answers whether one is ACTIVE
     * @param monitors   the in-memory view, read for R6's conditions and updated after a commit
     * @param repository the store the apply transaction writes
     * @param events     where {@code CheckCompleted}, {@code StatusChanged} and
     *                   {@code StoreFailed} go
     * @param clock      stamps each history record with the wall time of applying
     */
    public MonitorStatusUpdateService(MonitorOperationRegistry registry, MonitorTable monitors, MonitorRepository repository,
            EventPublisher events, EngineClock clock) {
        this(Objects.requireNonNull(registry, "registry")::validateOperation, monitors, repository, events, clock);
    }

    /**
     * An applier whose operations are ACTIVE while {@code validity} says so.
     *
     * @param validity   the checker's half of R6; the fallback checker passes its epoch test
     * @param monitors   the in-memory view, read for R6's conditions and updated after a commit
     * @param repository the store the apply transaction writes
     * @param events     where {@code CheckCompleted}, {@code StatusChanged} and
     *                   {@code StoreFailed} go
     * @param clock      stamps each history record with the wall time of applying
     */
    public MonitorStatusUpdateService(OperationValidity validity, MonitorTable monitors, MonitorRepository repository,
            EventPublisher events, EngineClock clock) {
        this.validity = Objects.requireNonNull(validity, "validity");
        this.monitors = Objects.requireNonNull(monitors, "monitors");
        this.repository = Objects.requireNonNull(repository, "repository");
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public ApplyOutcome apply(Operation operation, ProbeResult result) {
        Optional<String> refusal = refusal(operation);
        if (refusal.isPresent()) {
            return new ApplyOutcome.Discarded(refusal.get());
        }
        MonitorSnapshot before = monitors.get(operation.monitorId()).orElseThrow();
        CheckRecord record = new CheckRecord(operation.id(), clock.wallTimeMs(),
                result.up() ? MonitorStatus.UP : MonitorStatus.DOWN, result.responseTimeMs(), result.details());
        boolean committed;
        try {
            committed = repository.applyResult(operation.monitorId(), operation.id(), operation.manual(), record);
        } catch (StoreException failure) {
            LOG.log(System.Logger.Level.WARNING, "applying " + operation.id() + " to " + operation.monitorId() + " failed", failure);
            events.publish(new EngineEvent.StoreFailed(operation.monitorId(), StoreTransaction.APPLY, failure.getMessage()));
            return new ApplyOutcome.Failed(failure);
        }
        if (!committed) {
            // The in-memory view said yes and the store said no: only possible if something other
            // than this engine wrote the store. Discarding is the safe answer either way.
            return new ApplyOutcome.Discarded("the store's compare-and-set refused it");
        }
        MonitorSnapshot after = SnapshotChanges.applied(before, record);
        monitors.put(after);
        events.publish(new EngineEvent.CheckCompleted(operation.monitorId(), operation.id(), record.status(),
                record.responseTimeMs(), record.details(), operation.manual()));
        if (after.status() != before.status()) {
            events.publish(new EngineEvent.StatusChanged(operation.monitorId(), before.status(), after.status()));
        }
        return new ApplyOutcome.Applied(record);
    }

    /** Which condition of SPEC R6 fails, if any: checked in memory before the transaction. */
    private Optional<String> refusal(Operation operation) {
        if (!validity.isActive(operation.id(), operation.monitorId())) {
            return Optional.of("operation is not ACTIVE");
        }
        Optional<MonitorSnapshot> monitor = monitors.get(operation.monitorId());
        if (monitor.isEmpty()) {
            return Optional.of("monitor was removed");
        }
        if (!monitor.get().activeOperations().contains(operation.id())) {
            return Optional.of("monitor does not list the operation");
        }
        if (!monitor.get().monitoring() && !operation.manual()) {
            return Optional.of("monitor is paused");
        }
        return Optional.empty();
    }
}
