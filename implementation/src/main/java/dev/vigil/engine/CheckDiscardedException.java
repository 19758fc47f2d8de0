package dev.vigil.engine;

import java.util.Objects;

/**
 * The check a {@link VigilEngine#checkNow} caller waited for ended without a result (SPEC R8):
 * it was cancelled (by stop, start, update or another checkNow), its result was refused, its
 * deadline passed after a cancel, or monitoring stopped before it began. Nothing about the
 * monitor changed because of that check; the reason is the one the {@code CheckDiscarded} event
 * gives, when there is such an event.
 */
public final class CheckDiscardedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the check ended without a result. */
    private final String reason;

    /**
     * A check that ended without a result.
     *
     * @param reason why, e.g. "cancelled between attempts"
     */
    public CheckDiscardedException(String reason) {
        super("the check ended without a result: " + Objects.requireNonNull(reason, "reason"));
        this.reason = reason;
    }

    /**
     * Why the check ended without a result.
     *
     * @return the reason, as the {@code CheckDiscarded} event words it
     */
    public String reason() {
        return reason;
    }
}
