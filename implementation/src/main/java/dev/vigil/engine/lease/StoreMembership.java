package dev.vigil.engine.lease;

/**
 * How an engine takes part in its store: alone, under the store lease ({@link LeaseKeeper}), or as
 * one node of a multi-node engine (per-monitor leases). What the engine needs of either to report
 * and to close.
 */
public interface StoreMembership {
    /**
     * This engine's node id.
     *
     * @return the id its leases are held under
     */
    String nodeId();

    /**
     * Whether the engine learnt that it may no longer act on the store at all (another engine took
     * the store over); it then acts no more.
     *
     * @return {@code true} once lost
     */
    boolean lost();

    /** Stops renewing and gives back what is held, unless lost. Never throws; idempotent. */
    void release();
}
