package dev.vigil.engine.check;

import dev.vigil.engine.MonitorSnapshot;
import dev.vigil.engine.StoreException;
import dev.vigil.engine.StoreTransaction;
import dev.vigil.engine.event.EngineEvent;
import dev.vigil.engine.outbox.EventPublisher;
import dev.vigil.engine.status.ApplyOutcome;
import dev.vigil.engine.status.MonitorTable;
import dev.vigil.engine.status.SnapshotChanges;
import dev.vigil.engine.store.MonitorRepository;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The store transactions around an operation other than applying it (docs/SEMANTICS.md): begin
 * lists it in its monitor's {@code activeOperations}, unlist removes it when it leaves unapplied.
 * Both checkers run their operations through these, so the rules for when each is written, and
 * what a failure leaves behind (SPEC R12, I4), live in one place. Called with the monitor's lane
 * held.
 */
final class OperationListing {
    private static final System.Logger LOG = System.getLogger(OperationListing.class.getName());

    private final MonitorRepository repository;
    private final MonitorTable monitors;
    private final EventPublisher events;

    OperationListing(MonitorRepository repository, MonitorTable monitors, EventPublisher events) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.monitors = Objects.requireNonNull(monitors, "monitors");
        this.events = Objects.requireNonNull(events, "events");
    }

    /**
     * The begin transaction: {@code activeOperations=[operationId]}, replacing any stale id.
     *
     * @return the failure, if it failed (reported); the caller removes the operation as if discarded (R12)
     */
    Optional<StoreException> begin(MonitorSnapshot monitor, String operationId) {
        try {
            repository.setActiveOperations(monitor.id(), List.of(operationId));
        } catch (StoreException failure) {
            reportFailure(monitor.id(), StoreTransaction.BEGIN_OPERATION, failure);
            return Optional.of(failure);
        }
        monitors.put(SnapshotChanges.operations(monitor, List.of(operationId)));
        return Optional.empty();
    }

    /**
     * An operation left unapplied: the diagnostic event, then the unlist transaction, only if the
     * in-memory view lists it. A failed unlist leaves the id listed, stale (I4), and is reported.
     */
    void discarded(String monitorId, String operationId, String reason) {
        events.publish(new EngineEvent.CheckDiscarded(monitorId, operationId, reason));
        Optional<MonitorSnapshot> monitor = monitors.get(monitorId);
        if (monitor.isEmpty() || !monitor.get().activeOperations().contains(operationId)) {
            return;
        }
        try {
            repository.removeActiveOperation(monitorId, operationId);
        } catch (StoreException failure) {
            reportFailure(monitorId, StoreTransaction.UNLIST, failure);
            return;
        }
        List<String> remaining = monitor.get().activeOperations().stream().filter(id -> !id.equals(operationId)).toList();
        monitors.put(SnapshotChanges.operations(monitor.get(), remaining));
    }

    /**
     * After the applier's verdict (SPEC R6): a discarded operation is unlisted; an applied one
     * left the list in its own transaction, and after a failed one nothing more is written, so its
     * id stays listed, stale (docs/SEMANTICS.md).
     */
    void settled(String monitorId, String operationId, ApplyOutcome outcome) {
        if (outcome instanceof ApplyOutcome.Discarded discarded) {
            discarded(monitorId, operationId, discarded.reason());
        }
    }

    /** Every failed transaction is reported, never swallowed (SPEC R12): a log line and a {@code StoreFailed} event. */
    void reportFailure(String monitorId, StoreTransaction transaction, StoreException failure) {
        LOG.log(System.Logger.Level.WARNING, transaction.label() + " of monitor " + monitorId + " failed", failure);
        events.publish(new EngineEvent.StoreFailed(monitorId, transaction, failure.getMessage()));
    }
}
