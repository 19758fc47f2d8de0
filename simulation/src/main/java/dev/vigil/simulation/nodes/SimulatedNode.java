package dev.vigil.simulation.nodes;

import dev.vigil.engine.MonitorSettings;
import dev.vigil.engine.VigilEngine;
import dev.vigil.engine.assembly.EngineAssembly;
import dev.vigil.engine.event.EngineEvent;
import dev.vigil.simulation.runtime.PendingAttempt;
import dev.vigil.simulation.runtime.SimulatedRuntime;
import dev.vigil.simulation.store.SimulatedStore;
import dev.vigil.simulation.variant.NodeVariant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** One engine node of a multi-node run: its runtime, its engine, and what the runner saw of it so far. */
final class SimulatedNode {
    /** {@link #wakesAtMs} of a node that crashed: it never wakes. */
    static final long CRASHED = Long.MAX_VALUE;
    /** {@link #wakesAtMs} of a node that runs. */
    static final long RUNNING = -1;

    final String id;
    final long clockSkewMs;
    final SimulatedRuntime runtime;
    final VigilEngine engine;
    final List<EngineEvent> events = new CopyOnWriteArrayList<>();
    final Set<String> attemptsSeen = new HashSet<>();
    /** Paused until then (virtual monotonic ms); {@link #RUNNING} or {@link #CRASHED}. */
    long wakesAtMs = RUNNING;
    /** Cut off from the store until then (virtual monotonic ms): it runs and probes, its transactions fail. */
    long cutOffUntilMs;
    /** Whether its engine was closed gracefully: it never runs again ({@link #wakesAtMs} is {@link #CRASHED}), and its callers have failed. */
    boolean closed;
    int eventsSeen;

    SimulatedNode(String id, long clockSkewMs, SimulatedRuntime runtime, SimulatedStore store, NodeVariant variant) {
        this.id = id;
        this.clockSkewMs = clockSkewMs;
        this.runtime = runtime;
        VigilEngine.Builder builder = EngineAssembly.builder(store.repository()).runtime(new SkewedClockRuntime(runtime, clockSkewMs))
                .multiNode(true).nodeId(id).leaseMs(NodeRunner.LEASE_MS).intervalMsMin(MonitorSettings.INTERVAL_MS_FLOOR)
                .listener(events::add).closeWaitMs(0);
        this.engine = EngineAssembly.nodeParts(builder, variant.parts()).build();
    }

    boolean running(long nowMs) {
        return wakesAtMs != CRASHED && (wakesAtMs == RUNNING || nowMs >= wakesAtMs);
    }

    boolean cutOff(long nowMs) {
        return nowMs < cutOffUntilMs;
    }

    boolean crashed() {
        return wakesAtMs == CRASHED;
    }

    List<PendingAttempt> openAttempts() {
        return runtime.pendingAttempts().stream().filter(attempt -> !attempt.abandoned() && !attempt.future().isDone()).toList();
    }
}
