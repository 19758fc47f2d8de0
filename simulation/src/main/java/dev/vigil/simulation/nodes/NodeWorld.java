package dev.vigil.simulation.nodes;

import dev.vigil.engine.MonitorSettings;
import dev.vigil.engine.event.EngineEvent;
import dev.vigil.engine.probe.ProbeResult;
import dev.vigil.engine.store.NodeLeases;
import dev.vigil.simulation.runtime.PendingAttempt;
import dev.vigil.simulation.runtime.SimulatedTimer;
import dev.vigil.simulation.runtime.VirtualClock;
import dev.vigil.simulation.store.SimulatedStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The multi-node engines of one run on their shared store and virtual clock, with what both the
 * random runner and the explorer do to them: fire the earliest due timer, let the faults stop, and
 * hold the store to NI1–NI3 after every step and to NI4 at the end. One node acts at a time; while
 * a node cut off from the store acts, the store refuses its transactions.
 */
final class NodeWorld {
    final VirtualClock clock;
    final SimulatedStore store;
    final List<SimulatedNode> nodes;
    /** Monitor → the virtual time a node last applied a result to it. */
    private final Map<String, Long> lastAppliedAtMs = new HashMap<>();
    private Map<String, NodeLeases.MonitorRow> before;
    int step;

    NodeWorld(VirtualClock clock, SimulatedStore store, List<SimulatedNode> nodes) {
        this.clock = clock;
        this.store = store;
        this.nodes = nodes;
    }

    /** Adds and starts {@code monitorIds} on the first node, and takes the rows as the first "before". */
    void begin(List<String> monitorIds, MonitorSettings settings) {
        for (String monitor : monitorIds) {
            nodes.getFirst().engine.add(monitor, settings);
            nodes.getFirst().engine.start(monitor);
        }
        before = rows();
    }

    /** Runs {@code action} as {@code node}'s: the store refuses it if the node is cut off now. */
    void as(SimulatedNode node, Runnable action) {
        store.unreachable(node.cutOff(clock.monotonicMs()));
        try {
            action.run();
        } finally {
            store.unreachable(false);
        }
    }

    /** Lets every node deliver what its step queued, each as itself. */
    void deliverAll() {
        for (SimulatedNode node : nodes) {
            as(node, node.runtime::deliverAll);
        }
    }

    /**
     * Ends a step: deliveries run, then NI1–NI3 are checked against the rows before it.
     *
     * @return the first broken invariant, if any
     */
    Optional<NodeViolation> endStep() {
        deliverAll();
        Map<String, NodeLeases.MonitorRow> after = rows();
        Optional<NodeViolation> broken = check(before, after);
        before = after;
        return broken;
    }

    /** The rows as the last step left them. */
    Map<String, NodeLeases.MonitorRow> rowsNow() {
        return before;
    }

    /**
     * Fires the earliest due timer among the running nodes (a paused node's timers wait), moving
     * the clock to it; if none is due before a paused node wakes, the clock moves on instead.
     *
     * @param tieGoesToLater asked when two nodes' timers are due at once: whether the later node's fires
     * @return what it did: the timer it fired, or how far the clock moved
     */
    NodeChoice fireEarliest(BooleanSupplier tieGoesToLater) {
        long nowMs = clock.monotonicMs();
        int chosen = -1;
        SimulatedTimer earliest = null;
        for (int i = 0; i < nodes.size(); i++) {
            SimulatedNode node = nodes.get(i);
            if (!node.running(nowMs)) {
                continue;
            }
            SimulatedTimer next = node.runtime.nextTimer().orElse(null);
            if (next != null && (earliest == null || next.dueAtMs() < earliest.dueAtMs()
                    || (next.dueAtMs() == earliest.dueAtMs() && tieGoesToLater.getAsBoolean()))) {
                earliest = next;
                chosen = i;
            }
        }
        long wakeMs = nextWakeMs(nowMs);
        if (earliest == null || earliest.dueAtMs() > wakeMs) {
            long toMs = Math.min(wakeMs, nowMs + NodeRunner.INTERVAL_MS);
            clock.advanceTo(toMs);
            return new NodeChoice.Advance(toMs);
        }
        fire(nodes.get(chosen), earliest);
        return new NodeChoice.Fire(chosen, earliest.kind(), earliest.monitorId(), earliest.describe());
    }

    /** Fires {@code timer} of {@code node}, moving the clock to its due time first. */
    void fire(SimulatedNode node, SimulatedTimer timer) {
        clock.advanceTo(Math.max(clock.monotonicMs(), timer.dueAtMs()));
        as(node, () -> node.runtime.fire(timer));
    }

    /** The earliest time after {@code nowMs} at which a paused node wakes; {@link Long#MAX_VALUE} if none. */
    long nextWakeMs(long nowMs) {
        return nodes.stream().mapToLong(node -> node.wakesAtMs).filter(at -> at > nowMs && at != SimulatedNode.CRASHED).min()
                .orElse(Long.MAX_VALUE);
    }

