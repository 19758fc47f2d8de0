package dev.vigil.simulation.nodes;

import dev.vigil.simulation.store.StoreKind;
import dev.vigil.simulation.variant.NodeVariant;
import java.util.Objects;

/**
 * What a multi-node run runs: how many nodes, on which store, with which node composition.
 *
 * @param nodeCount 2 or 3 engines on one store
 * @param store     the simulated store's tables
 * @param variant   the node composition
 * @param edits     whether users also update monitors and remove and add them again; the node model
 *                  has neither settings nor removal, so such runs go without the lockstep with it
 */
public record NodeRunSettings(int nodeCount, StoreKind store, NodeVariant variant, boolean edits) {
    /** The fewest nodes a run has. */
    public static final int NODES_MIN = 2;
    /** The most nodes a run has. */
    public static final int NODES_MAX = 3;

    /**
     * Checks the parts.
     *
     * @throws IllegalArgumentException if the node count is outside {@value #NODES_MIN} … {@value #NODES_MAX}
     */
    public NodeRunSettings {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(variant, "variant");
        if (nodeCount < NODES_MIN || nodeCount > NODES_MAX) {
            throw new IllegalArgumentException("--nodes " + nodeCount + ": a node run has " + NODES_MIN + " or " + NODES_MAX + " nodes");
        }
    }

    /**
     * Runs whose users only start and stop monitors, in lockstep with the node model.
     *
     * @param nodeCount 2 or 3 engines on one store
     * @param store     the simulated store's tables
     * @param variant   the node composition
     */
    public NodeRunSettings(int nodeCount, StoreKind store, NodeVariant variant) {
        this(nodeCount, store, variant, false);
    }

    /** One line for progress and reports. */
    public String describe() {
        return nodeCount + " nodes, store " + store.label() + ", variant " + variant.cliName()
                + (edits ? ", with updates and re-creations (no lockstep)" : "");
    }
}
