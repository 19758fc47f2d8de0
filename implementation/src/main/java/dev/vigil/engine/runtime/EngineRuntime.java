package dev.vigil.engine.runtime;

/**
 * The runtime seam: every source of time, waiting, concurrency and randomness the engine uses.
 * {@link ProductionRuntime} binds it to the JDK; a simulator binds it to one thread and a
 * virtual clock. Engine code reaches none of these except through this interface.
 */
public interface EngineRuntime extends AutoCloseable {
    /**
     * The engine's only source of time.
     *
     * @return the clock
     */
    EngineClock clock();

    /**
     * Where timers (ticks, deadlines, back-offs) are scheduled.
     *
     * @return the timer service
     */
    TimerService timers();

    /**
     * Where probe attempts run.
     *
     * @return the probe executor
     */
    ProbeExecutor probes();

    /**
     * Where operation ids come from.
     *
     * @return the id source
     */
    OperationIdSource operationIds();

    /**
     * Stops timers and waits up to {@code waitMs} for in-flight probe attempts to finish.
     * Timers scheduled after closing never run.
     *
     * @param waitMs how long to wait for in-flight attempts, in ms
     */
    void close(long waitMs);

    @Override
    default void close() {
        close(5_000);
    }
}
