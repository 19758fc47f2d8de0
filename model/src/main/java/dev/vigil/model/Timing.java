package dev.vigil.model;

/** The two time formulas of SPEC §1 and docs/SEMANTICS.md, kept in one place so both uses agree. */
final class Timing {

    /** SPEC §1: the slack behind the last attempt before the deadline fires. */
    static final long TIMEOUT_BUFFER_MS = 5_000;
    static final long BACKOFF_MS_INITIAL = 500;
    static final long BACKOFF_MS_MAX = 5_000;

    private Timing() {
    }

    /** The back-off after failed attempt {@code k} (1-based): {@code min(500·2^(k-1), 5000)}. */
    static long backoffMs(int failedAttempt) {
        // 500·2^4 already exceeds the cap, so the shift never overflows.
        int doublings = Math.min(Math.max(failedAttempt - 1, 0), 4);
        return Math.min(BACKOFF_MS_INITIAL << doublings, BACKOFF_MS_MAX);
    }

    /** The sum of the back-offs between {@code attempts} attempts. */
    static long backoffsMs(int attempts) {
        long sum = 0;
        for (int k = 1; k < attempts; k++) {
            sum += backoffMs(k);
        }
        return sum;
    }

    /** The deadline covers every attempt and every back-off, plus the buffer (SPEC §1). */
    static long deadlineAtMs(long initiatedAtMs, long timeoutMs, int attempts) {
        return initiatedAtMs + attempts * timeoutMs + backoffsMs(attempts) + TIMEOUT_BUFFER_MS;
    }

    /** I8's bound: one interval plus every attempt and back-off. */
    static long detectionBoundMs(ModelSettings settings) {
        return settings.intervalMs() + settings.attempts() * settings.timeoutMs() + backoffsMs(settings.attempts());
    }
}
