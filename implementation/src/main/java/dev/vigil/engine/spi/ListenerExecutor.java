package dev.vigil.engine.spi;

/**
 * Runs event deliveries (SPEC "Events"): one at a time, in the order they were handed over, on a
 * thread that holds no monitor lane, never inline in {@link #execute}. A delivery may take as long
 * as its listeners take; it delays later deliveries, never the engine's commands.
 */
@FunctionalInterface
public interface ListenerExecutor {
    /**
     * Queues one delivery; returns at once.
     *
     * @param delivery delivers one event to every listener; run after every delivery queued
     *                 before it
     */
    void execute(Runnable delivery);
}
