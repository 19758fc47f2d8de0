package dev.vigil.engine.runtime;

/** Identifies one probe attempt: attempt {@code attempt} (1-based) of operation {@code operationId}. */
public record AttemptKey(String monitorId, String operationId, int attempt) {
    public AttemptKey {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt = " + attempt + " must be >= 1");
        }
    }
}
