package dev.vigil.simulation.nodes;

/** One step of a multi-node schedule, as {@link NodeSchedule} draws it. Nodes are named by their index. */
sealed interface NodeStep {
    /** The node pauses (a GC pause, a frozen VM) until {@code untilMs}: its clock moves on, its timers wait. */
    record Pause(int node, long untilMs) implements NodeStep {}

    /** The node dies and never comes back. */
    record Crash(int node) implements NodeStep {}

    /** A user starts the monitor on that node if the store shows it stopped, else stops it. */
    record Command(int node, String monitorId) implements NodeStep {}

    /** One of the node's open probe attempts (by index among them) answers. */
    record Answer(int node, int attempt, boolean up) implements NodeStep {}

    /** The earliest due timer of the running nodes fires, or the clock moves on if none is due before a node wakes. */
    record FireEarliest() implements NodeStep {}
}
