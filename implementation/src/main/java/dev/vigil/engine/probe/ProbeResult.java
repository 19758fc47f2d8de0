package dev.vigil.engine.probe;

import java.util.Objects;

/**
 * What one probe attempt found.
 *
 * @param up             whether the target counted as up
 * @param responseTimeMs how long the attempt took
 * @param details        a short reason a person can read ("HTTP 200", "connection refused")
 */
public record ProbeResult(boolean up, long responseTimeMs, String details) {
    /**
     * Validates the result.
     *
     * @throws IllegalArgumentException if the response time is negative
     */
    public ProbeResult {
        Objects.requireNonNull(details, "details");
        if (responseTimeMs < 0) {
            throw new IllegalArgumentException("responseTimeMs = " + responseTimeMs + " must be >= 0");
        }
    }

    /**
     * The target counted as up.
     *
     * @param responseTimeMs how long the attempt took
     * @param details        a short reason a person can read
     * @return the result
     */
    public static ProbeResult up(long responseTimeMs, String details) {
        return new ProbeResult(true, responseTimeMs, details);
    }

    /**
     * The target counted as down.
     *
     * @param responseTimeMs how long the attempt took
     * @param details        a short reason a person can read
     * @return the result
     */
    public static ProbeResult down(long responseTimeMs, String details) {
        return new ProbeResult(false, responseTimeMs, details);
    }
}
