package dev.vigil.engine.event;

import dev.vigil.engine.Redaction;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/** Delivers events to every registered listener in registration order, isolating their failures. */
public final class EventPublisher {
    private static final System.Logger LOG = System.getLogger(EventPublisher.class.getName());
    private final List<EngineListener> listeners = new CopyOnWriteArrayList<>();

    public EventPublisher(List<EngineListener> initial) {
        initial.forEach(this::add);
    }

    public void add(EngineListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public boolean remove(EngineListener listener) {
        return listeners.remove(listener);
    }

    public void publish(EngineEvent event) {
        Objects.requireNonNull(event, "event");
        for (EngineListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException | Error failure) {
                if (failure instanceof VirtualMachineError fatal) {
                    throw fatal;
                }
                LOG.log(System.Logger.Level.WARNING, Redaction.redact("listener " + listener + " threw on " + event + "; skipped"), failure);
            }
        }
    }
}
