package dev.vigil.simulation.lockstep;

import dev.vigil.engine.CheckRecord;
import dev.vigil.engine.MonitorSnapshot;
import dev.vigil.engine.StoreTransaction;
import dev.vigil.engine.VigilEngine;
import dev.vigil.engine.event.EngineEvent;
import dev.vigil.engine.spi.LiveOperation;
import dev.vigil.engine.store.MonitorRepository;
import dev.vigil.model.CommandResult;
import dev.vigil.model.HistoryEntry;
import dev.vigil.model.MonitorView;
import dev.vigil.model.ObservableView;
import dev.vigil.model.Observation;
import dev.vigil.model.OperationState;
import dev.vigil.model.Status;
import dev.vigil.model.TimerView;
import dev.vigil.model.Transaction;
import dev.vigil.simulation.runtime.SimulatedRuntime;
import dev.vigil.simulation.runtime.SimulatedTimer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the engine's observable state (SPEC §5) back through its public API and the store, and
 * expresses it in the model's terms: operation ids become the model's numbers in order of issue,
 * engine types become model types. Reading back, not trusting what the engine said it wrote, is
 * the second half of every paired assertion.
 */
final class EngineObserver {
    private final SimulatedRuntime.IdGenerator ids;
    private final List<Observation> events = new ArrayList<>();

    EngineObserver(SimulatedRuntime.IdGenerator ids) {
        this.ids = ids;
    }

    /** The listener to register on every engine incarnation, first: it records what listeners are delivered. */
    void onEvent(EngineEvent event) {
        observation(event).ifPresent(events::add);
    }

    /** An engine event in the model's terms, if it is one the contract compares (SEMANTICS "Events compared"). */
    Optional<Observation> observation(EngineEvent event) {
        return switch (event) {
            case EngineEvent.MonitoringStarted started -> Optional.of(new Observation.MonitoringStarted(started.monitorId()));
            case EngineEvent.MonitoringStopped stopped -> Optional.of(new Observation.MonitoringStopped(stopped.monitorId()));
            case EngineEvent.StatusChanged changed ->
                    Optional.of(new Observation.StatusChanged(changed.monitorId(), status(changed.previous()), status(changed.next())));
            case EngineEvent.CheckCompleted completed -> Optional.of(
                    new Observation.CheckCompleted(completed.monitorId(), ids.numberOf(completed.operationId()), status(completed.result())));
            case EngineEvent.StoreFailed failed -> Optional.of(new Observation.StoreFailed(transaction(failed.transaction()),
                    failed.monitorId().isEmpty() ? Optional.empty() : Optional.of(failed.monitorId())));
            // Diagnostics, not part of the compared contract (docs/SEMANTICS.md).
            case EngineEvent.CheckDiscarded discarded -> Optional.empty();
            case EngineEvent.FallbackActivated fallback -> Optional.empty();
            // The lockstep runs without the store lease (the model has no nodes): never published here.
            case EngineEvent.StoreLeaseLost lost -> Optional.empty();
        };
    }

    /** What add and update returned, in the model's terms. */
    CommandResult snapshot(MonitorSnapshot monitor) {
        return new CommandResult.Snapshot(monitor.id(), monitor.monitoring(), status(monitor.status()),
                monitor.activeOperations().stream().map(ids::numberOf).toList(), lastCheckedAt(monitor), monitor.responseTimeMs());
    }

    int eventCount() {
        return events.size();
    }

    /** The engine's whole view; {@code engine} and {@code runtime} are null while it is crashed. */
    ObservableView view(MonitorRepository repository, VigilEngine engine, SimulatedRuntime runtime) {
        List<MonitorView> monitors = new ArrayList<>();
        for (MonitorSnapshot monitor : repository.findAll()) {
            monitors.add(monitorView(monitor, repository.history(monitor.id()), engine));
        }
        return new ObservableView(monitors, registry(engine), timers(engine, runtime), events, pending(engine), engine == null);
    }

    /**
     * A focused view: only {@code monitorIds}, each with its last {@code historyTail} history
     * records, their timers, and only the events emitted from index {@code eventsFrom} on. The
     * registry is whole: it is in memory and small. (Timers are not: a hundred monitors' ticks,
     * built and sorted after every event, were a fifth of a day-long run.)
     */
    ObservableView focusedView(MonitorRepository repository, VigilEngine engine, SimulatedRuntime runtime,
            Collection<String> monitorIds, int historyTail, int eventsFrom) {
        List<MonitorView> monitors = new ArrayList<>();
        for (String monitorId : monitorIds) {
            repository.find(monitorId).ifPresent(monitor ->
                    monitors.add(monitorView(monitor, repository.historyTail(monitorId, historyTail), engine)));
        }
        return new ObservableView(monitors, registry(engine), timers(engine, runtime, monitorIds), events.subList(eventsFrom, events.size()),
                pending(engine), engine == null);
    }

