package dev.vigil.engine.spi;

/** A scheduled timer. Cancelling is idempotent; a cancelled timer never runs its task. */
public interface TimerHandle {
    /**
     * Cancels the timer.
     *
     * @return {@code false} if it already ran or was cancelled
     */
    boolean cancel();
}
