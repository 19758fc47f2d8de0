package dev.vigil.simulation.lockstep;

import dev.vigil.engine.CheckRecord;
import dev.vigil.engine.MonitorSnapshot;
import dev.vigil.engine.VigilEngine;
import dev.vigil.engine.event.EngineEvent;
import dev.vigil.engine.spi.LiveOperation;
import dev.vigil.engine.store.MonitorRepository;
import dev.vigil.model.Observation;
import dev.vigil.model.OperationState;
import dev.vigil.model.Status;
import dev.vigil.model.ViewDigest;
import dev.vigil.simulation.runtime.SimulatedRuntime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The engine's side of a digest comparison: the {@link ViewDigest}s of the parts of the
 * {@link dev.vigil.model.ObservableView} {@link EngineObserver} would build, read through the same store, diagnostics and runtime, fed
 * the same fields in the model's terms. Where the view would fail to read (an operation id never
 * issued, a missing field), the digest does not throw: it marks itself {@link #unreadable()}, and
 * the comparison then builds the view, which fails exactly as it always did.
 */
final class EngineDigest {
    private static final Status[] STATUS_OF_ENGINE = statusTable();

    private final SimulatedRuntime.IdGenerator ids;
    private final EngineObserver observer;
    private boolean unreadable;

    EngineDigest(SimulatedRuntime.IdGenerator ids, EngineObserver observer) {
        this.ids = ids;
        this.observer = observer;
    }

    /** Forgets an earlier unreadable read: call before the reads of one comparison. */
    void reset() {
        unreadable = false;
    }

    /** Whether a read since {@link #reset} met something the view cannot express: build the view to say what. */
    boolean unreadable() {
        return unreadable;
    }

    /**
     * The digest of monitor {@code id}'s view with its last {@code historyTail} records (all of
     * them when {@code historyTail} is {@link Integer#MAX_VALUE}), {@link ViewDigest#ABSENT} if the
     * store has no such monitor.
     *
     * @param engine the open engine (its waiting requests), or null
     */
    long monitor(MonitorRepository repository, VigilEngine engine, String id, int historyTail) {
        Optional<MonitorSnapshot> found = repository.find(id);
        if (found.isEmpty()) {
            return ViewDigest.ABSENT;
        }
        return monitor(found.get(), historyTail == Integer.MAX_VALUE ? repository.history(id) : repository.historyTail(id, historyTail),
                engine);
    }

    /** The sum of every stored monitor's digest with its whole history: the monitors of a whole view. */
    long allMonitors(MonitorRepository repository, VigilEngine engine) {
        long sum = 0;
        for (MonitorSnapshot monitor : repository.findAll()) {
            sum += monitor(monitor, repository.history(monitor.id()), engine);
        }
        return sum;
    }

    private long monitor(MonitorSnapshot monitor, List<CheckRecord> records, VigilEngine engine) {
        ViewDigest digest = ViewDigest.monitor(monitor.id(), monitor.monitoring(), status(monitor.status()))
                .add(monitor.activeOperations().size());
        for (String operationId : monitor.activeOperations()) {
            digest.add(number(operationId));
        }
        Optional<Boolean> waiting = engine == null ? Optional.empty() : engine.diagnostics().waitingRequest(monitor.id());
        digest.addOptional(monitor.lastCheckedAtMs().isPresent(), monitor.lastCheckedAtMs().orElse(0))
                .add(monitor.responseTimeMs())
                .add(waiting.isEmpty() ? 0L : waiting.get() ? 1L : 2L)
                .add(records.size());
        for (CheckRecord record : records) {
            if (record.status() == null || record.details() == null) {
                unreadable = true;
                continue;
            }
            digest.addHistoryEntry(number(record.operationId()), record.atMs(), status(record.status()), record.responseTimeMs(),
                    record.details());
        }
        return digest.value();
    }

    /**
     * The digest of the registry: the engine's own sum over its live operations
     * ({@link dev.vigil.engine.spi.EngineDiagnostics#liveOperationsDigest}), kept as its registry
     * changes; 0 (empty) while it is down. The model keeps the same sum with {@link #operation}.
     */
    static long registry(VigilEngine engine) {
        return engine == null ? 0 : engine.diagnostics().liveOperationsDigest();
    }

    /**
     * The model's operation {@code number} in {@code state} as the engine digests a live
     * operation: the id generator digests the id it issued with that number by the number
     * ({@link SimulatedRuntime.IdGenerator#digestOf}), so the model, which knows only numbers,
     * sums the same terms, and a term for an id never issued (digested by its characters)
     * matches none of them.
     */
    static long operation(int number, OperationState state) {
        return LiveOperation.digest(SimulatedRuntime.IdGenerator.digestOfNumber(number), state == OperationState.CANCELLED);
    }

    /** The digest of the pending timers of {@code monitorIds} (all when null); none while the engine is down. */
    static long timers(VigilEngine engine, SimulatedRuntime runtime, Collection<String> monitorIds) {
        return engine == null ? 0 : runtime.pendingTimersDigest(monitorIds);
    }

    /** One timer's digest, in the model's terms: what the runtime sums as its timers come and go. */
    static long timer(dev.vigil.simulation.runtime.SimulatedTimer timer) {
        if (timer.kind() == dev.vigil.engine.spi.TimerKind.LEASE_RENEWAL) {
            // The model has no such timer: a digest no model timer has, so that the view is built and says so.
            return ViewDigest.start(-1).add(timer.monitorId()).add(timer.dueAtMs()).value();
        }
        return ViewDigest.ofTimer(TimerEvents.modelKind(timer.kind()), timer.monitorId(), timer.dueAtMs());
    }

    /**
     * The compared events the open engine committed and has not delivered, as the view lists
     * them; an event that names an operation never issued makes the digest unreadable.
     */
    List<Observation> pending(VigilEngine engine) {
        if (engine == null) {
            return List.of();
        }
        List<EngineEvent> events = engine.diagnostics().pendingEvents();
        if (events.isEmpty()) {
            return List.of();
        }
        List<Observation> pending = new ArrayList<>(events.size());
        for (EngineEvent event : events) {
            try {
                observer.observation(event).filter(Observation::compared).ifPresent(pending::add);
            } catch (RuntimeException inexpressible) {
                unreadable = true; // an id never issued, a transaction the model lacks: the view says which
            }
        }
        return pending;
    }

    /**
     * Whether two event sequences are equal as the view compares them: only the
     * {@link Observation#compared() compared} events, in order.
     */
    static boolean sameEvents(Iterable<Observation> expected, List<Observation> actual) {
        int next = 0;
        for (Observation observation : expected) {
            if (!observation.compared()) {
                continue;
            }
            while (next < actual.size() && !actual.get(next).compared()) {
                next++;
            }
            if (next == actual.size() || !observation.equals(actual.get(next))) {
                return false;
            }
            next++;
        }
        while (next < actual.size()) {
            if (actual.get(next).compared()) {
                return false;
            }
            next++;
        }
        return true;
    }

    private int number(String operationId) {
        int number = ids.numberIfIssued(operationId);
        if (number == 0) {
            unreadable = true;
        }
        return number;
    }

    private Status status(dev.vigil.engine.MonitorStatus status) {
        Status mapped = STATUS_OF_ENGINE[status.ordinal()];
        if (mapped == null) {
            unreadable = true;
            return Status.PAUSED;
        }
        return mapped;
    }

    /** The model's status of each engine status, by the engine's ordinal: the view maps them by name. */
    private static Status[] statusTable() {
        dev.vigil.engine.MonitorStatus[] engine = dev.vigil.engine.MonitorStatus.values();
        Status[] table = new Status[engine.length];
        for (dev.vigil.engine.MonitorStatus status : engine) {
            for (Status model : Status.values()) {
                if (model.name().equals(status.name())) {
                    table[status.ordinal()] = model;
                }
            }
        }
        return table;
    }
}
