package dev.vigil.simulation.nodes;

import dev.vigil.engine.CheckDiscardedException;
import dev.vigil.engine.CheckRecord;
import dev.vigil.engine.EngineClosedException;
import dev.vigil.engine.MonitorSettings;
import dev.vigil.engine.StoreException;
import dev.vigil.engine.UnknownMonitorException;
import dev.vigil.engine.event.EngineEvent;
import dev.vigil.engine.probe.ProbeResult;
import dev.vigil.engine.spi.LiveOperation;
import dev.vigil.engine.store.NodeLeases;
import dev.vigil.model.AwaitedChecks;
import dev.vigil.simulation.runtime.PendingAttempt;
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
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * The multi-node engines of one run on their shared store and virtual clock, with what both the
 * random runner and the explorer do to them: run a user's command, fire the earliest due timer, let
 * the faults stop, and hold the store, the probes and the callers of checkNow to NI1–NI3 and NI5–
 * NI7 after every step and to NI4 and NI6's liveness at the end. One node acts at a time; while
 * a node cut off from the store acts, the store refuses its transactions.
 */
final class NodeWorld {
    /** The settings an update or a re-creation switches a monitor to, and back: another target, interval and retry count. */
    static final MonitorSettings OTHER_SETTINGS = MonitorSettings.http("http://other.test/").withIntervalMs(2 * NodeRunner.INTERVAL_MS)
            .withTimeoutMs(1_000).withRetryAttempts(1);

    /**
     * How long after the faults stop every checkNow stage of a running node must have completed:
     * a caller whose request was lost with its owner's lease asks again after an owner's turn (a
     * renewal period and a lease to learn of it, then the whole check: the operation deadline of
     * the slower settings, 9,500 ms), so two turns and the asking.
     */
    static final long CHECK_NOW_PATIENCE_MS = 2 * (NodeRunner.LEASE_MS + NodeRunner.LEASE_MS / 3 + 9_500) + NodeRunner.LEASE_MS;

