package dev.vigil.simulation.nodes;

import dev.vigil.engine.MonitorSettings;
import dev.vigil.engine.event.EngineEvent;
import dev.vigil.engine.probe.ProbeResult;
import dev.vigil.engine.store.NodeLeases;
import dev.vigil.simulation.runtime.PendingAttempt;
import dev.vigil.simulation.runtime.SimulatedRuntime;
import dev.vigil.simulation.runtime.SimulatedTimer;
import dev.vigil.simulation.runtime.VirtualClock;
import dev.vigil.simulation.store.SimulatedStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs two or three multi-node engines (SPEC §6, N4–N7) on one simulated store whose database
 * clock is the virtual clock, in a schedule {@link NodeSchedule} draws from the seed: timers fire in
 * due order across the nodes, probes answer UP or DOWN at random moments, nodes pause past their
 * lease (their clock moves on, their timers wait) or crash, monitors are stopped and started from
 * any node, and each node's wall clock is skewed from the database's. After every step the store
 * is held to the node model's safety invariants NI1–NI3; once the faults stop, to NI4. Not a
 * lockstep with the model: the schedule is the engine's, and the model's step function does not
 * run beside it. The run stops at the first violation.
 */
public final class NodeRunner {
    /** The nodes' lease, ms of the database's clock. */
    static final long LEASE_MS = 3_000;
    /** Every monitor's interval. */
    static final long INTERVAL_MS = 1_000;
    /** Steps of the faulty phase. */
    static final int STEPS = 600;
    static final List<String> MONITORS = List.of("m1", "m2", "m3", "m4");
    /** With retries: a retry after a back-off starts a probe without a new begin, so only the timer guard stops a lapsed node's. */
    static final MonitorSettings SETTINGS = MonitorSettings.http("http://target.test/").withIntervalMs(INTERVAL_MS).withTimeoutMs(1_000)
            .withRetryAttempts(2);

    private final NodeRunSettings settings;

