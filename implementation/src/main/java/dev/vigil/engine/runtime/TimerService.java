package dev.vigil.engine.runtime;

/**
 * Runs a task after a delay on the engine's monotonic clock. Every timer carries a label
 * (kind, monitor, operation) so that a simulated runtime can show and order them.
 */
public interface TimerService {
    /**
     * Schedules {@code task} to run {@code delayMs} from now.
     *
     * @param operationId the operation the timer belongs to, or {@code null} for {@link TimerKind#TICK}
     */
    TimerHandle schedule(TimerKind kind, String monitorId, String operationId, long delayMs, Runnable task);
}
