package dev.vigil.model.nodes;

import io.vavr.collection.SortedMap;

/**
 * The node model's whole world: database time, every node, the shared store, and what is left of
 * the scope's budgets. Immutable, with value equality, so that a search can remember it.
 *
 * @param nowMs        database time
 * @param nodes        every node, by id
 * @param monitors     the store's rows, by monitor id
 * @param faultsLeft   pauses, crashes and cut-offs still allowed
 * @param commandsLeft start and stop commands still allowed
 */
public record Cluster(long nowMs, SortedMap<String, Node> nodes, SortedMap<String, StoredMonitor> monitors, int faultsLeft, int commandsLeft) {

    Cluster at(long atMs) {
        return new Cluster(atMs, nodes, monitors, faultsLeft, commandsLeft);
    }

    Cluster with(String nodeId, Node node) {
        return new Cluster(nowMs, nodes.put(nodeId, node), monitors, faultsLeft, commandsLeft);
    }

    Cluster with(String monitorId, StoredMonitor monitor) {
        return new Cluster(nowMs, nodes, monitors.put(monitorId, monitor), faultsLeft, commandsLeft);
    }

    Cluster spendFault() {
        return new Cluster(nowMs, nodes, monitors, faultsLeft - 1, commandsLeft);
    }

    Cluster spendCommand() {
        return new Cluster(nowMs, nodes, monitors, faultsLeft, commandsLeft - 1);
    }

    /** @return this world with no faults or commands left: what happens once failures stop */
    Cluster calm() {
        return new Cluster(nowMs, nodes, monitors, 0, 0);
    }

    Node node(String nodeId) {
        return nodes.get(nodeId).getOrElseThrow(() -> new IllegalArgumentException("no node " + nodeId));
    }

    StoredMonitor monitor(String monitorId) {
        return monitors.get(monitorId).getOrElseThrow(() -> new IllegalArgumentException("no monitor " + monitorId));
    }

    /** @return whether some node could take a command now: running and reaching the store */
    boolean commandable() {
        return nodes.values().exists(node -> node.running(nowMs) && node.connected());
    }
}