    final VirtualClock clock;
    final SimulatedStore store;
    final List<SimulatedNode> nodes;
    /** Monitor → the virtual time a node last applied a result to it. */
    private final Map<String, Long> lastAppliedAtMs = new HashMap<>();
    /** Monitor → the command that last stopped it; absent while it is monitoring. */
    private final Map<String, Change> stops = new HashMap<>();
    /** Monitor → its settings as last committed by a command. */
    private final Map<String, MonitorSettings> committedSettings = new HashMap<>();
    /** Settings replaced, which a node that has not renewed since may still probe with; bounded by the run's commands. */
    private final List<Replaced> replaced = new ArrayList<>();
    /** Monitor → the last command that replaced its settings: what, on which node, when. */
    private final Map<String, String> lastReplacement = new HashMap<>();
    /** Leases that ended with their monitor's removal, by the node that held them; bounded by the run's commands. */
    private final List<RemovedLease> removedLeases = new ArrayList<>();
    /** Monitors removed and added again in this step: a new monitor, whose row NI3 does not compare with the old one's. */
    private final Set<String> recreated = new HashSet<>();
    /** Node → its heartbeat's expiry as last read: a later one means the node renewed. */
    private final Map<String, Long> heartbeats = new HashMap<>();
    /**
     * Monitor → the last step in which a checkNow asked for it on any node, or its row counted a
     * forwarded request (a caller's first, or one asking again): a manual check of a stopped
     * monitor must come from one made after the stop.
     */
    private final Map<String, Integer> lastAskedAtStep = new HashMap<>();
    /** Forwarded checkNow requests whose owner's check, live when they were counted, may still run uncancelled; bounded by the run's commands. */
    private final List<ForwardedRequest> forwardedRequests = new ArrayList<>();
    /** The checkNow stages not yet judged, oldest first; bounded by the run's commands. */
    private final List<AskedCheck> askedChecks = new ArrayList<>();
    /** Node → the step in which it last renewed successfully: it has read every row then (N6). */
    private final Map<String, Integer> renewedAtStep = new HashMap<>();
    private Map<String, NodeLeases.MonitorRow> before;
    /** A forwarded checkNow of this step that wrote no request to the row (NI6), reported when the step ends. */
    private Optional<NodeViolation> uncounted = Optional.empty();
    /** The node whose timer this step fired, if it fired one: the only node that can ask again in it. */
    private SimulatedNode firedThisStep;
    /** The kind of that timer: a {@code LEASE_RENEWAL} of a node the store reaches reads every row. */
    private dev.vigil.engine.spi.TimerKind firedKind;
    /** The node a command of this step was made on, and its monitor: that node read the monitor's row. */
    private SimulatedNode commandedThisStep;
    private String commandedMonitor;
    /** Node → monitor → whether it was monitoring when the node last read its row (a renewal, a command); bounded by nodes × monitors. */
    private final Map<String, Map<String, Boolean>> monitoringRead = new HashMap<>();
    /** "node monitor" → the last step in which a command on that node read the monitor's row, which it first acts on (N6); bounded by nodes × monitors. */
    private final Map<String, Integer> commandReadAtStep = new HashMap<>();
    /** Monitors a checkNow asked for in this step: a request they count is the checkNow's, not one asked again. */
    private final Set<String> checkNowThisStep = new HashSet<>();
    /** "node monitor" → when that node last asked again for the monitor: its callers' requests count from then (N6). */
    private final Map<String, Long> askedAgainAtMs = new HashMap<>();
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
            committedSettings.put(monitor, settings);
        }
        before = rows();
    }

    /**
     * A user's command on {@code node}, as that node (refused by the store if it is cut off now).
     *
     * @return whether it started the monitor: a {@link NodeStep.CommandKind#START_OR_STOP} that started it, or any
     *         command on a removed monitor, which adds it back started
     */
    boolean command(SimulatedNode node, String monitorId, NodeStep.CommandKind kind) {
        commandedThisStep = node;
        commandedMonitor = monitorId;
        MonitorSettings was = committedSettings.get(monitorId);
        MonitorSettings other = was.equals(OTHER_SETTINGS) ? NodeRunner.SETTINGS : OTHER_SETTINGS;
        long nowMs = clock.monotonicMs();
        if (!before.containsKey(monitorId)) {
            // Removed by an earlier command: this one adds it back, a new monitor under the old id.
            as(node, () -> {
                node.engine.add(monitorId, other);
                node.engine.start(monitorId);
            });
            stops.remove(monitorId);
            committedSettings.put(monitorId, other);
            replaced.add(new Replaced(monitorId, was, step));
            lastReplacement.put(monitorId, "add after a removal on node " + node.id + " at " + nowMs + " ms");
            return true;
        }
        boolean monitoring = before.get(monitorId).monitoring();
        switch (kind) {
            case REMOVE -> {
                NodeLeases.MonitorRow row = before.get(monitorId);
                as(node, () -> node.engine.remove(monitorId));
                if (!row.owner().isEmpty() && row.expiresAtMs() > nowMs) {
                    removedLeases.add(new RemovedLease(monitorId, row.owner(), step));
                }
                return false;
            }
            case CHECK_NOW -> {
                askCheck(node, monitorId);
                return false;
            }
            case START_OR_STOP -> {
                as(node, () -> {
                    if (monitoring) {
                        node.engine.stop(monitorId);
                    } else {
                        node.engine.start(monitorId);
                    }
                });
                if (monitoring) {
                    stops.put(monitorId, new Change(step, nowMs, node.id));
                } else {
                    stops.remove(monitorId);
                }
                return !monitoring;
            }
            case UPDATE -> as(node, () -> node.engine.update(monitorId, other));
            case RECREATE -> {
                NodeLeases.MonitorRow row = before.get(monitorId);
                as(node, () -> {
                    node.engine.remove(monitorId);
                    node.engine.add(monitorId, other);
                    if (monitoring) {
                        node.engine.start(monitorId);
                    }
                });
                recreated.add(monitorId);
                if (!row.owner().isEmpty() && row.expiresAtMs() > nowMs) {
                    removedLeases.add(new RemovedLease(monitorId, row.owner(), step));
                }
            }
        }
        committedSettings.put(monitorId, other);
        replaced.add(new Replaced(monitorId, was, step));
        lastReplacement.put(monitorId, kind.name().toLowerCase(Locale.ROOT) + " on node " + node.id + " at " + nowMs + " ms");
        return false;
    }

    /**
     * A checkNow on {@code node}, whose stage is judged by NI6 from then on. A node cut off from
     * the store refuses a forwarded request at once ({@link StoreException}): there is no stage.
     */
    private void askCheck(SimulatedNode node, String monitorId) {
        Set<String> earlier = store.repository().history(monitorId).stream().map(CheckRecord::operationId).collect(Collectors.toSet());
        // A node keeps each monitor's callers in one of two places, by who checks it when they
        // ask: its own check's (it owns the monitor) or the forwarded ones'. Each holds at most
        // the limit; the caller beyond it fails at once.
        boolean forwarded = !node.engine.owns(monitorId);
        long requestsBefore = before.get(monitorId).checkRequests();
        long waitingAlike = askedChecks.stream().filter(asked -> asked.node() == node && asked.monitorId().equals(monitorId)
                && asked.forwarded() == forwarded && !asked.stage().isDone()).count();
        List<CompletableFuture<CheckRecord>> stage = new ArrayList<>(1);
        try {
            as(node, () -> stage.add(node.engine.checkNow(monitorId).toCompletableFuture()));
        } catch (StoreException refused) {
            return;
        }
        lastAskedAtStep.put(monitorId, step);
        checkNowThisStep.add(monitorId);
        boolean beyondLimit = waitingAlike >= AwaitedChecks.WAITING_PER_MONITOR_MAX;
        askedChecks.add(new AskedCheck(node, monitorId, step, clock.monotonicMs(), earlier, forwarded, beyondLimit, stage.getFirst()));
        if (!forwarded || beyondLimit) {
            return;
        }
        // The owner learns of the request from the row, and cancels the check it runs now when it does.
        if (rows().get(monitorId).checkRequests() <= requestsBefore) {
            uncounted = Optional.of(new NodeViolation(NodeInvariant.NI6, step, clock.monotonicMs(), askedChecks.getLast().describe()
                    + " was forwarded to the monitor's owner, but the row counts no new request (" + requestsBefore + " before and after)"));
        }
        Set<String> live = nodes.stream().flatMap(holder -> holder.engine.diagnostics().liveOperations().stream())
                .filter(operation -> operation.monitorId().equals(monitorId) && !operation.cancelled()).map(LiveOperation::id)
                .collect(Collectors.toSet());
        if (!live.isEmpty()) {
            forwardedRequests.add(new ForwardedRequest(monitorId, step, live));
        }
    }

    /** How many checkNow callers on {@code node} for {@code monitorId} still wait for their stage: what a written schedule may pin down. */
    long callersWaiting(SimulatedNode node, String monitorId) {
        return askedChecks.stream().filter(asked -> asked.node() == node && asked.monitorId().equals(monitorId) && !asked.stage().isDone()).count();
    }

    /**
     * A graceful close of {@code node}'s engine, as an application shutting down: the node never
     * runs again, its leases are released for the others to take over, and every caller it had
     * waiting must have failed at once with {@link EngineClosedException} (NI6, judged when the
     * step ends).
     */
    void close(SimulatedNode node) {
        as(node, node.engine::close);
        node.wakesAtMs = SimulatedNode.CRASHED;
        node.closed = true;
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
        if (uncounted.isPresent()) {
            return uncounted;
        }
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
        firedThisStep = node;
        firedKind = timer.kind();
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
        Optional<NodeViolation> broken = calmUntil(calmFromMs + NodeRunner.LEASE_MS + 3 * NodeRunner.INTERVAL_MS, false, tieGoesToLater);
        if (broken.isPresent()) {
            return broken;
        }
        for (NodeLeases.MonitorRow row : before.values()) {
            Long appliedAtMs = lastAppliedAtMs.get(row.monitorId());
            if (row.monitoring() && (appliedAtMs == null || appliedAtMs <= calmFromMs + NodeRunner.INTERVAL_MS)) {
                return Optional.of(new NodeViolation(NodeInvariant.NI4, step, clock.monotonicMs(), row.monitorId()
                        + " is monitoring, but no result was applied after " + (calmFromMs + NodeRunner.INTERVAL_MS) + " ms (the faults stopped at "
                        + calmFromMs + " ms); last at " + appliedAtMs));
            }
        }
        // A caller whose request was lost with its owner's lease asks again once it waited an
        // owner's whole turn; its stage completes within two such turns.
        broken = calmUntil(calmFromMs + CHECK_NOW_PATIENCE_MS, true, tieGoesToLater);
        if (broken.isPresent()) {
            return broken;
        }
        for (AskedCheck asked : askedChecks) {
            if (!asked.node().crashed()) {
                return Optional.of(new NodeViolation(NodeInvariant.NI6, step, clock.monotonicMs(), asked.describe()
                        + " never completed, though the faults stopped at " + calmFromMs + " ms"));
            }
        }
        return Optional.empty();
    }

    /**
     * Faultless steps until {@code untilMs} (with {@code whileCallersWait}, only while a checkNow
     * stage of a running node waits): every open attempt answers UP, then the earliest timer fires.
     */
    private Optional<NodeViolation> calmUntil(long untilMs, boolean whileCallersWait, BooleanSupplier tieGoesToLater) {
        while (clock.monotonicMs() < untilMs) {
            if (whileCallersWait && askedChecks.stream().allMatch(asked -> asked.node().crashed())) {
                return Optional.empty();
            }
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
        Optional<NodeViolation> tooSoon = Optional.empty();
        for (Map.Entry<String, NodeLeases.MonitorRow> entry : now.entrySet()) {
            NodeLeases.MonitorRow was = then.get(entry.getKey());
            if (was != null && was.checkRequests() < entry.getValue().checkRequests()) {
                lastAskedAtStep.put(entry.getKey(), step);
                if (!checkNowThisStep.contains(entry.getKey()) && firedThisStep != null && tooSoon.isEmpty()) {
                    tooSoon = askedAgainInTurn(firedThisStep, entry.getKey(), nowMs);
                }
            }
        }
        checkNowThisStep.clear();
        if (tooSoon.isPresent()) {
            return tooSoon;
        }
        store.repository().nodes().liveNodes().forEach((node, expiresAtMs) -> {
            Long seen = heartbeats.put(node, expiresAtMs);
            if (seen == null || seen < expiresAtMs) {
                renewedAtStep.put(node, step);
            }
        });
        Optional<NodeViolation> startUnchecked = startsLearntCheckedAtOnce(now, nowMs);
        SimulatedNode read = renewedThisStep(nowMs);
        if (read != null) {
            Map<String, Boolean> readings = monitoringRead.computeIfAbsent(read.id, id -> new HashMap<>());
            readings.clear();
            now.forEach((monitorId, row) -> readings.put(monitorId, row.monitoring()));
        }
        if (commandedThisStep != null && !commandedThisStep.cutOff(nowMs)) {
            NodeLeases.MonitorRow row = now.get(commandedMonitor);
            Map<String, Boolean> readings = monitoringRead.computeIfAbsent(commandedThisStep.id, id -> new HashMap<>());
            commandReadAtStep.put(commandedThisStep.id + " " + commandedMonitor, step);
            if (row == null) {
                readings.remove(commandedMonitor);
            } else {
                readings.put(commandedMonitor, row.monitoring());
            }
        }
        firedThisStep = null;
        firedKind = null;
        commandedThisStep = null;
        commandedMonitor = null;
        if (startUnchecked.isPresent()) {
            return startUnchecked;
        }
        Set<String> manualResults = new HashSet<>();
        for (SimulatedNode node : nodes) {
            for (PendingAttempt attempt : node.runtime.pendingAttempts()) {
                String key = attempt.key().operationId() + "#" + attempt.key().attempt();
                if (node.attemptsSeen.add(key)) {
                    NodeLeases.MonitorRow row = now.get(attempt.key().monitorId());
                    if (!holds(row, node, nowMs) && !heldWhenRemoved(attempt, node)) {
                        return Optional.of(new NodeViolation(NodeInvariant.NI1, step, nowMs, "node " + node.id + " probes "
                                + attempt.key().monitorId() + ", but the lease is " + row));
                    }
                    Change stop = stops.get(attempt.key().monitorId());
                    if (stop != null && knows(node, attempt.key().monitorId(), stop) && !(manual(node, attempt.key().operationId())
                            && (attempt.key().attempt() > 1 || mayCheckStopped(attempt.key().monitorId(), stop)))) {
                        return Optional.of(new NodeViolation(NodeInvariant.NI5, step, nowMs, "node " + node.id + " probes "
                                + attempt.key().monitorId() + " (" + attempt.key() + "), but it was stopped " + stop.describe()
                                + " and node " + node.id + " has read it since"));
                    }
                    // A manual check's retries keep the settings it began with: an update restarts
                    // the checks of a monitoring monitor only (R9), and leaves a paused one's running.
                    boolean retryOfManual = attempt.key().attempt() > 1 && manual(node, attempt.key().operationId());
                    if (!retryOfManual && !mayProbeWith(attempt, node)) {
                        return Optional.of(new NodeViolation(NodeInvariant.NI5, step, nowMs, "node " + node.id + " probes "
                                + attempt.key().monitorId() + " at " + attempt.startedAtMs() + " ms with " + attempt.settings()
                                + ", but its settings are " + committedSettings.get(attempt.key().monitorId()) + " since the "
                                + lastReplacement.get(attempt.key().monitorId()) + ", and node " + node.id + " has renewed since"));
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
                    NodeLeases.MonitorRow row = now.get(completed.monitorId());
                    if (!holds(row, node, nowMs)) {
                        return Optional.of(new NodeViolation(NodeInvariant.NI2, step, nowMs, "node " + node.id + " applied a result to "
                                + completed.monitorId() + ", but the lease is " + row));
                    }
                    lastAppliedAtMs.put(completed.monitorId(), nowMs);
                    if (completed.manual()) {
                        manualResults.add(completed.monitorId());
                    }
                }
            }
            node.eventsSeen = events.size();
        }
        for (Map.Entry<String, NodeLeases.MonitorRow> entry : then.entrySet()) {
            NodeLeases.MonitorRow was = entry.getValue();
            NodeLeases.MonitorRow later = now.get(entry.getKey());
            // A checkNow's manual check lands on a paused monitor by design (R8); any other result may not.
            if (!was.monitoring() && later != null && !later.monitoring() && !recreated.contains(entry.getKey())
                    && !manualResults.contains(entry.getKey()) && !later.lastCheckedAtMs().equals(was.lastCheckedAtMs())) {
                return Optional.of(new NodeViolation(NodeInvariant.NI3, step, nowMs, entry.getKey() + " is stopped, yet its last result changed from "
                        + was.lastCheckedAtMs() + " to " + later.lastCheckedAtMs()));
            }
        }
        Optional<NodeViolation> uncancelled = forwardedRequestsCancel(now, nowMs);
        if (uncancelled.isPresent()) {
            return uncancelled;
        }
        Optional<NodeViolation> unchecked = claimsCheckedAtOnce(then, now, nowMs);
        if (unchecked.isPresent()) {
            return unchecked;
        }
        Optional<NodeViolation> misanswered = judgeAskedChecks(now, nowMs);
        recreated.clear();
        return misanswered;
    }

    /**
     * NI6 on asking again (N6): a node counts a request again only for a forwarded caller that has
     * waited an owner's whole turn since its request last counted: a renewal period and a lease to
     * learn of it, then the monitor's operation deadline (the shortest of the settings it may know).
     * Whether the node asks by its first renewal after that is left to NI6's bound on the caller.
     */
    private Optional<NodeViolation> askedAgainInTurn(SimulatedNode node, String monitorId, long nowMs) {
        long turnMs = NodeRunner.LEASE_MS + NodeRunner.LEASE_MS / 3 + deadlineDelayMsMin();
        Long lastAskedAgainMs = askedAgainAtMs.put(node.id + " " + monitorId, nowMs);
        Optional<Long> oldestAskedMs = askedChecks.stream()
                .filter(asked -> asked.node() == node && asked.monitorId().equals(monitorId) && asked.forwarded() && !asked.beyondLimit())
                .map(asked -> Math.max(asked.atMs(), lastAskedAgainMs == null ? Long.MIN_VALUE : lastAskedAgainMs))
                .min(Long::compare);
        if (oldestAskedMs.isEmpty()) {
            return Optional.of(new NodeViolation(NodeInvariant.NI6, step, nowMs, "node " + node.id + " counted a request of " + monitorId
                    + " again, but none of its callers waits for that monitor's check"));
        }
        if (nowMs - oldestAskedMs.get() < turnMs) {
            return Optional.of(new NodeViolation(NodeInvariant.NI6, step, nowMs, "node " + node.id + " counted a request of " + monitorId
                    + " again at " + nowMs + " ms, though its longest-waiting caller's request counted at " + oldestAskedMs.get()
                    + " ms: a caller asks again only after an owner's turn, " + turnMs + " ms"));
        }
        return Optional.empty();
    }

    /** The operation deadline of the quickest settings a node may know a monitor by (R7). */
    private long deadlineDelayMsMin() {
        return java.util.stream.Stream.concat(committedSettings.values().stream(), replaced.stream().map(Replaced::settings))
                .mapToLong(dev.vigil.engine.operation.RetryPolicy::deadlineDelayMs).min().orElseThrow();
    }

    /**
     * NI6 for the owner's side of a forwarded checkNow (R8, N6): once a node has renewed after the
     * request was counted, the check it ran when asked is cancelled, as a checkNow made on it would
     * cancel it, while the monitor is monitoring (on a paused one the owner may leave a request it
     * cannot order against a stop).
     */
    private Optional<NodeViolation> forwardedRequestsCancel(Map<String, NodeLeases.MonitorRow> now, long nowMs) {
        for (ForwardedRequest request : List.copyOf(forwardedRequests)) {
            NodeLeases.MonitorRow row = now.get(request.monitorId());
            boolean open = false;
            for (SimulatedNode node : nodes) {
                for (LiveOperation operation : node.engine.diagnostics().liveOperations()) {
                    if (!operation.cancelled() && request.operationIds().contains(operation.id())) {
                        open = true;
                        if (row != null && row.monitoring() && node.running(nowMs) && learnt(node, request.step())) {
                            return Optional.of(new NodeViolation(NodeInvariant.NI6, step, nowMs, "node " + node.id + " still runs " + operation
                                    + ", though a checkNow forwarded at step " + request.step() + " asked for a new check of "
                                    + request.monitorId() + " and the node has renewed since: a checkNow cancels the running check"));
                        }
                    }
                }
            }
            if (!open) {
                forwardedRequests.remove(request);
            }
        }
        return Optional.empty();
    }

    /**
     * The node that renewed in this step, reading every row: the one whose {@code LEASE_RENEWAL}
     * timer the step fired while the store reached it (two at one virtual time are two), or whose
     * heartbeat moved later in it (a timer or a command of a node whose lease lapsed renews first); else null.
     */
    private SimulatedNode renewedThisStep(long nowMs) {
        SimulatedNode node = firedThisStep != null ? firedThisStep : commandedThisStep;
        if (node == null || !node.running(nowMs) || node.cutOff(nowMs)) {
            return null;
        }
        boolean renewed = firedKind == dev.vigil.engine.spi.TimerKind.LEASE_RENEWAL || renewedAtStep.getOrDefault(node.id, -1) == step;
        return renewed ? node : null;
    }

    /**
     * NI7 on a start made elsewhere (N6): a node that reads, at a renewal, a monitor it holds
     * monitoring, where it last read it paused (at its previous renewal or its own last command on
     * it), acts as the start's own node would have: it checks it at once, so it holds an operation
     * of it when the step ends. A cancelled one counts: a request read in the same renewal cancels
     * the start's check for a manual one.
     */
    private Optional<NodeViolation> startsLearntCheckedAtOnce(Map<String, NodeLeases.MonitorRow> now, long nowMs) {
        SimulatedNode node = renewedThisStep(nowMs);
        if (node == null) {
            return Optional.empty();
        }
        Map<String, Boolean> readings = monitoringRead.getOrDefault(node.id, Map.of());
        for (NodeLeases.MonitorRow row : now.values()) {
            if (holds(row, node, nowMs) && row.monitoring() && Boolean.FALSE.equals(readings.get(row.monitorId()))
                    && !recreated.contains(row.monitorId()) && node.engine.diagnostics().liveOperations().stream()
                            .noneMatch(operation -> operation.monitorId().equals(row.monitorId()))) {
                return Optional.of(new NodeViolation(NodeInvariant.NI7, step, nowMs, "node " + node.id + " read at its renewal that "
                        + row.monitorId() + ", which it holds, is monitoring, where it last read it paused, and began no check of it"));
            }
        }
        return Optional.empty();
    }

    /**
     * NI7: a running node that claimed a monitoring monitor in this step checks it at once (N7):
     * it holds an operation of it when the step ends (the operations of its earlier holdings it
     * dropped when it claimed).
     */
    private Optional<NodeViolation> claimsCheckedAtOnce(Map<String, NodeLeases.MonitorRow> then, Map<String, NodeLeases.MonitorRow> now,
            long nowMs) {
        for (SimulatedNode node : nodes) {
            if (!node.running(nowMs) || node.cutOff(nowMs)) {
                continue;
            }
            for (NodeLeases.MonitorRow row : now.values()) {
                NodeLeases.MonitorRow was = then.get(row.monitorId());
                boolean claimed = holds(row, node, nowMs) && (was == null || !was.owner().equals(node.id) || was.token() != row.token());
                // Cancelled counts: a request counted on the row, read in the same renewal, cancels the claim's check for a manual one.
                if (claimed && row.monitoring() && !recreated.contains(row.monitorId()) && node.engine.diagnostics().liveOperations().stream()
                        .noneMatch(operation -> operation.monitorId().equals(row.monitorId()))) {
                    return Optional.of(new NodeViolation(NodeInvariant.NI7, step, nowMs, "node " + node.id + " claimed " + row.monitorId()
                            + " (token " + row.token() + "), which is monitoring, and began no check of it"));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * NI6 on every stage that completed in this step: a record must be committed to the monitor's
     * history now (unless the monitor was removed and added again in this step) and must not be
     * one it had when the caller asked; a failure must be one the API documents for checkNow.
     */
    private Optional<NodeViolation> judgeAskedChecks(Map<String, NodeLeases.MonitorRow> now, long nowMs) {
        for (AskedCheck asked : List.copyOf(askedChecks)) {
            if (!asked.stage().isDone()) {
                if (asked.node().closed) {
                    return Optional.of(new NodeViolation(NodeInvariant.NI6, step, nowMs, asked.describe()
                            + " still waits, though its node closed: a close fails every caller it has waiting"));
                }
                if (asked.beyondLimit()) {
                    return Optional.of(new NodeViolation(NodeInvariant.NI6, step, nowMs, asked.describe() + " waits, though "
                            + AwaitedChecks.WAITING_PER_MONITOR_MAX + " callers of its node waited for that monitor already: it fails at once"));
                }
                continue;
            }
            askedChecks.remove(asked);
            Throwable failure = asked.stage().handle((record, thrown) -> thrown).join();
            Throwable cause = failure instanceof CompletionException wrapped && wrapped.getCause() != null ? wrapped.getCause() : failure;
            if (asked.beyondLimit() != refusedAsOneTooMany(cause)) {
                return Optional.of(new NodeViolation(NodeInvariant.NI6, step, nowMs, asked.describe() + (asked.beyondLimit()
                        ? " ended with " + (cause == null ? asked.stage().join() : cause) + ", though " + AwaitedChecks.WAITING_PER_MONITOR_MAX
                                + " callers of its node waited for that monitor already: it fails at once with IllegalStateException"
                        : " failed with " + cause + ", though fewer than " + AwaitedChecks.WAITING_PER_MONITOR_MAX
                                + " callers of its node waited for that monitor")));
            }
            if (cause != null) {
                boolean closedWith = cause instanceof EngineClosedException && asked.node().closed;
                if (!(cause instanceof CheckDiscardedException || cause instanceof UnknownMonitorException || cause instanceof StoreException
                        || closedWith || asked.beyondLimit())) {
                    return Optional.of(new NodeViolation(NodeInvariant.NI6, step, nowMs, asked.describe() + " failed with " + cause));
                }
                // Failed by the renewal that found the row gone: another node removed the monitor (R8: as unknown).
                if (cause instanceof CheckDiscardedException && !now.containsKey(asked.monitorId())
                        && renewedAtStep.getOrDefault(asked.node().id, -1) == step) {
                    return Optional.of(new NodeViolation(NodeInvariant.NI6, step, nowMs, asked.describe() + " failed with " + cause
                            + " when its node learnt that the monitor was removed: a removal fails its callers as for an unknown monitor"));
                }
                continue;
            }
            CheckRecord record = asked.stage().join();
            if (asked.earlierOperationIds().contains(record.operationId())) {
                return Optional.of(new NodeViolation(NodeInvariant.NI6, step, nowMs, asked.describe() + " completed with " + record
                        + ", a record the monitor already had when it was asked"));
            }
            if (!recreated.contains(asked.monitorId()) && !store.repository().history(asked.monitorId()).contains(record)) {
                return Optional.of(new NodeViolation(NodeInvariant.NI6, step, nowMs, asked.describe() + " completed with " + record
                        + ", which is not in the monitor's committed history"));
            }
        }
        return Optional.empty();
    }

    /** Whether a checkNow failed as the caller beyond its monitor's limit: a plain {@link IllegalStateException}, not a subtype. */
    private static boolean refusedAsOneTooMany(Throwable cause) {
        return cause != null && cause.getClass() == IllegalStateException.class;
    }

    /**
     * Whether a manual check of a monitor stopped by {@code stop} may begin on a node that knows of
     * the stop: only for a checkNow asked, or a forwarded request counted, after it (R8). A stop
     * drops every request made before it (R3), on any node.
     */
    private boolean mayCheckStopped(String monitorId, Change stop) {
        return lastAskedAtStep.getOrDefault(monitorId, -1) > stop.step();
    }

    /** Whether {@code operationId} is a live manual operation of {@code node}: a checkNow's check, which runs on a paused monitor too (R8). */
    private static boolean manual(SimulatedNode node, String operationId) {
        return node.engine.diagnostics().liveOperations().stream().anyMatch(operation -> operation.id().equals(operationId) && operation.manual());
    }

    /**
     * Whether {@code node} has renewed successfully in a step after {@code changeStep}: its renewal
     * read every row, so it knows of the change and must have acted on it (N6).
     */
    private boolean learnt(SimulatedNode node, int changeStep) {
        return renewedAtStep.getOrDefault(node.id, -1) > changeStep;
    }

    /**
     * Whether {@code node} knows of {@code stop} of {@code monitorId}: it made it in an earlier step
     * (within its own step, the command first acts on what other nodes changed, which may begin a
     * check the stop then cancels), it has renewed since, or a command on it has read the
     * monitor's row since, which it acts on before the command, as a renewal would (N6).
     */
    private boolean knows(SimulatedNode node, String monitorId, Change stop) {
        return (node.id.equals(stop.node()) && step > stop.step()) || learnt(node, stop.step())
                || commandReadAtStep.getOrDefault(node.id + " " + monitorId, -1) > stop.step();
    }

    /**
     * NI1 during N6's lag: the node held the monitor's lease when another node removed it, and
     * has not renewed since, so it does not know yet (no result of it is applied: NI2 stays strict).
     */
    private boolean heldWhenRemoved(PendingAttempt attempt, SimulatedNode node) {
        return removedLeases.stream().anyMatch(old -> old.monitorId().equals(attempt.key().monitorId()) && old.holder().equals(node.id)
                && !learnt(node, old.step()));
    }

    /**
     * NI5 on what a node holds: once a running node knows of a stop, it has cancelled every
     * operation and the tick of the stopped monitor (R3, R5), and runs no manual check but for a
     * request made after the stop.
     */
    private Optional<String> operationOfAStoppedMonitor(SimulatedNode node, long nowMs) {
        if (!node.running(nowMs)) {
            return Optional.empty();
        }
        for (LiveOperation operation : node.engine.diagnostics().liveOperations()) {
            Change stop = stops.get(operation.monitorId());
            if (!operation.cancelled() && stop != null && knows(node, operation.monitorId(), stop) && !(operation.manual() && mayCheckStopped(operation.monitorId(), stop))) {
                return Optional.of("node " + node.id + " still runs " + operation + " of " + operation.monitorId() + ", stopped "
                        + stop.describe() + ", though it has read it since");
            }
        }
        for (Map.Entry<String, Change> stopped : stops.entrySet()) {
            if (knows(node, stopped.getKey(), stopped.getValue()) && node.engine.diagnostics().hasTick(stopped.getKey())) {
                return Optional.of("node " + node.id + " still ticks " + stopped.getKey() + ", stopped " + stopped.getValue().describe()
                        + ", though it has read it since");
            }
        }
        return Optional.empty();
    }

    /** NI5: the committed settings, or settings replaced by a change the node has not renewed since. */
    private boolean mayProbeWith(PendingAttempt attempt, SimulatedNode node) {
        String monitorId = attempt.key().monitorId();
        return attempt.settings().equals(committedSettings.get(monitorId)) || replaced.stream()
                .anyMatch(old -> old.monitorId().equals(monitorId) && old.settings().equals(attempt.settings()) && !learnt(node, old.step()));
    }

    /** Whether {@code row} shows {@code node} holding a lease valid at database time {@code nowMs}. */
    private static boolean holds(NodeLeases.MonitorRow row, SimulatedNode node, long nowMs) {
        return row != null && row.owner().equals(node.id) && row.expiresAtMs() > nowMs;
    }

    /** A checkNow asked on {@code node}: when, and the operations whose records the monitor already had. */
    private record AskedCheck(SimulatedNode node, String monitorId, int step, long atMs, Set<String> earlierOperationIds, boolean forwarded,
            boolean beyondLimit, CompletableFuture<CheckRecord> stage) {
        String describe() {
            return "the checkNow of " + monitorId + " on node " + node.id + " at " + atMs + " ms (step " + step + ")";
        }
    }

    /** A forwarded checkNow counted in {@code step}, and the uncancelled operations of its monitor then. */
    private record ForwardedRequest(String monitorId, int step, Set<String> operationIds) {}

    /** A lease that ended because a node removed its monitor: who held it, and in which step. */
    private record RemovedLease(String monitorId, String holder, int step) {}

    /** Settings a command replaced, and in which step. */
    private record Replaced(String monitorId, MonitorSettings settings, int step) {}

    /** A command's change: in which step, when, on which node. */
    private record Change(int step, long atMs, String node) {
        String describe() {
            return "on node " + node + " at " + atMs + " ms (step " + step + ")";
        }
    }
}
