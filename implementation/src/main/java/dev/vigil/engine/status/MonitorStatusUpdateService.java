package dev.vigil.engine.status;

import dev.vigil.engine.CheckRecord;
import dev.vigil.engine.MonitorSnapshot;
import dev.vigil.engine.MonitorStatus;
import dev.vigil.engine.StoreException;
import dev.vigil.engine.event.EngineEvent;
import dev.vigil.engine.event.EventPublisher;
import dev.vigil.engine.operation.MonitorOperationRegistry;
import dev.vigil.engine.operation.Operation;
import dev.vigil.engine.probe.ProbeResult;
import dev.vigil.engine.runtime.EngineClock;
import dev.vigil.engine.store.MonitorRepository;
import java.util.Objects;
import java.util.Optional;

/**
 * SPEC R6: a result is applied only if its operation is ACTIVE in the registry, the monitor
 * exists and lists it, and the monitor is monitoring (or the operation is a manual check). The
 * write is one compare-and-set transaction that re-checks the store's half of those conditions,
 * so a result can never land on a monitor whose stop has committed, whatever the thread order.
 */
public final class MonitorStatusUpdateService implements ResultApplier {
    private static final System.Logger LOG = System.getLogger(MonitorStatusUpdateService.class.getName());

    private final MonitorOperationRegistry registry;
    private final MonitorTable monitors;
    private final MonitorRepository repository;
    private final EventPublisher events;
    private final EngineClock clock;

    /**
     * The production result applier.
     *
     * @param registry   the live operations
     * @param monitors   the in-memory view of committed monitors
     * @param repository the store
     * @param events     where events go
     * @param clock      stamps history records
     */
    public MonitorStatusUpdateService(MonitorOperationRegistry registry, MonitorTable monitors, MonitorRepository repository,
            EventPublisher events, EngineClock clock) {
        this.registry = Objects.requireNonNull(registry, "registry");
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
            events.publish(new EngineEvent.StoreFailed(operation.monitorId(), "apply", failure.getMessage()));
            return new ApplyOutcome.Failed(failure);
        }
        if (!committed) {
            // The in-memory view said yes and the store said no: only possible if something other
            // than this engine wrote the store. Discarding is the safe answer either way.
            return new ApplyOutcome.Discarded("the store's compare-and-set refused it");
        }
        MonitorSnapshot after = before.withApplied(record);
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
        if (!registry.validateOperation(operation.id(), operation.monitorId())) {
            return Optional.of("operation is not ACTIVE in the registry");
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
