package dev.vigil.simulation.nodes;

import dev.vigil.engine.MonitorSettings;
import dev.vigil.engine.event.EngineEvent;
import dev.vigil.engine.node.NodeKeeper;
import dev.vigil.engine.probe.ProbeResult;
import dev.vigil.engine.spi.LiveOperation;
import dev.vigil.engine.store.NodeLeases;
import dev.vigil.simulation.runtime.PendingAttempt;
import dev.vigil.simulation.runtime.SimulatedRuntime;
import dev.vigil.simulation.runtime.SimulatedTimer;
import dev.vigil.simulation.runtime.VirtualClock;
import dev.vigil.simulation.store.SimulatedStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Runs two or three multi-node engines (SPEC §6, N4–N7) on one simulated store whose database
 * clock is the virtual clock, in a schedule {@link NodeSchedule} draws from the seed: timers fire in
 * due order across the nodes, probes answer UP or DOWN at random moments, nodes pause past their
 * lease (their clock moves on, their timers wait) or crash, monitors are stopped, started, updated,
 * and removed and added again from any node, and each node's wall clock is skewed from the
 * database's. After every step the store and the probes are held to the node model's safety
 * invariants NI1–NI3 and NI5; once the faults stop, to NI4. Not a
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
    /** The settings an update or a re-creation switches a monitor to, and back: another target, interval and retry count. */
    static final MonitorSettings OTHER_SETTINGS = MonitorSettings.http("http://other.test/").withIntervalMs(2 * INTERVAL_MS).withTimeoutMs(1_000)
            .withRetryAttempts(1);
    /** How long an owner may go on probing with settings another node replaced: one renewal period (N6). */
    static final long SETTINGS_LAG_MS_MAX = NodeKeeper.renewalPeriodMs(LEASE_MS);

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
        /** Node → when it last woke from a pause, once the faults stopped ({@link SimulatedNode#wakesAtMs} says it before). */
        private final Map<String, Long> wokeAtMs = new HashMap<>();
        /** Monitor → when a command last stopped it; absent while it is monitoring. */
        private final Map<String, Long> stoppedAtMs = new HashMap<>();
        /** Monitor → its settings as last committed by a command. */
        private final Map<String, MonitorSettings> committedSettings = new HashMap<>();
        /** Settings replaced less than {@link #SETTINGS_LAG_MS_MAX} ago, which the owner may still probe with. */
        private final List<Replaced> replaced = new ArrayList<>();
        /** Leases that ended with their monitor's removal less than {@link #SETTINGS_LAG_MS_MAX} ago. */
        private final List<RemovedLease> removedLeases = new ArrayList<>();
        /** Monitor → the last command that replaced its settings: what, on which node, when. */
        private final Map<String, String> lastReplacement = new HashMap<>();
        /** Monitors removed and added again in this step: a new monitor, whose row NI3 does not compare with the old one's. */
        private final Set<String> recreated = new HashSet<>();
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
                committedSettings.put(monitor, SETTINGS);
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
                    if (node.wakesAtMs != SimulatedNode.RUNNING) {
                        wokeAtMs.put(node.id, Math.min(node.wakesAtMs, calmFromMs));
                    }
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
                case NodeStep.Command command -> command(nodes.get(command.node()), command.monitorId(), command.kind(),
                        rows.get(command.monitorId()).monitoring());
                case NodeStep.Answer answer -> {
                    SimulatedNode node = nodes.get(answer.node());
                    PendingAttempt attempt = node.openAttempts().get(answer.attempt());
                    node.runtime.complete(attempt.key(), answer.up() ? ProbeResult.up(5, "ok") : ProbeResult.down(5, "no"));
                }
                case NodeStep.FireEarliest ignored -> fireEarliest();
            }
        }

        private void command(SimulatedNode node, String monitorId, NodeStep.CommandKind kind, boolean monitoring) {
            MonitorSettings before = committedSettings.get(monitorId);
            MonitorSettings other = before.equals(SETTINGS) ? OTHER_SETTINGS : SETTINGS;
            switch (kind) {
                case START_OR_STOP -> {
                    if (monitoring) {
                        node.engine.stop(monitorId);
                        stoppedAtMs.put(monitorId, clock.monotonicMs());
                    } else {
                        node.engine.start(monitorId);
                        stoppedAtMs.remove(monitorId);
                    }
                    return;
                }
                case UPDATE -> node.engine.update(monitorId, other);
                case RECREATE -> {
                    recreated.add(monitorId);
                    NodeLeases.MonitorRow row = rows().get(monitorId);
                    if (!row.owner().isEmpty() && row.expiresAtMs() > clock.monotonicMs()) {
                        removedLeases.add(new RemovedLease(monitorId, row.owner(), clock.monotonicMs()));
                    }
                    node.engine.remove(monitorId);
                    node.engine.add(monitorId, other);
                    if (monitoring) {
                        node.engine.start(monitorId);
                    }
                }
            }
            committedSettings.put(monitorId, other);
            replaced.add(new Replaced(monitorId, before, clock.monotonicMs()));
            lastReplacement.put(monitorId, kind.name().toLowerCase(Locale.ROOT) + " on node " + node.id + " at " + clock.monotonicMs() + " ms");
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
                        if (!holds(row, node, nowMs) && !heldWhenRemoved(attempt, node)) {
                            return Optional.of(new NodeViolation(NodeInvariant.NI1, step, nowMs, "node " + node.id + " probes "
                                    + attempt.key().monitorId() + ", but the lease is " + row));
                        }
                        Long stoppedAt = stoppedAtMs.get(attempt.key().monitorId());
                        if (stoppedAt != null && attempt.startedAtMs() - stoppedAt > SETTINGS_LAG_MS_MAX) {
                            return Optional.of(new NodeViolation(NodeInvariant.NI5, step, nowMs, "node " + node.id + " probes "
                                    + attempt.key().monitorId() + " at " + attempt.startedAtMs() + " ms (" + attempt.key() + "), but it was stopped at "
                                    + stoppedAt + " ms"));
                        }
                        if (!mayProbeWith(attempt)) {
                            return Optional.of(new NodeViolation(NodeInvariant.NI5, step, nowMs, "node " + node.id + " probes "
                                    + attempt.key().monitorId() + " at " + attempt.startedAtMs() + " ms with " + attempt.settings()
                                    + ", but its settings are " + committedSettings.get(attempt.key().monitorId()) + " since the "
                                    + lastReplacement.get(attempt.key().monitorId())));
                        }
                    }
                }
                Optional<String> unstopped = operationOfAStoppedMonitor(node, nowMs);
                if (unstopped.isPresent()) {
                    return Optional.of(new NodeViolation(NodeInvariant.NI5, step, nowMs, unstopped.get()));
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
                if (!then.monitoring() && later != null && !later.monitoring() && !recreated.contains(entry.getKey())
                        && !later.lastCheckedAtMs().equals(then.lastCheckedAtMs())) {
                    return Optional.of(new NodeViolation(NodeInvariant.NI3, step, nowMs, entry.getKey() + " is stopped, yet its last result changed from "
                            + then.lastCheckedAtMs() + " to " + later.lastCheckedAtMs()));
                }
            }
            recreated.clear();
            return Optional.empty();
        }

        /**
         * NI1 during N6's lag: the node held the monitor's lease when another node removed it, less
         * than a renewal period before the attempt; it learns of the removal at its next renewal
         * (and no result of it is applied: NI2 stays strict).
         */
        private boolean heldWhenRemoved(PendingAttempt attempt, SimulatedNode node) {
            removedLeases.removeIf(old -> old.removedAtMs() < clock.monotonicMs() - SETTINGS_LAG_MS_MAX);
            return removedLeases.stream().anyMatch(old -> old.monitorId().equals(attempt.key().monitorId()) && old.holder().equals(node.id)
                    && attempt.startedAtMs() - old.removedAtMs() <= SETTINGS_LAG_MS_MAX);
        }

        /**
         * NI5 on what a node holds: a running node has cancelled every operation of a monitor stopped
         * more than a renewal period ago (counted from its wake-up, if it was paused since), as the
         * stop's own node does at once (R3, R5).
         */
        private Optional<String> operationOfAStoppedMonitor(SimulatedNode node, long nowMs) {
            if (!node.running(nowMs)) {
                return Optional.empty();
            }
            long awakeSinceMs = node.wakesAtMs == SimulatedNode.RUNNING ? wokeAtMs.getOrDefault(node.id, 0L) : node.wakesAtMs;
            for (LiveOperation operation : node.engine.diagnostics().liveOperations()) {
                Long stoppedAt = stoppedAtMs.get(operation.monitorId());
                if (!operation.cancelled() && !operation.manual() && stoppedAt != null
                        && nowMs - Math.max(stoppedAt, awakeSinceMs) > SETTINGS_LAG_MS_MAX) {
                    return Optional.of("node " + node.id + " still runs " + operation + " of " + operation.monitorId()
                            + ", stopped at " + stoppedAt + " ms");
                }
            }
            return Optional.empty();
        }

        /** NI5: the committed settings, or settings replaced at most {@link #SETTINGS_LAG_MS_MAX} before the attempt began. */
        private boolean mayProbeWith(PendingAttempt attempt) {
            String monitorId = attempt.key().monitorId();
            replaced.removeIf(old -> old.replacedAtMs() < clock.monotonicMs() - SETTINGS_LAG_MS_MAX);
            return attempt.settings().equals(committedSettings.get(monitorId)) || replaced.stream()
                    .anyMatch(old -> old.monitorId().equals(monitorId) && old.settings().equals(attempt.settings())
                            && attempt.startedAtMs() - old.replacedAtMs() <= SETTINGS_LAG_MS_MAX);
        }

        /** Whether {@code row} shows {@code node} holding a lease valid at database time {@code nowMs}. */
        private static boolean holds(NodeLeases.MonitorRow row, SimulatedNode node, long nowMs) {
            return row != null && row.owner().equals(node.id) && row.expiresAtMs() > nowMs;
        }
    }

    /** A lease that ended because another node removed its monitor: who held it, and when. */
    private record RemovedLease(String monitorId, String holder, long removedAtMs) {}

    /** Settings a command replaced, and when. */
    private record Replaced(String monitorId, MonitorSettings settings, long replacedAtMs) {}
}
