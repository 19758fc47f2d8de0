package dev.vigil.engine.runtime;

/**
 * The runtime seam: every source of time, waiting, concurrency and randomness the engine uses.
 * {@link ProductionRuntime} binds it to the JDK; a simulator binds it to one thread and a
 * virtual clock. Engine code reaches none of these except through this interface.
 */
public interface EngineRuntime extends AutoCloseable {
    EngineClock clock();

    TimerService timers();

    ProbeExecutor probes();

    OperationIdSource operationIds();

    /** Runs event deliveries, one at a time in order, on a thread that holds no monitor lane. */
    ListenerExecutor listeners();

    /**
     * Stops timers, waits up to {@code waitMs} for in-flight probe attempts to finish, then, within
     * what is left of that time, for the event deliveries already queued. Timers scheduled after
     * closing never run.
     */
    void close(long waitMs);

    @Override
    default void close() {
        close(5_000);
    }
}
