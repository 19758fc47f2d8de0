package dev.vigil.engine.store;

import java.util.Objects;
import java.util.Optional;

/**
 * A node's claim on one monitor's lease (SPEC §6, N5): the node and the fencing token of its
 * holding. A transaction that carries a fence changes the monitor only if the row still names
 * this node and this token and the lease is valid on the database's clock; otherwise it changes
 * nothing. Tokens grow by one with every claim of the monitor, so a node that lost the lease and
 * still acts with its old token is refused even after the lease came back to it.
 *
 * @param nodeId the holder's node id, not blank
 * @param token  the token its claim was given, above 0
 */
public record Fence(String nodeId, long token) {
    /**
     * Checks the parts.
     *
     * @throws IllegalArgumentException if the node id is blank or the token not above 0
     */
    public Fence {
        Objects.requireNonNull(nodeId, "nodeId");
        if (nodeId.isBlank() || token <= 0) {
            throw new IllegalArgumentException("fence of node '" + nodeId + "' with token " + token + ": needs a node id and a token > 0");
        }
    }

    /**
     * Where a fenced repository finds the fence of a monitor: the node's current holding.
     * Empty when the node holds no lease on it: every fenced transaction on it is then refused.
     */
    @FunctionalInterface
    public interface Source {
        /**
         * The fence this node writes the monitor with.
         *
         * @param monitorId the monitor
         * @return the node's holding, or empty if it holds none
         */
        Optional<Fence> of(String monitorId);
    }
}
