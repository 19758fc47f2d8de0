package dev.vigil.model.nodes;

import io.vavr.collection.SortedMap;
import io.vavr.collection.TreeMap;

/**
 * One engine node: its clock, its health and what it holds in memory.
 *
 * @param skewMs           its clock minus database time (constant: clocks run at one rate here)
 * @param crashed          whether it crashed (for good: a restart is a new node)
 * @param connected        whether it reaches the store
 * @param pausedUntilMs    database time until which it is paused (does nothing)
 * @param renewedAtLocalMs when, on its clock, it last renewed its leases in a batch
 * @param nextSequence     its next operation number
 * @param holdings         the leases it believes it holds, by monitor
 * @param checks           the checks it runs, by monitor
 */
public record Node(long skewMs, boolean crashed, boolean connected, long pausedUntilMs, long renewedAtLocalMs, int nextSequence,
        SortedMap<String, Holding> holdings, SortedMap<String, NodeCheck> checks) {

    /** A node that has just started, holding nothing. */
    public static Node started(long skewMs, long nowMs) {
        return new Node(skewMs, false, true, 0, nowMs + skewMs, 1, TreeMap.empty(), TreeMap.empty());
    }

    /** @return its clock's reading at database time {@code nowMs} */
    public long localMs(long nowMs) {
        return nowMs + skewMs;
    }

    /** @return whether it can act at {@code nowMs}: not crashed, not paused */
    public boolean running(long nowMs) {
        return !crashed && nowMs >= pausedUntilMs;
    }

    Node withHoldings(SortedMap<String, Holding> changed) {
        return new Node(skewMs, crashed, connected, pausedUntilMs, renewedAtLocalMs, nextSequence, changed, checks);
    }

    Node withChecks(SortedMap<String, NodeCheck> changed) {
        return new Node(skewMs, crashed, connected, pausedUntilMs, renewedAtLocalMs, nextSequence, holdings, changed);
    }

    /** @return this node without its holding and its check of {@code monitorId}: it stops that monitor at once */
    Node drop(String monitorId) {
        return new Node(skewMs, crashed, connected, pausedUntilMs, renewedAtLocalMs, nextSequence, holdings.remove(monitorId),
                checks.remove(monitorId));
    }

    Node renewedAt(long localMs, SortedMap<String, Holding> changed) {
        return new Node(skewMs, crashed, connected, pausedUntilMs, localMs, nextSequence, changed, checks);
    }

    Node began(String monitorId, NodeCheck check, Holding holding) {
        return new Node(skewMs, crashed, connected, pausedUntilMs, renewedAtLocalMs, nextSequence + 1, holdings.put(monitorId, holding),
                checks.put(monitorId, check));
    }

    Node pausedUntil(long untilMs) {
        return new Node(skewMs, crashed, connected, untilMs, renewedAtLocalMs, nextSequence, holdings, checks);
    }

    Node connected(boolean reaches) {
        return new Node(skewMs, crashed, reaches, pausedUntilMs, renewedAtLocalMs, nextSequence, holdings, checks);
    }

    Node crash() {
        return new Node(skewMs, true, false, pausedUntilMs, renewedAtLocalMs, nextSequence, TreeMap.empty(), TreeMap.empty());
    }
}
