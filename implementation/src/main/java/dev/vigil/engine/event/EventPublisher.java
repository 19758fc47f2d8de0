package dev.vigil.engine.event;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/** Delivers events to every registered listener in registration order, isolating their failures. */
public final class EventPublisher {
    private static final System.Logger LOG = System.getLogger(EventPublisher.class.getName());
    private final List<EngineListener> listeners = new CopyOnWriteArrayList<>();

    /**
     * A publisher.
     *
     * @param initial the listeners to start with, in order
     */
    public EventPublisher(List<EngineListener> initial) {
        initial.forEach(this::add);
    }

    /**
     * Adds a listener after the others.
     *
     * @param listener the listener
     */
    public void add(EngineListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Removes a listener.
     *
     * @param listener the listener
     * @return {@code false} if it was not registered
     */
    public boolean remove(EngineListener listener) {
        return listeners.remove(listener);
    }

    /**
     * Delivers an event to every listener; a listener that throws is logged and skipped.
     *
     * @param event the event
     */
    public void publish(EngineEvent event) {
        Objects.requireNonNull(event, "event");
        for (EngineListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException | Error failure) {
                if (failure instanceof VirtualMachineError fatal) {
                    throw fatal;
                }
                LOG.log(System.Logger.Level.WARNING, "listener " + listener + " threw on " + event + "; skipped", failure);
            }
        }
    }
}
