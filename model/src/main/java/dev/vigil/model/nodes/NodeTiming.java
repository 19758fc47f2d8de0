package dev.vigil.model.nodes;

/**
 * The durations of the node model, in milliseconds of database time (the model's time unit is
 * small on purpose: an exhaustive search enumerates every millisecond).
 *
 * @param leaseMs      how long a claim or renewal keeps a monitor's lease valid
 * @param renewEveryMs how often a node renews its leases, in one batch
 * @param intervalMs   the monitors' check interval
 * @param pauseMs      how long a node pause (a GC pause, a suspended VM) lasts: longer than the lease
 */
public record NodeTiming(long leaseMs, long renewEveryMs, long intervalMs, long pauseMs) {

    public NodeTiming {
        if (renewEveryMs < 1 || renewEveryMs >= leaseMs) {
            throw new IllegalArgumentException("renewEveryMs = " + renewEveryMs + " must be within 1 … leaseMs - 1 (" + (leaseMs - 1) + ")");
        }
        if (intervalMs < 1) {
            throw new IllegalArgumentException("intervalMs = " + intervalMs + " must be at least 1");
        }
        if (pauseMs <= leaseMs) {
            throw new IllegalArgumentException("pauseMs = " + pauseMs + " must exceed leaseMs = " + leaseMs + ": a shorter pause loses no lease");
        }
    }
}
