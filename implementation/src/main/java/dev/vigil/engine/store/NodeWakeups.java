package dev.vigil.engine.store;

/**
 * Tells a node of a multi-node engine that another node committed a command, so that it polls
 * the store now instead of at its next renewal (SPEC §6, N6). On PostgreSQL it is {@code LISTEN}
 * on a connection of its own, answered by the {@code NOTIFY} each node's command transaction
 * sends; on any other store it never wakes, and polling alone is the path. Never blocks: the node
 * asks it from its runtime's timers.
 */
public interface NodeWakeups extends AutoCloseable {
    /** Never wakes: SQLite and the in-memory store. */
    NodeWakeups NONE = new NodeWakeups() {
        @Override
        public boolean listening() {
            return false;
        }

        @Override
        public boolean woken() {
            return false;
        }

        @Override
        public void close() {
            // Nothing open.
        }
    };

    /**
     * Whether anything can wake this node: if not, there is nothing to ask.
     *
     * @return {@code true} on PostgreSQL with the listening connection open
     */
    boolean listening();

    /**
     * Whether a command was notified since the last call; reads what arrived, without waiting.
     * A broken connection answers {@code false}: polling stays the fallback.
     *
     * @return {@code true} if the node should poll now
     */
    boolean woken();

    /** Closes the listening connection. Never throws; idempotent. */
    @Override
    void close();
}
