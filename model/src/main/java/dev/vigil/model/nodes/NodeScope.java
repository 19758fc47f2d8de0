package dev.vigil.model.nodes;

import io.vavr.collection.List;
import io.vavr.collection.SortedMap;
import io.vavr.collection.TreeMap;

/**
 * A bounded world for exhaustive search: which nodes (with their clock skews), which monitors,
 * the timing, and how many faults and commands may happen. Time is not bounded: a search
 * remembers worlds by {@link WorldKey}, in which only offsets from now remain.
 *
 * @param skewsMs    each node's clock minus database time, by node id
 * @param monitorIds the monitors, all monitoring and unclaimed at first
 * @param timing     lease, renewal, interval and pause durations
 * @param faults     pauses, crashes and cut-offs allowed in all
 * @param commands   starts and stops allowed in all
 * @param retries    attempts after a DOWN one, per check
 */
public record NodeScope(SortedMap<String, Long> skewsMs, List<String> monitorIds, NodeTiming timing, int faults, int commands,
        int retries) {

    public NodeScope {
        if (skewsMs.isEmpty() || monitorIds.isEmpty()) {
            throw new IllegalArgumentException("a scope needs at least one node and one monitor");
        }
        if (faults < 0 || commands < 0 || retries < 0) {
            throw new IllegalArgumentException("budgets must not be negative");
        }
    }

    /**
     * Two nodes, one with its clock 2 ms behind the database's, one monitor; a 4 ms lease renewed
     * every 2 ms, a 2 ms interval, pauses of 5 ms.
     *
     * @param faults    faults allowed
     * @param commands  commands allowed
     * @return the scope the node model's tests explore
     */
    public static NodeScope twoNodes(int faults, int commands) {
        return new NodeScope(TreeMap.of("a", 0L, "b", -2L), List.of("m"), new NodeTiming(4, 2, 2, 5), faults, commands, 1);
    }

    /** @return the world at database time 0: every node started, every monitor monitoring and unclaimed */
    public Cluster initial() {
        SortedMap<String, Node> nodes = skewsMs.mapValues(skew -> Node.started(skew, 0));
        SortedMap<String, StoredMonitor> monitors = TreeMap.ofEntries(monitorIds.map(id -> io.vavr.Tuple.of(id, StoredMonitor.unclaimed())));
        return new Cluster(0, nodes, monitors, faults, commands);
    }
}
