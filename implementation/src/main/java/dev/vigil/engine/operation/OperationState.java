package dev.vigil.engine.operation;

/** An operation's life: {@code ACTIVE → CANCELLED → removed}, or {@code ACTIVE → removed}. Removed operations are forgotten. */
public enum OperationState {
    /** Its result may still be applied (SPEC R6). */
    ACTIVE,
    /** Stopped, restarted or superseded: its result will be discarded; it stays only until its probe is back. */
    CANCELLED
}
