package dev.vigil.engine.event;

/**
 * Receives the engine's events (SPEC "Events"). Each event is delivered after the transaction
 * that caused it committed, on the engine's event thread, which holds no monitor's lane: a
 * listener may call any engine command, on any monitor, its own included. Events of one monitor
 * arrive in the order their transactions committed. Listeners run one at a time: a slow one
 * delays the events after it, never a command. A listener that throws is logged and skipped; it
 * never breaks the engine or other listeners.
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
