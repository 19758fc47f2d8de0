package dev.vigil.simulation.lockstep;

import dev.vigil.engine.VigilEngine;
import dev.vigil.engine.store.MonitorRepository;
import dev.vigil.model.ModelState;
import dev.vigil.model.Observation;
import dev.vigil.simulation.runtime.SimulatedRuntime;
import java.util.Collection;
import java.util.List;

/**
 * The fast path of {@link ViewComparison}: whether the engine's view equals the model's, told by
 * digests of the same parts ({@link dev.vigil.model.ViewDigest}) without building either view.
 * Equal views always give equal digests, so "different" here only sends the comparison to build
 * and diff both views as before, and that diff decides; "same" skips them. Every part of the
 * view is covered: each monitor's fields and history (its tail in a focused comparison), the
 * registry, the timers, the events, the undelivered events and whether the engine is down.
 * The model computes its digests from the monitors and operations concerned; the engine's timers
 * are summed by the runtime as they come and go; the store and the registry are read as the
 * view would read them, only for the monitors the event touched.
 */
final class DigestComparison {
    private final int historyTail;
    private final EngineObserver observer;
    private final EngineDigest engine;

    /** @param historyTail the history records per monitor of a focused comparison ({@link RunLimits#historyTail}) */
    DigestComparison(int historyTail, EngineObserver observer, EngineDigest engine) {
        this.historyTail = historyTail;
        this.observer = observer;
        this.engine = engine;
    }

    /**
     * Whether the whole views would be equal.
     *
     * @param observed the open engine, or null while it is down
     */
    boolean sameWhole(ModelState model, MonitorRepository repository, VigilEngine observed, SimulatedRuntime runtime) {
        engine.reset();
        return model.crashed() == (observed == null)
                && model.allMonitorsDigest() == engine.allMonitors(repository, observed)
                && model.registryDigest() == EngineDigest.registry(observed)
                && model.timersDigest(null) == EngineDigest.timers(observed, runtime, null)
                && EngineDigest.sameEvents(model.emitted(), observer.eventsSince(0))
                && EngineDigest.sameEvents(model.outbox(), engine.pending(observed))
                && !engine.unreadable();
    }

    /**
     * Whether the focused views on {@code touched} would be equal.
     *
     * @param newModelEvents  the model's compared events since the last comparison
     * @param newEngineEvents the engine's events since the last comparison
     */
    boolean sameFocused(ModelState model, MonitorRepository repository, VigilEngine observed, SimulatedRuntime runtime,
            Collection<String> touched, List<Observation> newModelEvents, List<Observation> newEngineEvents) {
        engine.reset();
        if (model.crashed() != (observed == null)) {
            return false;
        }
        for (String id : touched) {
            if (model.monitorDigest(id, historyTail) != engine.monitor(repository, observed, id, historyTail)) {
                return false;
            }
        }
        return model.registryDigest() == EngineDigest.registry(observed)
                && model.timersDigest(touched) == EngineDigest.timers(observed, runtime, touched)
                && EngineDigest.sameEvents(newModelEvents, newEngineEvents)
                && EngineDigest.sameEvents(model.outbox(), engine.pending(observed))
                && !engine.unreadable();
    }
}
