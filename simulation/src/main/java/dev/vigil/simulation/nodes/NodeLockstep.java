package dev.vigil.simulation.nodes;

import dev.vigil.engine.spi.LiveOperation;
import dev.vigil.engine.spi.TimerKind;
import dev.vigil.engine.store.NodeLeases;
import dev.vigil.model.nodes.Cluster;
import dev.vigil.model.nodes.Holding;
import dev.vigil.model.nodes.Node;
import dev.vigil.model.nodes.NodeCheck;
import dev.vigil.model.nodes.NodeEvent;
import dev.vigil.model.nodes.NodeFlaw;
import dev.vigil.model.nodes.NodeRules;
import dev.vigil.model.nodes.NodeScope;
import dev.vigil.model.nodes.NodeStep;
import dev.vigil.model.nodes.NodeTiming;
import dev.vigil.model.nodes.ProbeResult;
import dev.vigil.model.nodes.StoredMonitor;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * The node model ({@code model/…/nodes}) run beside the real engines, step by step: after every
 * step the engines' change is read as the model's events (a renewal, a claim, a tick, a probe's
 * return, a retry, a lapse, a command, a fault), each applied with {@link NodeRules#step}, and
 * then what the engines hold is compared with the model's {@link Cluster}, per monitor: the lease's
 * owner node, its fencing token, whether the monitor is monitoring, whether the lease is valid
 * now, and per node whether it holds and believes the lease and whether an operation is in flight,
 * and whether a result was applied in the step. A difference is a {@link NodeInvariant#LOCKSTEP}
 * violation with the two sides side by side.
 *
 * <p>Where the engine does what SPEC §6 leaves open and the model does otherwise (docs/SEMANTICS.md
 * "Nodes: the engine beside the node model"), the comparison does not skip it: it counts it under
 * its name in {@link #openPoints()}, and puts the model in the engine's state on that one point.
 */
final class NodeLockstep {
    /** A stopped monitor stays owned by its node: the engine keeps (and claims) its lease; the model releases it and claims only monitoring ones. */
    static final String STOPPED_STAYS_OWNED = "a stopped monitor stays owned (the model releases it)";
    /** Placement moves a monitoring monitor to another live node, or a closing node leaves: the model has no handover. */
    static final String HANDOVER = "a node hands a monitoring monitor over (the model has no handover)";
    /** The engine renews early: when another node's lease is due, or when a command committed; the model renews when a period is due. */
    static final String EARLY_RENEWAL = "a node renews before its period (the model waits for the period)";
    /** The owner begins a check on a monitor stopped on another node before it learns of the stop (N6); the model's begin reads the row's status. */
    static final String BEGIN_BEFORE_STOP_LEARNT = "the owner begins a check of a monitor stopped elsewhere before it learns of the stop (the model's begin reads the status)";
    /** An operation's deadline (R7) ends it; the node model has no deadline. */
    static final String DEADLINE = "an operation's deadline ends it (the model has no deadline)";
    /** A probe attempt that runs out of time: the model reads it as a DOWN return. */
    static final String TIMEOUT_AS_DOWN = "an attempt's timeout is a DOWN return";

    private final NodeRules rules;
    private final List<String> monitorIds;
    private final Map<String, Long> openPoints = new java.util.TreeMap<>();
    /** The engine's operation id → the model's operation number for it, so that an operation's end is matched to the model's check. */
    private final Map<String, Integer> operationSequences = new HashMap<>();
    private Cluster model;
    private Seen before;

    /**
     * A lockstep for two or three nodes named a, b, c.
     *
     * @param skewsMs    each node's wall-clock skew, by id
     * @param monitorIds the monitors
     * @param retries    every monitor's retry attempts
     */
    NodeLockstep(SortedMap<String, Long> skewsMs, List<String> monitorIds, int retries) {
        this.monitorIds = List.copyOf(monitorIds);
        // The pause length is the engine's choice, set on the model's node directly; the model's own must only exceed the lease.
        NodeTiming timing = new NodeTiming(NodeRunner.LEASE_MS, NodeRunner.LEASE_MS / 3, NodeRunner.INTERVAL_MS, NodeRunner.LEASE_MS + 1);
        NodeScope scope = new NodeScope(TreeMap.ofAll(skewsMs), io.vavr.collection.List.ofAll(monitorIds), timing, Integer.MAX_VALUE,
                Integer.MAX_VALUE, retries);
        this.rules = new NodeRules(scope, NodeFlaw.NONE);
    }

    /** The open points met so far (docs/SEMANTICS.md), each with how many times. */
    Map<String, Long> openPoints() {
        return openPoints;
    }

    /** Starts beside {@code world} as {@link NodeWorld#begin} left it: every monitor monitoring and unclaimed, as in the model's first world. */
    void begin(NodeWorld world) {
        model = rules.scope().initial();
        before = see(world);
    }

    /**
     * Reads the step the engines just took as the model's events, applies them, and compares.
     *
     * @param world  the engines after the step
     * @param choice what the step was
     * @return a {@link NodeInvariant#LOCKSTEP} violation if the engines and the model differ
     */
    Optional<NodeViolation> step(NodeWorld world, NodeChoice choice) {
        long nowMs = world.clock.monotonicMs();
        Seen after = see(world);
        List<String> applied = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        boolean[] resultApplied = new boolean[1];
        model = new Cluster(nowMs, model.nodes(), model.monitors(), model.faultsLeft(), model.commandsLeft());
        java.util.function.Consumer<NodeEvent> take = event -> {
            NodeStep next = rules.step(model, event);
            model = next.next();
            applied.add(event.describe());
            if (next.applied().isDefined()) {
                resultApplied[0] = true;
            }
        };
        switch (choice) {
            case NodeChoice.Pause pause -> {
                String id = NodeExplorer.name(pause.node());
                Node node = model.nodes().get(id).get();
                model = withNode(model, id, new Node(node.skewMs(), node.crashed(), node.connected(), pause.untilMs(), node.renewedAtLocalMs(),
                        node.nextSequence(), node.holdings(), node.checks()));
                applied.add(id + " pauses until " + pause.untilMs() + " ms");
            }
            case NodeChoice.Crash crash -> take.accept(new NodeEvent.Crash(NodeExplorer.name(crash.node())));
            case NodeChoice.CutOff cut -> take.accept(new NodeEvent.CutOff(NodeExplorer.name(cut.node())));
            case NodeChoice.Command command -> take.accept(command.start() ? new NodeEvent.Start(command.monitorId())
                    : new NodeEvent.Stop(command.monitorId()));
            case NodeChoice.Close close -> throw new IllegalArgumentException("the node model has no close: " + close.describe()
                    + " belongs to a run with edits, which goes without the lockstep");
            default -> {
            }
        }
        for (int i = 0; i < world.nodes.size(); i++) {
            String id = NodeExplorer.name(i);
            Node node = model.nodes().get(id).get();
            if (!node.crashed() && !node.connected() && !world.nodes.get(i).cutOff(nowMs)) {
                take.accept(new NodeEvent.Reconnect(id));
            }
        }
        // Renewals first: a claim is made in the renewal's transaction, after the node's own leases were extended.
        for (int i = 0; i < world.nodes.size(); i++) {
            String id = NodeExplorer.name(i);
            Long then = before.heartbeats.get(id);
            Long now = after.heartbeats.get(id);
            if (now != null && !now.equals(then)) {
                Node node = model.nodes().get(id).get();
                if (node.localMs(nowMs) < node.renewedAtLocalMs() + rules.scope().timing().renewEveryMs()) {
                    openPoint(EARLY_RENEWAL);
                }
                take.accept(new NodeEvent.Renew(id));
            }
        }
        for (String monitorId : monitorIds) {
            NodeLeases.MonitorRow was = before.rows.get(monitorId);
            NodeLeases.MonitorRow row = after.rows.get(monitorId);
            if (row.token() > was.token() && !row.owner().isEmpty()) {
                StoredMonitor stored = model.monitors().get(monitorId).get();
                boolean free = stored.owner().isEmpty() || nowMs >= stored.expiresAtMs();
                if (!free) {
                    refused.add(row.owner() + " claims " + monitorId + ", but the model's lease is " + stored.owner().getOrElse("none")
                            + "'s until " + stored.expiresAtMs() + " ms");
                }
                if (!stored.monitoring()) {
                    openPoint(STOPPED_STAYS_OWNED);
                }
                take.accept(new NodeEvent.Claim(row.owner(), monitorId));
            } else if (row.owner().isEmpty() && !was.owner().isEmpty()) {
                // Released in a renewal (a handover) or when leaving: the model keeps every lease until it expires.
                openPoint(HANDOVER);
                StoredMonitor stored = model.monitors().get(monitorId).get();
                model = withRow(model, monitorId, new StoredMonitor(stored.monitoring(), Option.none(), stored.token(), stored.expiresAtMs(),
                        stored.listed(), stored.lastResult()));
                model.nodes().get(was.owner()).filter(node -> node.holdings().containsKey(monitorId))
                        .forEach(node -> model = withNode(model, was.owner(), dropped(node, monitorId)));
            }
        }
        for (int i = 0; i < world.nodes.size(); i++) {
            String id = NodeExplorer.name(i);
            SimulatedNode real = world.nodes.get(i);
            if (real.crashed()) {
                continue;
            }
            for (String monitorId : monitorIds) {
                String opBefore = before.operations.get(i).get(monitorId);
                String opAfter = after.operations.get(i).get(monitorId);
                Option<NodeCheck> check = model.nodes().get(id).get().checks().get(monitorId);
                boolean answered = choice instanceof NodeChoice.Answer answer && answer.node() == i && answer.attempt().monitorId().equals(monitorId);
                boolean timedOut = choice instanceof NodeChoice.Fire fire && fire.node() == i && fire.kind() == TimerKind.ATTEMPT_TIMEOUT
                        && fire.monitorId().equals(monitorId);
                boolean retried = choice instanceof NodeChoice.Fire fire && fire.node() == i && fire.kind() == TimerKind.RETRY
                        && fire.monitorId().equals(monitorId);
                boolean deadline = choice instanceof NodeChoice.Fire fire && fire.node() == i && fire.kind() == TimerKind.DEADLINE
                        && fire.monitorId().equals(monitorId);
                if ((answered || timedOut) && opBefore != null && check.isDefined() && check.get().attemptOut()) {
                    if (timedOut) {
                        openPoint(TIMEOUT_AS_DOWN);
                    }
                    boolean up = choice instanceof NodeChoice.Answer answer && answer.up();
                    take.accept(new NodeEvent.ProbeReturn(id, monitorId, up ? ProbeResult.UP : ProbeResult.DOWN));
                    check = model.nodes().get(id).get().checks().get(monitorId);
                }
                if (retried && check.isDefined() && !check.get().attemptOut() && opAfter != null) {
                    take.accept(new NodeEvent.Retry(id, monitorId));
                    check = model.nodes().get(id).get().checks().get(monitorId);
                }
                if (opBefore != null && !opBefore.equals(opAfter) && check.isDefined() && check.get().operation().sequence() == sequenceOf(opBefore)) {
                    // The engine ended the operation otherwise: a deadline, a stop learnt, a lapse.
                    if (deadline) {
                        openPoint(DEADLINE);
                    } else if (!after.owns.get(i).contains(monitorId) && model.nodes().get(id).get().holdings().containsKey(monitorId)) {
                        take.accept(new NodeEvent.Lapse(id, monitorId));
                    } else if (!after.rows.get(monitorId).monitoring()) {
                        openPoint(STOPPED_STAYS_OWNED);
                    }
                    Node node = model.nodes().get(id).get();
                    model = withNode(model, id, new Node(node.skewMs(), node.crashed(), node.connected(), node.pausedUntilMs(),
                            node.renewedAtLocalMs(), node.nextSequence(), node.holdings(), node.checks().remove(monitorId)));
                    check = Option.none();
                }
                if (opAfter != null && !opAfter.equals(opBefore)) {
                    Node node = model.nodes().get(id).get();
                    Option<Holding> holding = node.holdings().get(monitorId);
                    StoredMonitor stored = model.monitors().get(monitorId).get();
                    if (holding.isEmpty() || !stored.heldBy(id, holding.get().token(), nowMs)) {
                        refused.add(id + " begins an operation on " + monitorId + ", but the model's lease is " + describe(stored)
                                + " and " + id + " holds " + holding.map(Holding::token).map(String::valueOf).getOrElse("nothing"));
                    }
                    if (stored.monitoring()) {
                        take.accept(new NodeEvent.Tick(id, monitorId));
                    } else {
                        // The model's begin reads the row's monitoring; the engine's owner begins until it learns of the stop (N6).
                        openPoint(BEGIN_BEFORE_STOP_LEARNT);
                        model = withRow(model, monitorId, monitoring(stored, true));
                        take.accept(new NodeEvent.Tick(id, monitorId));
                        model = withRow(model, monitorId, monitoring(model.monitors().get(monitorId).get(), false));
                    }
                    operationSequences.put(opAfter, model.nodes().get(id).get().nextSequence() - 1);
                }
            }
        }
        for (String monitorId : monitorIds) {
            if (!after.rows.get(monitorId).lastCheckedAtMs().equals(before.rows.get(monitorId).lastCheckedAtMs()) && !resultApplied[0]) {
                refused.add("the engine applied a result to " + monitorId + " that the model did not apply");
            }
        }
        before = after;
        List<String> differences = new ArrayList<>(refused);
        differences.addAll(compare(world, after, nowMs));
        if (differences.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new NodeViolation(NodeInvariant.LOCKSTEP, world.step, nowMs, String.join("; ", differences) + " (after "
                + choice.describe() + "; the model took: " + String.join(", ", applied) + ")"));
    }

    private int sequenceOf(String operationId) {
        return operationSequences.getOrDefault(operationId, -1);
    }

    private void openPoint(String name) {
        openPoints.merge(name, 1L, Long::sum);
    }

    /** Per monitor: owner, token, monitoring, lease valid; per running node: holds and believes, operation in flight. */
    private List<String> compare(NodeWorld world, Seen seen, long nowMs) {
        List<String> differences = new ArrayList<>();
        for (String monitorId : monitorIds) {
            NodeLeases.MonitorRow row = seen.rows.get(monitorId);
            StoredMonitor stored = model.monitors().get(monitorId).get();
            // A released lease has no validity to compare: the engine zeroes its expiry, the model keeps it.
            String engine = "owner " + (row.owner().isEmpty() ? "none" : row.owner()) + ", token " + row.token() + ", "
                    + (row.monitoring() ? "monitoring" : "stopped") + ", lease " + (!row.owner().isEmpty() && row.expiresAtMs() > nowMs ? "valid" : "not valid");
            String modelSide = "owner " + stored.owner().getOrElse("none") + ", token " + stored.token() + ", "
                    + (stored.monitoring() ? "monitoring" : "stopped") + ", lease " + (stored.owner().isDefined() && stored.expiresAtMs() > nowMs ? "valid" : "not valid");
            if (!engine.equals(modelSide)) {
                differences.add(monitorId + ": engine " + engine + " | model " + modelSide);
            }
            for (int i = 0; i < world.nodes.size(); i++) {
                SimulatedNode real = world.nodes.get(i);
                String id = NodeExplorer.name(i);
                Node node = model.nodes().get(id).get();
                if (real.crashed() || node.crashed()) {
                    continue;
                }
                boolean holds = seen.owns.get(i).contains(monitorId);
                Option<Holding> holding = node.holdings().get(monitorId);
                boolean believed = holding.exists(h -> node.localMs(nowMs) < h.believedUntilLocalMs());
                boolean inFlight = seen.operations.get(i).containsKey(monitorId);
                boolean checking = node.checks().containsKey(monitorId);
                if (holds != believed || inFlight != checking) {
                    differences.add(monitorId + " on " + id + ": engine " + (holds ? "holds" : "does not hold") + " the lease, "
                            + (inFlight ? "an operation in flight" : "no operation") + " | model " + (believed ? "holds" : "does not hold")
                            + " the lease, " + (checking ? "a check running" : "no check"));
                }
            }
        }
        return differences;
    }

    private static String describe(StoredMonitor stored) {
        return stored.owner().map(owner -> owner + "'s, token " + stored.token() + ", until " + stored.expiresAtMs() + " ms").getOrElse("free");
    }

    private static StoredMonitor monitoring(StoredMonitor row, boolean value) {
        return new StoredMonitor(value, row.owner(), row.token(), row.expiresAtMs(), row.listed(), row.lastResult());
    }

    private static Node dropped(Node node, String monitorId) {
        return new Node(node.skewMs(), node.crashed(), node.connected(), node.pausedUntilMs(), node.renewedAtLocalMs(), node.nextSequence(),
                node.holdings().remove(monitorId), node.checks().remove(monitorId));
    }

    private static Cluster withNode(Cluster world, String id, Node node) {
        return new Cluster(world.nowMs(), world.nodes().put(id, node), world.monitors(), world.faultsLeft(), world.commandsLeft());
    }

    private static Cluster withRow(Cluster world, String id, StoredMonitor row) {
        return new Cluster(world.nowMs(), world.nodes(), world.monitors().put(id, row), world.faultsLeft(), world.commandsLeft());
    }

    /** What the lockstep reads of the engines after a step. */
    private record Seen(Map<String, NodeLeases.MonitorRow> rows, Map<String, Long> heartbeats, List<Map<String, String>> operations,
            List<java.util.Set<String>> owns) {
    }

    private Seen see(NodeWorld world) {
        List<Map<String, String>> operations = new ArrayList<>();
        List<java.util.Set<String>> owns = new ArrayList<>();
        for (SimulatedNode node : world.nodes) {
            Map<String, String> live = new HashMap<>();
            for (LiveOperation operation : node.engine.diagnostics().liveOperations()) {
                if (!operation.cancelled()) {
                    live.put(operation.monitorId(), operation.id());
                }
            }
            operations.add(live);
            java.util.Set<String> held = new java.util.HashSet<>();
            for (String monitorId : monitorIds) {
                if (node.engine.owns(monitorId)) {
                    held.add(monitorId);
                }
            }
            owns.add(held);
        }
        return new Seen(world.rows(), world.store.repository().nodes().liveNodes(), operations, owns);
    }
}
