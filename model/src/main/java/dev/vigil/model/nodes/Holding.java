package dev.vigil.model.nodes;

/**
 * What a node believes about a lease it claimed or renewed.
 *
 * @param token              the fencing token of its claim
 * @param believedUntilLocalMs when, on the node's own clock, its last successful renewal (or the
 *                           claim) plus the lease runs out: measured from the node's side, so never
 *                           later than the database's expiry
 * @param expirySeenMs       the database's expiry as the claim or renewal returned it (database time)
 * @param nextTickLocalMs    when, on the node's clock, its next tick of the monitor is due
 */
public record Holding(long token, long believedUntilLocalMs, long expirySeenMs, long nextTickLocalMs) {
}
