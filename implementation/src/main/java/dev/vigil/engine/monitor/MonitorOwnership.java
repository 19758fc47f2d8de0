package dev.vigil.engine.monitor;

/**
 * Which monitors this engine schedules and probes. A single-node engine ({@link #SOLE}) owns
 * every monitor of its store; a node of a multi-node engine (SPEC §6, N4) owns those it holds a
 * valid lease on, and learns of the others' changes by polling. The manager asks before it
 * schedules a tick or requests a check, and tells after every command it committed.
 */
public interface MonitorOwnership {
    /** One engine per store: every monitor is this engine's, and nobody else needs to hear of a command. */
    MonitorOwnership SOLE = new MonitorOwnership() {
        @Override
        public boolean shared() {
            return false;
        }

        @Override
        public boolean owns(String monitorId) {
            return true;
        }

        @Override
        public void committed(String monitorId) {
            // Nobody else reads this store.
        }
    };

    /**
     * Whether other nodes share the store: then recovery (R13) clears nothing on open, since the
     * operations other nodes list are theirs, and every monitor's lease is claimed by placement.
     *
     * @return {@code false} for {@link #SOLE}
     */
    boolean shared();

    /**
     * Whether a command first acts on what other nodes changed since this node last read the
     * store (SPEC §6, N6), as its next poll would have.
     *
     * @return {@code true} for a node of a shared store as the engine composes it; {@code false}
     *         for {@link #SOLE}, whose store nobody else changes
     */
    default boolean commandsCatchUp() {
        return shared();
    }

    /**
     * Whether this engine may tick and probe the monitor now.
     *
     * @param monitorId the monitor
     * @return {@code true} while this node holds its lease (always, for {@link #SOLE})
     */
    boolean owns(String monitorId);

    /**
     * A command on the monitor committed: the owner (and placement) should learn of it soon.
     *
     * @param monitorId the monitor
     */
    void committed(String monitorId);
}
