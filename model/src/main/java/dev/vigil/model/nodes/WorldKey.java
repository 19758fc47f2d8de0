package dev.vigil.model.nodes;

/**
 * What a search remembers of a world: the world with everything that cannot change its future
 * forgotten. Times become offsets from now, and every time already past becomes "now" (a pause
 * that ended, an expired lease, a due tick); the renewal time keeps its distance up to one
 * renewal period, since that decides when the next renewal is due. A fencing token becomes its
 * distance below the row's current token, every stale one alike; an operation number becomes
 * its distance below its node's next number. So two worlds at different times that differ only
 * in what is long past share a key, and a search over unbounded time ends.
 */
final class WorldKey {

    private WorldKey() {
    }

    static Cluster of(Cluster world, NodeTiming timing) {
        long now = world.nowMs();
        var monitors = world.monitors().mapValues(row -> new StoredMonitor(row.monitoring(), row.owner(), 0,
                ahead(row.expiresAtMs(), now), row.listed().map(operation -> listed(world, operation, row)), row.lastResult()));
        var nodes = world.nodes().mapValues(node -> {
            long local = node.localMs(now);
            var holdings = node.holdings().map((monitorId, holding) -> io.vavr.Tuple.of(monitorId,
                    new Holding(token(holding.token(), world.monitor(monitorId)), ahead(holding.believedUntilLocalMs(), local),
                            ahead(holding.expirySeenMs(), local), ahead(holding.nextTickLocalMs(), local))));
            var checks = node.checks().map((monitorId, check) -> io.vavr.Tuple.of(monitorId,
                    new NodeCheck(current(check.operation(), world.monitor(monitorId)), check.attemptOut(), check.retriesLeft())));
            long renewedAgo = Math.min(local - node.renewedAtLocalMs(), timing.renewEveryMs());
            return new Node(node.skewMs(), node.crashed(), node.connected(), ahead(node.pausedUntilMs(), now), -renewedAgo, 0, holdings, checks);
        });
        return new Cluster(0, nodes, monitors, world.faultsLeft(), world.commandsLeft());
    }

    /** @return how far {@code atMs} lies after {@code nowMs}; 0 if it is not after it */
    private static long ahead(long atMs, long nowMs) {
        return Math.max(0, atMs - nowMs);
    }

    private static long token(long token, StoredMonitor row) {
        return token == row.token() ? 0 : -1;
    }

    /** A running check's operation: its number only tells it from others, and it is its node's latest on the monitor. */
    private static OperationRef current(OperationRef operation, StoredMonitor row) {
        return new OperationRef(operation.node(), 1, token(operation.token(), row));
    }

    /** The listed operation matters only if a check still runs it; every other one is alike. */
    private static OperationRef listed(Cluster world, OperationRef operation, StoredMonitor row) {
        boolean running = world.nodes().values().exists(node -> node.checks().values().exists(check -> check.operation().equals(operation)));
        return running ? current(operation, row) : new OperationRef("", 0, 0);
    }
}
