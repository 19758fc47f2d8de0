package dev.vigil.model;

import io.vavr.control.Option;

/**
 * The settings of a monitor the model cares about. Any values can be constructed; the model
 * validates them when a command uses them (R1) and rejects invalid ones as a failed command.
 *
 * @param intervalMs    the tick interval, {@value #INTERVAL_MS_MIN} … {@value #INTERVAL_MS_MAX}
 * @param timeoutMs     the per-attempt timeout, {@value #TIMEOUT_MS_MIN} … {@value #TIMEOUT_MS_MAX}
 * @param retryAttempts extra attempts after the first, {@value #RETRY_ATTEMPTS_MIN} … {@value #RETRY_ATTEMPTS_MAX}
 */
public record ModelSettings(long intervalMs, long timeoutMs, int retryAttempts) {

    /** The smallest interval: SPEC allows 5 000, the simulation goes down to 1 000. */
    public static final long INTERVAL_MS_MIN = 1_000;
    /** 30 days. */
    public static final long INTERVAL_MS_MAX = 30L * 24 * 60 * 60 * 1_000;
    /** The smallest per-attempt timeout. */
    public static final long TIMEOUT_MS_MIN = 1_000;
    /** The largest per-attempt timeout. */
    public static final long TIMEOUT_MS_MAX = 300_000;
    /** No retries. */
    public static final int RETRY_ATTEMPTS_MIN = 0;
    /** At most ten extra attempts. */
    public static final int RETRY_ATTEMPTS_MAX = 10;

    /** @return attempts per operation: {@code retryAttempts + 1} */
    public int attempts() {
        return retryAttempts + 1;
    }

    /** @return the first broken bound, naming the field and its range; empty if the settings are valid (R1) */
    public Option<String> validationError() {
        if (intervalMs < INTERVAL_MS_MIN || intervalMs > INTERVAL_MS_MAX) {
            return Option.some("intervalMs " + intervalMs + " is outside " + INTERVAL_MS_MIN + " … " + INTERVAL_MS_MAX);
        }
        if (timeoutMs < TIMEOUT_MS_MIN || timeoutMs > TIMEOUT_MS_MAX) {
            return Option.some("timeoutMs " + timeoutMs + " is outside " + TIMEOUT_MS_MIN + " … " + TIMEOUT_MS_MAX);
        }
        if (retryAttempts < RETRY_ATTEMPTS_MIN || retryAttempts > RETRY_ATTEMPTS_MAX) {
            return Option.some("retryAttempts " + retryAttempts + " is outside " + RETRY_ATTEMPTS_MIN + " … " + RETRY_ATTEMPTS_MAX);
        }
        return Option.none();
    }

    @Override
    public String toString() {
        return "interval " + intervalMs + " ms, timeout " + timeoutMs + " ms, retries " + retryAttempts;
    }
}
