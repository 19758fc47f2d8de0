/**
 * SPEC §6 (several nodes on one store) as a model of its own, written before the multi-node
 * engine: per-monitor leases with fencing tokens on database time, commands from any node,
 * takeover, node pauses, crashes and cut-offs, and clock skew. {@link dev.vigil.model.nodes.NodeStateSpace}
 * searches a bounded world exhaustively against NI1–NI3 ({@link dev.vigil.model.nodes.NodeInvariants})
 * and NI4 ({@link dev.vigil.model.nodes.NodeLiveness}); each {@link dev.vigil.model.nodes.NodeFlaw}
 * is a mistake the search must catch.
 *
 * <p>It abstracts the single-node model away: a monitor's check is one operation with one retry,
 * its result UP or DOWN, and only what the lease decides is kept (the store's listed operation,
 * the last result, whether the monitor is monitoring). The simulator's node lockstep reads the
 * multi-node engines' steps as this model's events and compares the two after every step.
 */
package dev.vigil.model.nodes;
