package dev.vigil.model.nodes;

import io.vavr.control.Option;

/**
 * A monitor's rows in the shared store: its lease and what the check rules keep.
 *
 * @param monitoring whether the monitor is being monitored (start and stop, from any node)
 * @param owner      the node that holds or last held the lease, if any was ever claimed and not released
 * @param token      the fencing token of the last claim; grows by one with every claim
 * @param expiresAtMs database time at which the lease stops being valid
 * @param listed     the operation whose result may be applied (R6's compare-and-set)
 * @param lastResult the last applied result
 */
public record StoredMonitor(boolean monitoring, Option<String> owner, long token, long expiresAtMs, Option<OperationRef> listed,
        Option<ProbeResult> lastResult) {

    /** A monitoring monitor no node has claimed yet. */
    public static StoredMonitor unclaimed() {
        return new StoredMonitor(true, Option.none(), 0, 0, Option.none(), Option.none());
    }

    /** @return whether {@code node} holds a valid lease with {@code token} at database time {@code nowMs} */
    public boolean heldBy(String node, long token, long nowMs) {
        return owner.contains(node) && this.token == token && nowMs < expiresAtMs;
    }

    /** @return whether a node may claim it at {@code nowMs}: monitoring, and no valid lease */
    public boolean claimable(long nowMs) {
        return monitoring && (owner.isEmpty() || nowMs >= expiresAtMs);
    }
}
