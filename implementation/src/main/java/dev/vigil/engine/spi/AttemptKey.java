package dev.vigil.engine.spi;

/**
 * Identifies one probe attempt.
 *
 * @param monitorId   the monitor probed
 * @param operationId the operation the attempt belongs to
 * @param attempt     the attempt's number in the operation, 1-based
 */
public record AttemptKey(String monitorId, String operationId, int attempt) {
    /**
     * Validates the key.
     *
     * @throws IllegalArgumentException if {@code attempt} is below 1
     */
    public AttemptKey {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt = " + attempt + " must be >= 1");
        }
    }
}