    /**
     * A runner of {@code settings}.
     *
     * @param settings nodes, store and variant
     */
    public NodeRunner(NodeRunSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Runs one seed.
     *
     * @param seed the seed: the same seed gives the same run
     * @return the outcome
     * @throws IllegalStateException if an engine callback threw: a harness or engine error, not a broken invariant
     */
    public NodeRunResult run(long seed) {
        NodeSchedule schedule = new NodeSchedule(seed);
        VirtualClock clock = new VirtualClock();
        SimulatedRuntime.IdGenerator ids = new SimulatedRuntime.IdGenerator(seed);
        try (SimulatedStore store = new SimulatedStore(settings.store(), clock::monotonicMs)) {
            List<SimulatedNode> nodes = new ArrayList<>();
            try {
                for (int i = 0; i < settings.nodeCount(); i++) {
                    nodes.add(new SimulatedNode(String.valueOf((char) ('a' + i)), schedule.clockSkewMs(), new SimulatedRuntime(clock, ids), store,
                            settings.variant()));
                }
                return new Run(seed, schedule, clock, store, nodes).play();
            } finally {
                nodes.forEach(node -> node.engine.close());
            }
        }
    }

    /** One run's state. */
    private final class Run {
        private final long seed;
        private final NodeSchedule schedule;
        private final VirtualClock clock;
        private final SimulatedStore store;
        private final List<SimulatedNode> nodes;
        /** Monitor → the virtual time a node last applied a result to it. */
        private final Map<String, Long> lastAppliedAtMs = new HashMap<>();
        private int step;

        Run(long seed, NodeSchedule schedule, VirtualClock clock, SimulatedStore store, List<SimulatedNode> nodes) {
            this.seed = seed;
            this.schedule = schedule;
            this.clock = clock;
            this.store = store;
            this.nodes = nodes;
        }

        NodeRunResult play() {
            for (String monitor : MONITORS) {
                nodes.getFirst().engine.add(monitor, SETTINGS);
                nodes.getFirst().engine.start(monitor);
            }
            Map<String, NodeLeases.MonitorRow> before = rows();
            for (; step < STEPS; step++) {
                NodeStep next = schedule.next(nodes, clock.monotonicMs(), MONITORS);
                take(next, before);
                nodes.forEach(each -> each.runtime.deliverAll());
                Map<String, NodeLeases.MonitorRow> after = rows();
                Optional<NodeViolation> broken = check(before, after);
                if (broken.isPresent()) {
                    return result(broken);
                }
                before = after;
            }
            // The faults stop: paused nodes wake; every monitoring monitor is checked within the lease and an interval.
            long calmFromMs = clock.monotonicMs();
            for (SimulatedNode node : nodes) {
                if (!node.crashed()) {
                    node.wakesAtMs = SimulatedNode.RUNNING;
                }
            }
            while (clock.monotonicMs() < calmFromMs + LEASE_MS + 3 * INTERVAL_MS) {
                // One action per check, as in the faulty phase: every open attempt answers UP, then the earliest timer fires.
                List<Runnable> actions = new ArrayList<>();
                for (SimulatedNode node : nodes) {
                    if (node.running(clock.monotonicMs())) {
                        node.openAttempts().forEach(attempt -> actions.add(() -> node.runtime.complete(attempt.key(), ProbeResult.up(5, "ok"))));
                    }
                }
                actions.add(this::fireEarliest);
                for (Runnable action : actions) {
                    action.run();
                    nodes.forEach(each -> each.runtime.deliverAll());
                    Map<String, NodeLeases.MonitorRow> after = rows();
                    Optional<NodeViolation> broken = check(before, after);
                    if (broken.isPresent()) {
                        return result(broken);
                    }
                    before = after;
                    step++;
                }
            }
            for (NodeLeases.MonitorRow row : before.values()) {
                Long appliedAtMs = lastAppliedAtMs.get(row.monitorId());
                if (row.monitoring() && (appliedAtMs == null || appliedAtMs <= calmFromMs + INTERVAL_MS)) {
                    return result(Optional.of(new NodeViolation(NodeInvariant.NI4, step, clock.monotonicMs(), row.monitorId()
                            + " is monitoring, but no result was applied after " + (calmFromMs + INTERVAL_MS) + " ms (the faults stopped at "
                            + calmFromMs + " ms); last at " + appliedAtMs)));
                }
            }
            for (SimulatedNode node : nodes) {
                List<String> failures = node.runtime.drainCallbackFailures();
                if (!failures.isEmpty()) {
                    throw new IllegalStateException("seed " + seed + ": node " + node.id + ": an engine callback threw: " + failures.getFirst());
                }
            }
            return result(Optional.empty());
        }

        private NodeRunResult result(Optional<NodeViolation> violation) {
            long events = nodes.stream().mapToLong(node -> node.events.size()).sum();
            return new NodeRunResult(seed, settings, step, events, violation);
        }

        private void take(NodeStep next, Map<String, NodeLeases.MonitorRow> rows) {
            switch (next) {
                case NodeStep.Pause pause -> nodes.get(pause.node()).wakesAtMs = pause.untilMs();
                case NodeStep.Crash crash -> nodes.get(crash.node()).wakesAtMs = SimulatedNode.CRASHED;
                case NodeStep.Command command -> {
                    SimulatedNode node = nodes.get(command.node());
                    if (rows.get(command.monitorId()).monitoring()) {
                        node.engine.stop(command.monitorId());
                    } else {
                        node.engine.start(command.monitorId());
                    }
                }
                case NodeStep.Answer answer -> {
                    SimulatedNode node = nodes.get(answer.node());
                    PendingAttempt attempt = node.openAttempts().get(answer.attempt());
                    node.runtime.complete(attempt.key(), answer.up() ? ProbeResult.up(5, "ok") : ProbeResult.down(5, "no"));
                }
                case NodeStep.FireEarliest ignored -> fireEarliest();
            }
        }

        /** Fires the earliest due timer among the running nodes (a paused node's timers wait), moving the clock to it. */
        private void fireEarliest() {
            long nowMs = clock.monotonicMs();
            SimulatedNode chosen = null;
            SimulatedTimer earliest = null;
            for (SimulatedNode node : nodes) {
                if (!node.running(nowMs)) {
                    continue;
                }
                SimulatedTimer next = node.runtime.nextTimer().orElse(null);
                if (next != null && (earliest == null || next.dueAtMs() < earliest.dueAtMs()
                        || (next.dueAtMs() == earliest.dueAtMs() && schedule.tieGoesToLater()))) {
                    earliest = next;
                    chosen = node;
                }
            }
            long wakeMs = nodes.stream().mapToLong(node -> node.wakesAtMs).filter(at -> at > nowMs && at != SimulatedNode.CRASHED).min()
                    .orElse(Long.MAX_VALUE);
            if (earliest == null || earliest.dueAtMs() > wakeMs) {
                clock.advanceTo(Math.min(wakeMs, nowMs + INTERVAL_MS));
                return;
            }
            clock.advanceTo(Math.max(nowMs, earliest.dueAtMs()));
            chosen.runtime.fire(earliest);
        }

        private Map<String, NodeLeases.MonitorRow> rows() {
            Map<String, NodeLeases.MonitorRow> rows = new LinkedHashMap<>();
            store.repository().nodes().rows().forEach(row -> rows.put(row.monitorId(), row));
            return rows;
        }

        private Optional<NodeViolation> check(Map<String, NodeLeases.MonitorRow> before, Map<String, NodeLeases.MonitorRow> after) {
            long nowMs = clock.monotonicMs();
            for (SimulatedNode node : nodes) {
                for (PendingAttempt attempt : node.runtime.pendingAttempts()) {
                    String key = attempt.key().operationId() + "#" + attempt.key().attempt();
                    if (node.attemptsSeen.add(key)) {
                        NodeLeases.MonitorRow row = after.get(attempt.key().monitorId());
                        if (!holds(row, node, nowMs)) {
                            return Optional.of(new NodeViolation(NodeInvariant.NI1, step, nowMs, "node " + node.id + " probes "
                                    + attempt.key().monitorId() + ", but the lease is " + row));
                        }
                    }
                }
                List<EngineEvent> events = node.events;
                for (EngineEvent event : events.subList(node.eventsSeen, events.size())) {
                    if (event instanceof EngineEvent.CheckCompleted completed) {
                        NodeLeases.MonitorRow row = after.get(completed.monitorId());
                        if (!holds(row, node, nowMs)) {
                            return Optional.of(new NodeViolation(NodeInvariant.NI2, step, nowMs, "node " + node.id + " applied a result to "
                                    + completed.monitorId() + ", but the lease is " + row));
                        }
                        lastAppliedAtMs.put(completed.monitorId(), nowMs);
                    }
                }
                node.eventsSeen = events.size();
            }
            for (Map.Entry<String, NodeLeases.MonitorRow> entry : before.entrySet()) {
                NodeLeases.MonitorRow then = entry.getValue();
                NodeLeases.MonitorRow later = after.get(entry.getKey());
                if (!then.monitoring() && later != null && !later.monitoring() && !later.lastCheckedAtMs().equals(then.lastCheckedAtMs())) {
                    return Optional.of(new NodeViolation(NodeInvariant.NI3, step, nowMs, entry.getKey() + " is stopped, yet its last result changed from "
                            + then.lastCheckedAtMs() + " to " + later.lastCheckedAtMs()));
                }
            }
            return Optional.empty();
        }

        /** Whether {@code row} shows {@code node} holding a lease valid at database time {@code nowMs}. */
        private static boolean holds(NodeLeases.MonitorRow row, SimulatedNode node, long nowMs) {
            return row != null && row.owner().equals(node.id) && row.expiresAtMs() > nowMs;
        }
    }
}
