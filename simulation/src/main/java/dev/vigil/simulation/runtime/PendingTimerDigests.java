package dev.vigil.simulation.runtime;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * A digest of the pending timers ({@link SimulatedRuntime#pendingTimers(Collection)}), kept per
 * monitor as timers come and go, so that a comparison reads the digest of a few monitors' timers
 * without listing and sorting the whole queue. Each monitor's digest is the sum of its timers'
 * digests, so it does not depend on the order they were queued in.
 */
final class PendingTimerDigests {
    private final ToLongFunction<SimulatedTimer> digestOfTimer;
    /** The sum per monitor id; a one-element array, so that an update does not box. */
    private final Map<String, long[]> byMonitor = new HashMap<>();
    private long total;

    /** @param digestOfTimer the digest of one timer, as the comparison's other side computes it */
    PendingTimerDigests(ToLongFunction<SimulatedTimer> digestOfTimer) {
        this.digestOfTimer = digestOfTimer;
    }

    /** {@code timer} became pending. */
    void added(SimulatedTimer timer) {
        long digest = digestOfTimer.applyAsLong(timer);
        byMonitor.computeIfAbsent(timer.monitorId(), id -> new long[1])[0] += digest;
        total += digest;
    }

    /** {@code timer} is pending no more. */
    void removed(SimulatedTimer timer) {
        long digest = digestOfTimer.applyAsLong(timer);
        byMonitor.computeIfAbsent(timer.monitorId(), id -> new long[1])[0] -= digest;
        total -= digest;
    }

    /** No timer is pending. */
    void cleared() {
        byMonitor.clear();
        total = 0;
    }

    /** The digest of the pending timers of {@code monitorIds} (every monitor's when null). */
    long of(Collection<String> monitorIds) {
        if (monitorIds == null) {
            return total;
        }
        long sum = 0;
        for (String id : monitorIds) {
            long[] digest = byMonitor.get(id);
            sum += digest == null ? 0 : digest[0];
        }
        return sum;
    }
}
