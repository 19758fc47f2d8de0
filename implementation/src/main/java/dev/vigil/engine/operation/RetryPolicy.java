package dev.vigil.engine.operation;

import dev.vigil.engine.MonitorSettings;

/**
 * The timing of attempts (SPEC §1): back-off between attempts and the operation deadline that
 * covers every attempt. Pure functions; the deadline is a strategy so that harness variants can
 * reproduce the known upstream bug of a deadline that ignores retries.
 */
public final class RetryPolicy {
    /** Slack after the last possible attempt before the deadline fires. */
    public static final long TIMEOUT_BUFFER_MS = 5_000;
    public static final long BACKOFF_MS_FIRST = 500;
    public static final long BACKOFF_MS_MAX = 5_000;

    private RetryPolicy() {
    }

    /** The wait after failed attempt {@code failedAttempt} (1-based): 500 ms, doubling, at most 5 000 ms. */
    public static long backoffMs(int failedAttempt) {
        if (failedAttempt < 1) {
            throw new IllegalArgumentException("failedAttempt = " + failedAttempt + " must be >= 1");
        }
        // Past 2^4 the cap applies; clamping the shift keeps it from overflowing for large attempt numbers.
        long backoff = BACKOFF_MS_FIRST << Math.min(failedAttempt - 1, 16);
        return Math.min(backoff, BACKOFF_MS_MAX);
    }

    /** attempts × timeoutMs + the back-offs between them + {@link #TIMEOUT_BUFFER_MS}: covers every attempt. */
    public static long deadlineDelayMs(MonitorSettings settings) {
        long backoffs = 0;
        for (int failed = 1; failed < settings.attempts(); failed++) {
            backoffs += backoffMs(failed);
        }
        return settings.attempts() * settings.timeoutMs() + backoffs + TIMEOUT_BUFFER_MS;
    }
}
