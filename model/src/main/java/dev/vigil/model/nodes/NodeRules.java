package dev.vigil.model.nodes;

import io.vavr.collection.List;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * SPEC §6's rules for several nodes on one store, as a pure step function over a {@link Cluster}:
 * per-monitor leases with fencing tokens on database time (N4), the token carried by every
 * transaction on a monitor (N5), commands from any node (N6) and takeover of expired leases (N7).
 * A {@link NodeFlaw} other than {@code NONE} breaks one rule on purpose.
 *
 * <p>The placement policy is left open: any running node may claim any claimable monitor, so
 * safety is shown for every policy; liveness ({@link NodeLiveness}) needs only that some node
 * claims.
 */
public final class NodeRules {
    private final NodeScope scope;
    private final NodeFlaw flaw;

    /**
     * @param scope the world's nodes, monitors, timing and budgets
     * @param flaw  the rule to break, or {@link NodeFlaw#NONE}
     */
    public NodeRules(NodeScope scope, NodeFlaw flaw) {
        this.scope = Objects.requireNonNull(scope, "scope");
        this.flaw = Objects.requireNonNull(flaw, "flaw");
    }

    /** @return the scope these rules run in */
    public NodeScope scope() {
        return scope;
    }

    /** @return every event that can happen in {@code world}, in a fixed order */
    public List<NodeEvent> enabled(Cluster world) {
        List<NodeEvent> events = List.empty();
        long now = world.nowMs();
        NodeTiming timing = scope.timing();
        for (var entry : world.nodes()) {
            String id = entry._1;
            Node node = entry._2;
            if (!node.running(now)) {
                continue;
            }
            long local = node.localMs(now);
            for (var held : node.holdings()) {
                String monitor = held._1;
                Holding holding = held._2;
                if (!believes(node, holding, now)) {
                    events = events.append(new NodeEvent.Lapse(id, monitor));
                }
                if (node.connected() && !world.monitor(monitor).monitoring()) {
                    events = events.append(new NodeEvent.LearnStopped(id, monitor));
                }
                Option<NodeCheck> check = node.checks().get(monitor);
                if (check.isEmpty() && node.connected() && local >= holding.nextTickLocalMs() && believes(node, holding, now)) {
                    events = events.append(new NodeEvent.Tick(id, monitor));
                }
                if (check.isDefined() && check.get().attemptOut()) {
                    events = events.append(new NodeEvent.ProbeReturn(id, monitor, ProbeResult.UP))
                            .append(new NodeEvent.ProbeReturn(id, monitor, ProbeResult.DOWN));
                }
                if (check.isDefined() && !check.get().attemptOut() && believes(node, holding, now)) {
                    events = events.append(new NodeEvent.Retry(id, monitor));
                }
            }
            if (node.connected() && !node.holdings().isEmpty()
                    && (local >= node.renewedAtLocalMs() + timing.renewEveryMs() || node.holdings().values().exists(h -> !believes(node, h, now)))) {
                events = events.append(new NodeEvent.Renew(id));
            }
            if (node.connected()) {
                for (var stored : world.monitors()) {
                    if (!node.holdings().containsKey(stored._1) && stored._2.claimable(now)
                            && (flaw != NodeFlaw.NO_TAKEOVER || stored._2.owner().isEmpty())) {
                        events = events.append(new NodeEvent.Claim(id, stored._1));
                    }
                }
            }
        }
        if (world.commandsLeft() > 0 && world.commandable()) {
            for (var stored : world.monitors()) {
                events = events.append(stored._2.monitoring() ? new NodeEvent.Stop(stored._1) : new NodeEvent.Start(stored._1));
            }
        }
        if (world.faultsLeft() > 0) {
            for (var entry : world.nodes()) {
                Node node = entry._2;
                if (node.running(now)) {
                    events = events.append(new NodeEvent.Pause(entry._1));
                }
                if (!node.crashed()) {
                    events = events.append(new NodeEvent.Crash(entry._1));
                }
                if (!node.crashed() && node.connected()) {
                    events = events.append(new NodeEvent.CutOff(entry._1));
                }
            }
        }
        for (var entry : world.nodes()) {
            if (!entry._2.crashed() && !entry._2.connected()) {
                events = events.append(new NodeEvent.Reconnect(entry._1));
            }
        }
        return events.append(new NodeEvent.Elapse());
    }