    /** History labels are wall time, engine and model alike: the virtual wall clock starts at 0 and the model follows its jumps. */
    private MonitorView monitorView(MonitorSnapshot monitor, List<CheckRecord> records, VigilEngine engine) {
        List<HistoryEntry> history = new ArrayList<>(records.size());
        for (CheckRecord record : records) {
            history.add(new HistoryEntry(ids.numberOf(record.operationId()), record.atMs(), status(record.status()), record.responseTimeMs(),
                    record.details()));
        }
        return new MonitorView(monitor.id(), monitor.monitoring(), status(monitor.status()),
                monitor.activeOperations().stream().map(ids::numberOf).toList(), lastCheckedAt(monitor), monitor.responseTimeMs(),
                engine == null ? Optional.empty() : engine.diagnostics().waitingRequest(monitor.id()), history);
    }

    private static Optional<Long> lastCheckedAt(MonitorSnapshot monitor) {
        return monitor.lastCheckedAtMs().isPresent() ? Optional.of(monitor.lastCheckedAtMs().getAsLong()) : Optional.empty();
    }

    /** The compared events the engine committed and has not delivered yet. */
    private List<Observation> pending(VigilEngine engine) {
        if (engine == null) {
            return List.of();
        }
        List<Observation> pending = new ArrayList<>();
        for (EngineEvent event : engine.diagnostics().pendingEvents()) {
            observation(event).ifPresent(pending::add);
        }
        return pending;
    }

    private Map<Integer, OperationState> registry(VigilEngine engine) {
        Map<Integer, OperationState> registry = new LinkedHashMap<>();
        if (engine != null) {
            for (LiveOperation operation : engine.diagnostics().liveOperations()) {
                registry.put(ids.numberOf(operation.id()), operation.cancelled() ? OperationState.CANCELLED : OperationState.ACTIVE);
            }
        }
        return registry;
    }

    private static List<TimerView> timers(VigilEngine engine, SimulatedRuntime runtime) {
        return timers(engine, runtime, null);
    }

    /** The pending timers in queue order, of {@code monitorIds} only unless it is null. */
    private static List<TimerView> timers(VigilEngine engine, SimulatedRuntime runtime, Collection<String> monitorIds) {
        List<TimerView> timers = new ArrayList<>();
        if (engine != null) {
            for (SimulatedTimer timer : runtime.pendingTimers(monitorIds)) {
                timers.add(new TimerView(TimerEvents.modelKind(timer.kind()), timer.monitorId(), timer.dueAtMs()));
            }
        }
        return timers;
    }

    /** The compared events emitted since index {@code from}, and the monitors they name. */
    List<Observation> eventsSince(int from) {
        return events.subList(from, events.size());
    }

    private static Status status(dev.vigil.engine.MonitorStatus status) {
        return Status.valueOf(status.name());
    }

    /**
     * The one mapping between the engine's transactions and the model's. Opening and migrating
     * happen before the engine is built, and the lockstep runs without the engine lease and
     * without nodes, so no StoreFailed event can name them.
     */
    static Transaction transaction(StoreTransaction transaction) {
        return switch (transaction) {
            case INSERT -> Transaction.INSERT;
            case UPDATE_SETTINGS -> Transaction.UPDATE_SETTINGS;
            case DELETE -> Transaction.DELETE;
            case START -> Transaction.START;
            case STOP -> Transaction.STOP;
            case BEGIN_OPERATION -> Transaction.BEGIN;
            case APPLY -> Transaction.APPLY;
            case UNLIST -> Transaction.UNLIST;
            case RECOVER -> Transaction.RECOVER;
            case PRUNE_HISTORY -> Transaction.PRUNE_HISTORY;
            case OPEN, MIGRATE, CLAIM_LEASE, RENEW_LEASE, RELEASE_LEASE, READ_LEASE, RENEW_NODE_LEASES, LEAVE_NODE,
                    REQUEST_CHECK -> throw new IllegalStateException("the engine reported a failed " + transaction.label()
                    + " in a simulation: the model has no such transaction");
        };
    }
}
