package dev.vigil.engine;

import java.util.Objects;

/**
 * One applied check in a monitor's history (SPEC §1). History is append-only: a record, once
 * committed, is never changed, and removed only with its monitor or by an explicit
 * {@link VigilEngine#pruneHistory}.
 *
 * @param operationId    the operation whose result this is
 * @param atMs           when it was applied, wall-clock epoch milliseconds of the engine's clock
 * @param status         {@link MonitorStatus#UP} or {@link MonitorStatus#DOWN}
 * @param responseTimeMs how long the deciding attempt took
 * @param details        a short human-readable reason ("HTTP 200", "timed out after 5000 ms"),
 *                       with every URL's user info and parameter values masked ({@link Redaction}):
 *                       whatever a probe or an exception said, no token reaches the store
 */
public record CheckRecord(String operationId, long atMs, MonitorStatus status, long responseTimeMs, String details) {
    /**
     * Validates the record.
     *
     * @throws IllegalArgumentException if the status is not UP or DOWN, or the time is negative
     */
    public CheckRecord {
        Objects.requireNonNull(operationId, "operationId");
        Objects.requireNonNull(status, "status");
        details = Redaction.redact(Objects.requireNonNull(details, "details"));
        if (status != MonitorStatus.UP && status != MonitorStatus.DOWN) {
            throw new IllegalArgumentException("a check record's status is UP or DOWN, not " + status);
        }
        if (responseTimeMs < 0) {
            throw new IllegalArgumentException("responseTimeMs = " + responseTimeMs + " must be >= 0");
        }
    }
}
