package dev.vigil.engine;

/**
 * The store's transactions, as docs/SEMANTICS.md names them. Each write the engine makes is
 * exactly one of these; a failure names it in {@link StoreException#transaction()} and in the
 * {@code StoreFailed} event, so that an application (and the simulator) can tell which write
 * failed without parsing a message.
 */
public enum StoreTransaction {
    /** Opening the store: reading its schema version (before any monitor is loaded). */
    OPEN("open: schema version"),
    /** One schema migration step, applied in its own transaction. */
    MIGRATE("migrate"),
    /** A monitor is added (R1). */
    INSERT("insert"),
    /** A monitor's settings change (R9), also on a paused monitor. */
    UPDATE_SETTINGS("update settings"),
    /** A monitor is removed (R10). */
    DELETE("delete"),
    /** A paused monitor starts monitoring (R2). */
    START("start"),
    /** A monitoring monitor is paused (R3). */
    STOP("stop"),
    /** An operation starts and is listed on its monitor (R4). */
    BEGIN_OPERATION("begin operation"),
    /** An operation leaves unapplied while listed: it is taken off its monitor's list (R6). */
    UNLIST("unlist"),
    /** A result is applied by compare-and-set (R6, R7). */
    APPLY("apply"),
    /** Opening after a crash: every persisted operation is cleared (R13). */
    RECOVER("recover"),
    /**
     * A batch of old check records is deleted by the application's retention call; monitors and
     * operations are untouched, so no rule of the model covers it.
     */
    PRUNE_HISTORY("prune history"),
    /** Building an engine: it takes the store's lease, or is refused (SPEC "Nodes", N1). */
    CLAIM_LEASE("claim engine lease"),
    /** The lease's holder extends it, every third of its length (N2). */
    RENEW_LEASE("renew engine lease"),
    /** Closing an engine: it gives the lease back, so that another can take the store at once. */
    RELEASE_LEASE("release engine lease"),
    /** Diagnostics: who holds the lease, read in a transaction of its own. */
    READ_LEASE("read engine lease"),
    /**
     * A node of a multi-node engine (SPEC §6, N4–N7): its heartbeat, the renewal of all its
     * monitor leases and its claims, in one transaction per renewal period.
     */
    RENEW_NODE_LEASES("renew node leases"),
    /** A node of a multi-node engine closes: it gives its monitor leases back and deletes its heartbeat. */
    LEAVE_NODE("leave node"),
    /** A checkNow made on a node that does not own the monitor is counted on its row for the owner (N6). */
    REQUEST_CHECK("request check");

    private final String label;

    StoreTransaction(String label) {
        this.label = label;
    }

    /**
     * How log lines and exception messages name this transaction.
     *
     * @return the name, as docs/SEMANTICS.md spells it
     */
    public String label() {
        return label;
    }
}
