package dev.vigil.simulation.nodes;

/** One step of a multi-node schedule, as {@link NodeSchedule} draws it. Nodes are named by their index. */
sealed interface NodeStep {
    /** The node pauses (a GC pause, a frozen VM) until {@code untilMs}: its clock moves on, its timers wait. */
    record Pause(int node, long untilMs) implements NodeStep {}

    /** The node dies and never comes back. */
    record Crash(int node) implements NodeStep {}

    /** The application closes the node's engine gracefully: its leases are released, its callers fail, it never comes back. */
    record Close(int node) implements NodeStep {}

    /** A user's command on that node, on one monitor. */
    record Command(int node, String monitorId, CommandKind kind) implements NodeStep {}

    /** What a user does to a monitor from any node. */
    enum CommandKind {
        /** Starts the monitor if the store shows it stopped, else stops it. */
        START_OR_STOP,
        /** Gives it the other of the run's two settings. */
        UPDATE,
        /**
         * Removes it and adds it again under the same id with the other settings, started if it
         * was: a configuration reload. The new row starts its lease and change counter over.
         */
        RECREATE,
        /**
         * Asks for a check now (R8; on a node that does not own the monitor, forwarded to its owner,
         * N6) and keeps the caller's stage, which must take the fate of a check that began after
         * the request (NI6).
         */
        CHECK_NOW,
        /** Removes it; the next command that names it adds it back, with the other settings, started. */
        REMOVE
    }

    /** One of the node's open probe attempts (by index among them) answers. */
    record Answer(int node, int attempt, boolean up) implements NodeStep {}

    /** The earliest due timer of the running nodes fires, or the clock moves on if none is due before a node wakes. */
    record FireEarliest() implements NodeStep {}
}
