package dev.vigil.engine.event;

/**
 * Receives the engine's events. Called on the thread that committed the change, while that
 * monitor's lane is held: return quickly and hand slow work to your own executor. A listener
 * that throws is logged and skipped; it never breaks the engine or other listeners.
 */
@FunctionalInterface
public interface EngineListener {
    /**
     * Receives one event.
     *
     * @param event what happened
     */
    void onEvent(EngineEvent event);
}
