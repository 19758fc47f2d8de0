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
    /** The wait after the first failed attempt; it doubles after each further one. */
    public static final long BACKOFF_MS_FIRST = 500;
    /** The longest wait between attempts. */
    public static final long BACKOFF_MS_MAX = 5_000;

    private RetryPolicy() {
    }

    /**
     * The wait after a failed attempt: {@value #BACKOFF_MS_FIRST} ms, doubling, at most {@value #BACKOFF_MS_MAX} ms.
     *
     * @param failedAttempt the failed attempt's number, 1-based
     * @return the wait in ms
     */
    public static long backoffMs(int failedAttempt) {
        if (failedAttempt < 1) {
            throw new IllegalArgumentException("failedAttempt = " + failedAttempt + " must be >= 1");
        }
        // Past 2^4 the cap applies; clamping the shift keeps it from overflowing for large attempt numbers.
        long backoff = BACKOFF_MS_FIRST << Math.min(failedAttempt - 1, 16);
        return Math.min(backoff, BACKOFF_MS_MAX);
    }

    /**
     * The operation deadline's delay, long enough to cover every attempt.
     *
     * @param settings the monitor's settings
     * @return attempts × timeoutMs + the back-offs between them + {@link #TIMEOUT_BUFFER_MS}
     */
    public static long deadlineDelayMs(MonitorSettings settings) {
        long backoffs = 0;
        for (int failed = 1; failed < settings.attempts(); failed++) {
            backoffs += backoffMs(failed);
        }
        return settings.attempts() * settings.timeoutMs() + backoffs + TIMEOUT_BUFFER_MS;
    }
}
