package dev.vigil.model;

/**
 * A probe attempt that is out: the simulator decides when (and whether, before its timeout)
 * it returns, with {@link ModelEvent.AttemptCompleted}.
 */
public record InFlightAttempt(int operation, int attempt, String monitorId, long startedAtMs) {
}
