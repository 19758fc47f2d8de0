package dev.vigil.simulation.nodes;

import java.util.List;
import java.util.Objects;

/**
 * A bounded multi-node world for exhaustive exploration on the real engines: two nodes on one
 * simulated store, the monitors started on the first node, the second node's wall-clock skews to
 * try, how many faults (pause past the lease, crash, cut-off from the store, failed renewal) and
 * commands (start or stop from either node) a schedule may hold, and until when (virtual time)
 * faults, commands and probe answers are chosen; after that the faults stop and NI4 is judged.
 *
 * @param name              how the command line and reports call it
 * @param monitorIds        the monitors, all started at time 0
 * @param skewsMs           the second node's wall-clock skews to try, one subtree each
 * @param faults            faults in a schedule at most
 * @param commands          commands in a schedule at most
 * @param horizonMs         virtual time at which the chosen part of a schedule ends
 * @param pausesMs          how long a pause may last, one choice each: no shorter than the lease, so that the node's
 *                          lease has expired when it wakes (a pause of exactly the lease wakes it at the expiry)
 * @param cutOffMs          how long a cut-off lasts: longer than the lease
 * @param stepsMax          choices in one schedule at most (a schedule cut there is counted, not judged for NI4)
 * @param schedulesMax      schedules at most
 * @param visitedStatesMax  states remembered for hashing at most; beyond it states are explored but not remembered
 */
public record NodeExploreScope(String name, List<String> monitorIds, List<Long> skewsMs, int faults, int commands, long horizonMs,
        List<Long> pausesMs, long cutOffMs, int stepsMax, long schedulesMax, int visitedStatesMax) {
    /** The standard scope's name. */
    public static final String TWO_NODES = "two-nodes";

    /**
     * Checks the bounds.
     *
     * @throws IllegalArgumentException naming the field and its range
     */
    public NodeExploreScope {
        Objects.requireNonNull(name, "name");
        monitorIds = List.copyOf(monitorIds);
        skewsMs = List.copyOf(skewsMs);
        pausesMs = List.copyOf(pausesMs);
        if (monitorIds.isEmpty() || monitorIds.size() > 2) {
            throw new IllegalArgumentException("monitorIds = " + monitorIds + ": a node scope has 1 or 2 monitors");
        }
        if (skewsMs.isEmpty()) {
            throw new IllegalArgumentException("skewsMs must hold at least one skew");
        }
        if (faults < 0 || faults > 2 || commands < 0 || commands > 2) {
            throw new IllegalArgumentException("faults = " + faults + ", commands = " + commands + ": each must be within 0 … 2");
        }
        if (pausesMs.isEmpty() || pausesMs.stream().anyMatch(pauseMs -> pauseMs < NodeRunner.LEASE_MS) || cutOffMs < NodeRunner.LEASE_MS) {
            throw new IllegalArgumentException("pausesMs = " + pausesMs + " and cutOffMs = " + cutOffMs + " must not be shorter than the lease, "
                    + NodeRunner.LEASE_MS + " ms: a shorter fault loses no lease");
        }
        if (horizonMs < 1 || stepsMax < 1 || schedulesMax < 1 || visitedStatesMax < 0) {
            throw new IllegalArgumentException("horizonMs, stepsMax and schedulesMax must be at least 1, visitedStatesMax at least 0");
        }
    }

    /**
     * The standard scope: two nodes, the second one's wall clock twice the lease behind the
     * database's (the first one's on time), one monitor with one retry, one fault and one command,
     * chosen for the first 6 s (twice the lease): long enough for a pause or cut-off past the lease
     * to end and its node to act again. A pause lasts the lease exactly, so the node wakes at its
     * lease's expiry, in a tie with the other node's renewal that would claim it: a late result
     * then meets no new holder, only the fence. A cut-off lasts the lease and half an interval.
     * Other skews and pause lengths are in reach of {@link #NodeExploreScope the constructor};
     * this one is sized to verify's budget.
     *
     * @return the scope {@code ./vigil nodes --explore} and {@code verify} explore
     */
    public static NodeExploreScope twoNodes() {
        return new NodeExploreScope(TWO_NODES, List.of("m1"), List.of(-2 * NodeRunner.LEASE_MS), 1, 1, 2 * NodeRunner.LEASE_MS,
                List.of(NodeRunner.LEASE_MS), NodeRunner.LEASE_MS + NodeRunner.INTERVAL_MS / 2, 400, 2_000_000, 2_000_000);
    }

    /**
     * This scope with other budgets.
     *
     * @param monitorCount 1 or 2 monitors
     * @param faultCount   faults at most
     * @param commandCount commands at most
     * @param horizon      the chosen part's end, virtual ms
     * @return the changed scope, named after its bounds
     * @throws IllegalArgumentException if a bound is out of its range
     */
    public NodeExploreScope with(int monitorCount, int faultCount, int commandCount, long horizon) {
        if (monitorCount < 1 || monitorCount > 2) {
            throw new IllegalArgumentException("--monitors " + monitorCount + ": a node scope has 1 or 2 monitors");
        }
        List<String> monitors = monitorCount == 1 ? List.of("m1") : List.of("m1", "m2");
        String named = "two nodes, " + plural(monitorCount, "monitor") + ", " + plural(faultCount, "fault") + ", " + plural(commandCount, "command")
                + ", until " + horizon + " ms";
        return new NodeExploreScope(named, monitors, skewsMs, faultCount, commandCount, horizon, pausesMs, cutOffMs, stepsMax, schedulesMax,
                visitedStatesMax);
    }

    /** One line for progress and reports. */
    public String describe() {
        return name + " (2 nodes, " + plural(monitorIds.size(), "monitor") + ", node b's skews " + skewsMs + " ms, pauses " + pausesMs + " ms, "
                + plural(faults, "fault") + ", " + plural(commands, "command") + ", chosen until " + horizonMs + " ms)";
    }

    private static String plural(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
