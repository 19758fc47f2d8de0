package dev.vigil.model;

import java.util.Objects;

/**
 * A broken invariant: which one, on which monitor, and the values that break it.
 *
 * @param invariant "I1" … "I8"
 * @param monitorId the monitor concerned; empty for a violation about the whole engine
 */
public record InvariantViolation(String invariant, String monitorId, String message) {

    /** Rejects nulls. */
    public InvariantViolation {
        Objects.requireNonNull(invariant, "invariant");
        Objects.requireNonNull(monitorId, "monitorId");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return invariant + (monitorId.isEmpty() ? "" : " monitor " + monitorId) + ": " + message;
    }
}