    /**
     * The faults stop: paused nodes wake, cut-off nodes reach the store, and for the lease and
     * three intervals every open attempt answers UP and the earliest timer fires, each a step
     * checked against NI1–NI3; then every monitoring monitor must have had a result applied after
     * the first interval (NI4).
     *
     * @param tieGoesToLater as for {@link #fireEarliest}
     * @return the first broken invariant, if any
     */
    Optional<NodeViolation> calm(BooleanSupplier tieGoesToLater) {
        long calmFromMs = clock.monotonicMs();
        for (SimulatedNode node : nodes) {
            if (!node.crashed()) {
                node.wakesAtMs = SimulatedNode.RUNNING;
            }
            node.cutOffUntilMs = 0;
        }
        while (clock.monotonicMs() < calmFromMs + NodeRunner.LEASE_MS + 3 * NodeRunner.INTERVAL_MS) {
            // One action per check, as in the faulty phase: every open attempt answers UP, then the earliest timer fires.
            List<Runnable> actions = new ArrayList<>();
            for (SimulatedNode node : nodes) {
                if (node.running(clock.monotonicMs())) {
                    node.openAttempts().forEach(attempt -> actions.add(() -> node.runtime.complete(attempt.key(), ProbeResult.up(5, "ok"))));
                }
            }
            actions.add(() -> fireEarliest(tieGoesToLater));
            for (Runnable action : actions) {
                action.run();
                Optional<NodeViolation> broken = endStep();
                if (broken.isPresent()) {
                    return broken;
                }
                step++;
            }
        }
        for (NodeLeases.MonitorRow row : before.values()) {
            Long appliedAtMs = lastAppliedAtMs.get(row.monitorId());
            if (row.monitoring() && (appliedAtMs == null || appliedAtMs <= calmFromMs + NodeRunner.INTERVAL_MS)) {
                return Optional.of(new NodeViolation(NodeInvariant.NI4, step, clock.monotonicMs(), row.monitorId()
                        + " is monitoring, but no result was applied after " + (calmFromMs + NodeRunner.INTERVAL_MS) + " ms (the faults stopped at "
                        + calmFromMs + " ms); last at " + appliedAtMs));
            }
        }
        return Optional.empty();
    }

    /**
     * Engine callbacks that threw are a harness or engine error, not a broken invariant.
     *
     * @param seed names the run in the message
     * @throws IllegalStateException naming the first such failure
     */
    void requireNoCallbackFailures(String seed) {
        for (SimulatedNode node : nodes) {
            List<String> failures = node.runtime.drainCallbackFailures();
            if (!failures.isEmpty()) {
                throw new IllegalStateException(seed + ": node " + node.id + ": an engine callback threw: " + failures.getFirst());
            }
        }
    }

    /** Engine events the nodes published. */
    long events() {
        return nodes.stream().mapToLong(node -> node.events.size()).sum();
    }

    Map<String, NodeLeases.MonitorRow> rows() {
        Map<String, NodeLeases.MonitorRow> rows = new LinkedHashMap<>();
        store.repository().nodes().rows().forEach(row -> rows.put(row.monitorId(), row));
        return rows;
    }

    private Optional<NodeViolation> check(Map<String, NodeLeases.MonitorRow> then, Map<String, NodeLeases.MonitorRow> now) {
        long nowMs = clock.monotonicMs();
        for (SimulatedNode node : nodes) {
            for (PendingAttempt attempt : node.runtime.pendingAttempts()) {
                String key = attempt.key().operationId() + "#" + attempt.key().attempt();
                if (node.attemptsSeen.add(key)) {
                    NodeLeases.MonitorRow row = now.get(attempt.key().monitorId());
                    if (!holds(row, node, nowMs)) {
                        return Optional.of(new NodeViolation(NodeInvariant.NI1, step, nowMs, "node " + node.id + " probes "
                                + attempt.key().monitorId() + ", but the lease is " + row));
                    }
                }
            }
            List<EngineEvent> events = node.events;
            for (EngineEvent event : events.subList(node.eventsSeen, events.size())) {
                if (event instanceof EngineEvent.CheckCompleted completed) {
                    NodeLeases.MonitorRow row = now.get(completed.monitorId());
                    if (!holds(row, node, nowMs)) {
                        return Optional.of(new NodeViolation(NodeInvariant.NI2, step, nowMs, "node " + node.id + " applied a result to "
                                + completed.monitorId() + ", but the lease is " + row));
                    }
                    lastAppliedAtMs.put(completed.monitorId(), nowMs);
                }
            }
            node.eventsSeen = events.size();
        }
        for (Map.Entry<String, NodeLeases.MonitorRow> entry : then.entrySet()) {
            NodeLeases.MonitorRow was = entry.getValue();
            NodeLeases.MonitorRow later = now.get(entry.getKey());
            if (!was.monitoring() && later != null && !later.monitoring() && !later.lastCheckedAtMs().equals(was.lastCheckedAtMs())) {
                return Optional.of(new NodeViolation(NodeInvariant.NI3, step, nowMs, entry.getKey() + " is stopped, yet its last result changed from "
                        + was.lastCheckedAtMs() + " to " + later.lastCheckedAtMs()));
            }
        }
        return Optional.empty();
    }

    /** Whether {@code row} shows {@code node} holding a lease valid at database time {@code nowMs}. */
    private static boolean holds(NodeLeases.MonitorRow row, SimulatedNode node, long nowMs) {
        return row != null && row.owner().equals(node.id) && row.expiresAtMs() > nowMs;
    }
}
