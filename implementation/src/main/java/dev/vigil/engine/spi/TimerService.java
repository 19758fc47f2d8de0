package dev.vigil.engine.spi;

/**
 * Runs a task after a delay on the engine's monotonic clock. Every timer carries a label
 * (kind, monitor, operation) so that a simulated runtime can show and order them.
 */
public interface TimerService {
    /**
     * Schedules {@code task} to run {@code delayMs} from now.
     *
     * @param kind        what the timer is for
     * @param monitorId   the monitor the timer belongs to
     * @param operationId the operation the timer belongs to, or {@code null} for {@link TimerKind#TICK}
     * @param delayMs     the delay on the monotonic clock, in ms, 0 or more
     * @param task        what to run
     * @return a handle to cancel it
     */
    TimerHandle schedule(TimerKind kind, String monitorId, String operationId, long delayMs, Runnable task);
}