    /**
     * @param world an enabled event's world
     * @param event one of {@link #enabled(Cluster)}
     * @return the world after it
     */
    public NodeStep step(Cluster world, NodeEvent event) {
        long now = world.nowMs();
        NodeTiming timing = scope.timing();
        return switch (event) {
            case NodeEvent.Elapse ignored -> NodeStep.to(world.at(now + 1));
            case NodeEvent.Claim claim -> {
                Node node = world.node(claim.node());
                StoredMonitor row = world.monitor(claim.monitor());
                long token = row.token() + 1;
                long local = node.localMs(now);
                StoredMonitor claimed = new StoredMonitor(row.monitoring(), Option.some(claim.node()), token, now + timing.leaseMs(),
                        row.listed(), row.lastResult());
                Holding holding = new Holding(token, local + timing.leaseMs(), now + timing.leaseMs(), local);
                yield NodeStep.to(world.with(claim.monitor(), claimed).with(claim.node(), node.withHoldings(node.holdings().put(claim.monitor(), holding))));
            }
            case NodeEvent.Renew renew -> renew(world, renew.node());
            case NodeEvent.Tick tick -> tick(world, tick.node(), tick.monitor());
            case NodeEvent.ProbeReturn returned -> probeReturned(world, returned);
            case NodeEvent.Retry retry -> {
                Node node = world.node(retry.node());
                NodeCheck check = node.checks().get(retry.monitor()).get();
                NodeCheck again = new NodeCheck(check.operation(), true, check.retriesLeft());
                yield new NodeStep(world.with(retry.node(), node.withChecks(node.checks().put(retry.monitor(), again))),
                        Option.some(new NodeStep.Attempt(retry.node(), retry.monitor(), check.operation().token())), Option.none());
            }
            case NodeEvent.Lapse lapse -> NodeStep.to(world.with(lapse.node(), world.node(lapse.node()).drop(lapse.monitor())));
            case NodeEvent.LearnStopped learnt -> {
                Node node = world.node(learnt.node());
                StoredMonitor row = world.monitor(learnt.monitor());
                Holding holding = node.holdings().get(learnt.monitor()).get();
                Cluster released = row.owner().contains(learnt.node()) && row.token() == holding.token()
                        ? world.with(learnt.monitor(), new StoredMonitor(row.monitoring(), Option.none(), row.token(), row.expiresAtMs(), row.listed(),
                                row.lastResult()))
                        : world;
                yield NodeStep.to(released.with(learnt.node(), node.drop(learnt.monitor())));
            }
            case NodeEvent.Stop stop -> {
                StoredMonitor row = world.monitor(stop.monitor());
                yield NodeStep.to(world.spendCommand().with(stop.monitor(),
                        new StoredMonitor(false, row.owner(), row.token(), row.expiresAtMs(), Option.none(), row.lastResult())));
            }
            case NodeEvent.Start start -> {
                StoredMonitor row = world.monitor(start.monitor());
                yield NodeStep.to(world.spendCommand().with(start.monitor(),
                        new StoredMonitor(true, row.owner(), row.token(), row.expiresAtMs(), row.listed(), Option.none())));
            }
            case NodeEvent.Pause pause -> NodeStep.to(world.spendFault().with(pause.node(), world.node(pause.node()).pausedUntil(now + timing.pauseMs())));
            case NodeEvent.Crash crash -> NodeStep.to(world.spendFault().with(crash.node(), world.node(crash.node()).crash()));
            case NodeEvent.CutOff cut -> NodeStep.to(world.spendFault().with(cut.node(), world.node(cut.node()).connected(false)));
            case NodeEvent.Reconnect back -> NodeStep.to(world.with(back.node(), world.node(back.node()).connected(true)));
        };
    }

