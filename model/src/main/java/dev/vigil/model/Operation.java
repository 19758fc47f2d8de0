package dev.vigil.model;

import io.vavr.control.Option;

/**
 * An operation in the registry. Exactly one of {@code inFlight} and {@code backoff} is present
 * while the model is correct (I5): an operation with neither has no way to leave but its deadline.
 * The settings that matter are captured at start, like the deadline that is computed from them.
 *
 * @param manual       issued by checkNow (R8)
 * @param deadlineAtMs SEMANTICS' DEADLINE formula, fixed at start (I5 bookkeeping)
 * @param inFlight     the attempt whose probe is out; its ATTEMPT_TIMEOUT timer is due at {@code timeoutAtMs}
 * @param backoff      the RETRY timer between a failed attempt and the next
 */
record Operation(
        int number,
        String monitorId,
        boolean manual,
        OperationState state,
        long initiatedAtMs,
        long deadlineAtMs,
        long timeoutMs,
        int attempts,
        Option<Attempt> inFlight,
        Option<Retry> backoff) {

    /** An attempt whose probe is out. */
    record Attempt(int number, long startedAtMs, long timeoutAtMs) {
    }

    /** A back-off running before attempt {@code nextAttempt}. */
    record Retry(int nextAttempt, long dueAtMs) {
    }

    /** R4: a new ACTIVE operation with attempt 1 in flight. */
    static Operation begin(int number, String monitorId, boolean manual, ModelSettings settings, long nowMs) {
        return new Operation(number, monitorId, manual, OperationState.ACTIVE, nowMs,
                Timing.deadlineAtMs(nowMs, settings.timeoutMs(), settings.attempts()),
                settings.timeoutMs(), settings.attempts(),
                Option.some(new Attempt(1, nowMs, nowMs + settings.timeoutMs())), Option.none());
    }

    Operation cancelled() {
        return new Operation(number, monitorId, manual, OperationState.CANCELLED, initiatedAtMs, deadlineAtMs,
                timeoutMs, attempts, inFlight, backoff);
    }

    /** The in-flight attempt ended (returned or timed out): its timer is cancelled with it. */
    Operation attemptEnded() {
        return new Operation(number, monitorId, manual, state, initiatedAtMs, deadlineAtMs,
                timeoutMs, attempts, Option.none(), backoff);
    }

    Operation backingOff(int nextAttempt, long dueAtMs) {
        return new Operation(number, monitorId, manual, state, initiatedAtMs, deadlineAtMs,
                timeoutMs, attempts, Option.none(), Option.some(new Retry(nextAttempt, dueAtMs)));
    }

    Operation attempting(int attempt, long nowMs) {
        return new Operation(number, monitorId, manual, state, initiatedAtMs, deadlineAtMs,
                timeoutMs, attempts, Option.some(new Attempt(attempt, nowMs, nowMs + timeoutMs)), Option.none());
    }

    boolean isActive() {
        return state == OperationState.ACTIVE;
    }
}
