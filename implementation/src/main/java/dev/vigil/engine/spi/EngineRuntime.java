package dev.vigil.engine.spi;

import dev.vigil.engine.EngineClock;

/**
 * The runtime seam: every source of time, waiting, concurrency and randomness the engine uses.
 * The engine's own production runtime (the default of {@link
 * dev.vigil.engine.VigilEngine.Builder#runtime}) binds it to the JDK; a simulator binds it to one
 * thread and a virtual clock. Engine code reaches none of these except through this interface.
 */
public interface EngineRuntime extends AutoCloseable {
    /**
     * The engine's only source of time.
     *
     * @return the clock: monotonic for timing, wall time for history labels
     */
    EngineClock clock();

    /**
     * Schedules the engine's timers (tick, attempt timeout, retry, deadline) on the monotonic clock.
     *
     * @return the timer service
     */
    TimerService timers();

    /**
     * Runs probe attempts asynchronously.
     *
     * @return the probe executor
     */
    ProbeExecutor probes();

    /**
     * Issues candidate operation ids (UUIDs in production).
     *
     * @return the id source
     */
    OperationIdSource operationIds();

    /**
     * Runs event deliveries, one at a time in order, on a thread that holds no monitor lane.
     *
     * @return the listener executor
     */
    ListenerExecutor listeners();

    /**
     * Stops timers, waits up to {@code waitMs} for in-flight probe attempts to finish, then, within
     * what is left of that time, for the event deliveries already queued. Timers scheduled after
     * closing never run.
     *
     * @param waitMs the longest wait in ms, for probes and deliveries together; 0 waits not at
     *               all
     */
    void close(long waitMs);

    /** {@link #close(long)} with a wait of 5 000 ms. */
    @Override
    default void close() {
        close(5_000);
    }
}