    /** Whether {@code node} trusts its lease now: on its own clock, from its last renewal (N2), unless a flaw says otherwise. */
    boolean believes(Node node, Holding holding, long nowMs) {
        long local = node.localMs(nowMs);
        return switch (flaw) {
            case NONE, NO_FENCING, TOKEN_ONLY, NO_TAKEOVER -> local < holding.believedUntilLocalMs();
            case PROBES_AFTER_LAPSE -> true;
            case NODE_CLOCK_EXPIRY -> local < holding.expirySeenMs();
        };
    }

    private NodeStep renew(Cluster world, String nodeId) {
        Node node = world.node(nodeId);
        long now = world.nowMs();
        long local = node.localMs(now);
        long leaseMs = scope.timing().leaseMs();
        Cluster next = world;
        Node renewed = node;
        for (var held : node.holdings()) {
            StoredMonitor row = world.monitor(held._1);
            Holding holding = held._2;
            if (row.heldBy(nodeId, holding.token(), now)) {
                next = next.with(held._1, new StoredMonitor(row.monitoring(), row.owner(), row.token(), now + leaseMs, row.listed(), row.lastResult()));
                renewed = renewed.withHoldings(renewed.holdings().put(held._1,
                        new Holding(holding.token(), local + leaseMs, now + leaseMs, holding.nextTickLocalMs())));
            } else {
                renewed = renewed.drop(held._1);
            }
        }
        return NodeStep.to(next.with(nodeId, renewed.renewedAt(local, renewed.holdings())));
    }

    private NodeStep tick(Cluster world, String nodeId, String monitorId) {
        Node node = world.node(nodeId);
        long now = world.nowMs();
        Holding holding = node.holdings().get(monitorId).get();
        Holding nextTick = new Holding(holding.token(), holding.believedUntilLocalMs(), holding.expirySeenMs(),
                node.localMs(now) + scope.timing().intervalMs());
        StoredMonitor row = world.monitor(monitorId);
        if (!row.heldBy(nodeId, holding.token(), now)) {
            return NodeStep.to(world.with(nodeId, node.drop(monitorId)));
        }
        if (!row.monitoring()) {
            return NodeStep.to(world.with(nodeId, node.withHoldings(node.holdings().put(monitorId, nextTick))));
        }
        OperationRef operation = new OperationRef(nodeId, node.nextSequence(), holding.token());
        Cluster begun = world.with(monitorId, new StoredMonitor(true, row.owner(), row.token(), row.expiresAtMs(), Option.some(operation), row.lastResult()))
                .with(nodeId, node.began(monitorId, new NodeCheck(operation, true, scope.retries()), nextTick));
        return new NodeStep(begun, Option.some(new NodeStep.Attempt(nodeId, monitorId, holding.token())), Option.none());
    }

    private NodeStep probeReturned(Cluster world, NodeEvent.ProbeReturn returned) {
        String nodeId = returned.node();
        String monitorId = returned.monitor();
        Node node = world.node(nodeId);
        long now = world.nowMs();
        NodeCheck check = node.checks().get(monitorId).get();
        if (returned.result() == ProbeResult.DOWN && check.retriesLeft() > 0) {
            NodeCheck waiting = new NodeCheck(check.operation(), false, check.retriesLeft() - 1);
            return NodeStep.to(world.with(nodeId, node.withChecks(node.checks().put(monitorId, waiting))));
        }
        Node finished = node.withChecks(node.checks().remove(monitorId));
        if (!node.connected()) {
            return NodeStep.to(world.with(nodeId, finished));
        }
        StoredMonitor row = world.monitor(monitorId);
        OperationRef operation = check.operation();
        boolean fenced = row.heldBy(nodeId, operation.token(), now);
        boolean accepted = switch (flaw) {
            case NO_FENCING -> row.monitoring() && row.listed().contains(operation);
            case TOKEN_ONLY -> fenced;
            default -> row.monitoring() && row.listed().contains(operation) && fenced;
        };
        if (!accepted) {
            return NodeStep.to(world.with(nodeId, fenced ? finished : node.drop(monitorId)));
        }
        StoredMonitor applied = new StoredMonitor(row.monitoring(), row.owner(), row.token(), row.expiresAtMs(), Option.none(), Option.some(returned.result()));
        return new NodeStep(world.with(monitorId, applied).with(nodeId, finished), Option.none(),
                Option.some(new NodeStep.Applied(monitorId, operation)));
    }
}
