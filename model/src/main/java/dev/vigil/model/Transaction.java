package dev.vigil.model;

/** The store transactions of docs/SEMANTICS.md; each one may be the one an armed {@code storeFails} breaks. */
public enum Transaction {
    /** add (R1). */
    INSERT,
    /** update (R9), also on a paused monitor. */
    UPDATE_SETTINGS,
    /** remove (R10). */
    DELETE,
    /** start on a paused monitor (R2). */
    START,
    /** stop on a monitoring monitor (R3). */
    STOP,
    /** an operation starts: {@code activeOperations=[op]} (R4). */
    BEGIN,
    /** a result is applied (R6, R7). */
    APPLY,
    /** an operation leaves unapplied while listed. */
    UNLIST,
    /** open after a crash (R13). */
    RECOVER,
    /** one batch of a history pruning, on one monitor (R17). */
    PRUNE_HISTORY
}
