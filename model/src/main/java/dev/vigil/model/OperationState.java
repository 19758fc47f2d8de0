package dev.vigil.model;

/** The state of an operation in the registry: ACTIVE → CANCELLED → (removed), or ACTIVE → (removed). */
public enum OperationState {
    /** Running; its result may be applied (R6). */
    ACTIVE,
    /** Cancelled by a command; makes no further attempts and never applies (R5, R6). */
    CANCELLED
}
