package dev.vigil.simulation.lockstep;

import dev.vigil.engine.CheckRecord;
import dev.vigil.engine.MonitorSnapshot;
import dev.vigil.engine.VigilEngine;
import dev.vigil.engine.event.EngineEvent;
import dev.vigil.engine.operation.Operation;
import dev.vigil.engine.store.MonitorRepository;
import dev.vigil.model.HistoryEntry;
import dev.vigil.model.MonitorView;
import dev.vigil.model.ObservableView;
import dev.vigil.model.Observation;
import dev.vigil.model.OperationState;
import dev.vigil.model.Status;
import dev.vigil.model.TimerKind;
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

    /** The listener to register on every engine incarnation. */
    void onEvent(EngineEvent event) {
        switch (event) {
            case EngineEvent.MonitoringStarted started -> events.add(new Observation.MonitoringStarted(started.monitorId()));
            case EngineEvent.MonitoringStopped stopped -> events.add(new Observation.MonitoringStopped(stopped.monitorId()));
            case EngineEvent.StatusChanged changed ->
                    events.add(new Observation.StatusChanged(changed.monitorId(), status(changed.previous()), status(changed.next())));
            case EngineEvent.CheckCompleted completed ->
                    events.add(new Observation.CheckCompleted(completed.monitorId(), ids.numberOf(completed.operationId()), status(completed.result())));
            case EngineEvent.StoreFailed failed -> events.add(new Observation.StoreFailed(transaction(failed.transaction()),
                    failed.monitorId().isEmpty() ? Optional.empty() : Optional.of(failed.monitorId())));
            case EngineEvent.CheckDiscarded discarded -> {
                // A diagnostic, not part of the compared contract (docs/SEMANTICS.md).
            }
            case EngineEvent.FallbackActivated fallback -> {
                // Diagnostic; a simulated engine that falls back differs from the model anyway.
            }
        }
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
        return new ObservableView(monitors, registry(engine), timers(engine, runtime), events, engine == null);
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
                engine == null);
    }

    /** History labels are wall time, engine and model alike: the virtual wall clock starts at 0 and the model follows its jumps. */
    private MonitorView monitorView(MonitorSnapshot monitor, List<CheckRecord> records, VigilEngine engine) {
        List<HistoryEntry> history = new ArrayList<>(records.size());
        for (CheckRecord record : records) {
            history.add(new HistoryEntry(ids.numberOf(record.operationId()), record.atMs(), status(record.status())));
        }
        return new MonitorView(monitor.id(), monitor.monitoring(), status(monitor.status()),
                monitor.activeOperations().stream().map(ids::numberOf).toList(),
                engine == null ? Optional.empty() : engine.waitingRequest(monitor.id()), history);
    }

    private Map<Integer, OperationState> registry(VigilEngine engine) {
        Map<Integer, OperationState> registry = new LinkedHashMap<>();
        if (engine != null) {
            for (Operation operation : engine.liveOperations()) {
                registry.put(ids.numberOf(operation.id()), OperationState.valueOf(operation.state().name()));
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
                timers.add(new TimerView(TimerKind.valueOf(timer.kind().name()), timer.monitorId(), timer.dueAtMs()));
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

    /** The engine names its transactions in StoreFailed events; the model has them as an enum. */
    static Transaction transaction(String name) {
        return switch (name) {
            case "insert" -> Transaction.INSERT;
            case "update settings" -> Transaction.UPDATE_SETTINGS;
            case "delete" -> Transaction.DELETE;
            case "start" -> Transaction.START;
            case "stop" -> Transaction.STOP;
            case "begin operation" -> Transaction.BEGIN;
            case "apply" -> Transaction.APPLY;
            case "unlist operation" -> Transaction.UNLIST;
            case "recover" -> Transaction.RECOVER;
            default -> throw new IllegalStateException("the engine reported a failed transaction the model does not know: '" + name + "'");
        };
    }
}
