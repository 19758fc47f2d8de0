package dev.vigil.model;

/**
 * The four timer kinds of docs/SEMANTICS.md. The declaration order is the tie-break order of
 * timers due at the same time in {@link ModelState#pendingTimers()}.
 */
public enum TimerKind {
    /** The interval timer of a monitoring monitor: a check request (R4). */
    TICK,
    /** The per-attempt timer: the attempt fails as timed out (R5). */
    ATTEMPT_TIMEOUT,
    /** A back-off elapsed: the next attempt starts (R5). */
    RETRY,
    /** The operation deadline, the safety net of R7. */
    DEADLINE
}
